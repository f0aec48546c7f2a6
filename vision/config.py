"""Configuration from the environment (see README: Configuration)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEV_COOKIE_KEY = "development-only-cookie-key"


@dataclass(frozen=True)
class Config:
    env: str
    db_path: Path
    credentials_path: Path
    cookie_key: str
    cookie_name: str
    public_url: str | None
    min_free_mb: int = 200            # make run refuses to start with less free space beside the database
    backup_dir: Path = Path("data") / "backups"
    backup_minutes: float = 10.0      # a backup every so many minutes while anything is written (0: none)
    backup_keep: int = 12             # the newest automatic backups kept

    @property
    def is_development(self) -> bool:
        return self.env == "development"

    def problems(self) -> list[str]:
        """Reasons the app must not serve (outside development)."""
        out = []
        if not self.is_development and (not self.cookie_key or self.cookie_key == DEV_COOKIE_KEY
                                        or len(self.cookie_key) < 32):
            out.append(
                "VISIONSDAG_COOKIE_KEY mangler eller er for kort (mindst 32 tegn). "
                "Sæt en hemmelig nøgle, eller brug 'make run', som laver én i secrets/cookie.key.")
        return out


ROOT = Path(__file__).resolve().parent.parent


def db_path() -> Path:
    """``VISIONSDAG_DB``: the database file."""
    return Path(os.environ.get("VISIONSDAG_DB") or "data/visionsdag.duckdb")


def upload_dir() -> Path:
    """``VISIONSDAG_UPLOAD_DIR``: edited timeline and governance files uploaded by the secretariat."""
    return Path(os.environ.get("VISIONSDAG_UPLOAD_DIR") or ROOT / "data" / "uploads")


def backup_dir() -> Path:
    """``VISIONSDAG_BACKUP_DIR``: where the admin page's backups go, one folder per backup."""
    return Path(os.environ.get("VISIONSDAG_BACKUP_DIR") or Path("data") / "backups")


def allocator_tuned() -> bool:
    """``VISIONSDAG_ALLOCATOR``: ``glibc`` leaves the C library's allocator at its defaults."""
    return os.environ.get("VISIONSDAG_ALLOCATOR", "").strip().lower() != "glibc"


def load() -> Config:
    env = os.environ.get("VISIONSDAG_ENV", "production").strip().lower()
    key = os.environ.get("VISIONSDAG_COOKIE_KEY", "").strip()
    key_file = Path(os.environ.get("VISIONSDAG_COOKIE_KEY_FILE", "secrets/cookie.key"))
    if not key and key_file.exists():
        key = key_file.read_text(encoding="utf-8").strip()
    if not key and env == "development":
        key = DEV_COOKIE_KEY
    return Config(
        env=env,
        db_path=db_path(),
        credentials_path=Path(os.environ.get("VISIONSDAG_CREDENTIALS", "secrets/credentials.yaml")),
        cookie_key=key,
        cookie_name=os.environ.get("VISIONSDAG_COOKIE_NAME", "visionsdag_login"),
        public_url=os.environ.get("VISIONSDAG_PUBLIC_URL") or None,
        min_free_mb=_number("VISIONSDAG_MIN_FREE_MB", 200, int),
        backup_dir=Path(os.environ.get("VISIONSDAG_BACKUP_DIR") or Path("data") / "backups"),
        backup_minutes=_number("VISIONSDAG_BACKUP_MINUTES", 10.0, float),
        backup_keep=max(1, _number("VISIONSDAG_BACKUP_KEEP", 12, int)),
    )


def _number(name: str, default, kind):
    """A number from the environment; a value that is not one is an error naming the variable."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise ValueError(f"{name}={raw!r} er ikke et tal") from None
    if value < 0:
        raise ValueError(f"{name}={raw!r} må ikke være negativ")
    return value

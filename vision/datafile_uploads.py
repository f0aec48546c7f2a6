"""The process and governance files in use: the repository's, each overridden by a
secretariat's validated upload until it is reverted.

An upload is validated completely (also against the region's governance file, or, for a
governance file, against the processes that name its bodies) and only then written,
atomically, to the upload directory (``data/uploads/`` or ``$VISIONSDAG_UPLOAD_DIR``).
A stored upload that no longer validates falls back to the repository file and says why.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel

from vision import config
from vision.datafiles import DataFileError, _node_for, parse_yaml
from vision.governance import Governance
from vision.processes import _ID, GOVERNANCE_DIR, PROCESS_DIR, REGIONS, Process


# -- cross-file checks ----------------------------------------------------------------

def _line_of(text: str, loc: tuple[Any, ...]) -> int | None:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    node = _node_for(root, loc)
    return node.start_mark.line + 1 if node is not None else None


def check_process_against_governance(process: Process, text: str, filename: str,
                                     governance: Governance | None) -> None:
    """Every 'responsible' must name a body in the region's governance file."""
    refs = process.responsible_refs()
    if not refs:
        return
    if governance is None:
        loc, _ = refs[0]
        raise DataFileError(
            filename, _line_of(text, loc), ".".join(map(str, loc)),
            f"der findes ingen styringsfil for regionen '{process.region}', "
            "så det ansvarlige organ kan ikke findes",
        )
    ids = {b.id for b in governance.bodies}
    for loc, body_id in refs:
        if body_id not in ids:
            raise DataFileError(
                filename, _line_of(text, loc), ".".join(map(str, loc)),
                f"ukendt organ '{body_id}' – det findes ikke i styringsfilen for "
                f"{REGIONS.get(process.region, process.region)}",
            )


def check_governance_keeps_references(gov: Governance, text: str, filename: str,
                                      processes: list[Process]) -> None:
    """A governance file may not drop a body that a process of its region names."""
    ids = {b.id for b in gov.bodies}
    for process in processes:
        if process.region != gov.region:
            continue
        for _loc, body_id in process.responsible_refs():
            if body_id not in ids:
                raise DataFileError(
                    filename, _line_of(text, ("bodies",)), "bodies",
                    f"organet '{body_id}' mangler, men procesfilen '{process.id}.yaml' "
                    "bruger det som ansvarligt organ",
                )


# -- the store of files: repository files, overridden by uploads ------------------------

Kind = Literal["processes", "governance"]
_MODELS: dict[str, type[BaseModel]] = {"processes": Process, "governance": Governance}
_REPO_DIRS: dict[str, Path] = {"processes": PROCESS_DIR, "governance": GOVERNANCE_DIR}
MAX_UPLOAD_BYTES = 256 * 1024


def upload_dir() -> Path:
    return config.upload_dir()


@dataclass(frozen=True)
class Loaded:
    """One active data file: the model, where it came from, and any upload problem."""

    model: Any
    path: Path
    uploaded: bool
    upload_error: str | None = None  # a stored upload that no longer validates

    @property
    def id(self) -> str:
        return self.model.id


def _load(path: Path, kind: Kind) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataFileError(path.name, None, None, "filen er ikke UTF-8-kodet") from exc
    model = parse_yaml(text, _MODELS[kind], path.name)
    if model.id != path.stem:
        raise DataFileError(
            path.name, _line_of(text, ("id",)), "id",
            f"id '{model.id}' skal være det samme som filnavnet ('{path.stem}')",
        )
    return model


def repo_files(kind: Kind, repo_dir: Path | None = None) -> list[Path]:
    return sorted((repo_dir or _REPO_DIRS[kind]).glob("*.yaml"))


def load_active(kind: Kind, repo_dir: Path | None = None) -> list[Loaded]:
    """Every file of ``kind``: the uploaded version where one exists, else the repo's.

    Repository files must load (a broken one raises :class:`DataFileError`); a stored
    upload that fails falls back to the repository file and reports why.
    """
    out: list[Loaded] = []
    up = upload_dir() / kind
    for path in repo_files(kind, repo_dir):
        model = _load(path, kind)
        upath = up / path.name
        if upath.exists():
            try:
                out.append(Loaded(_load(upath, kind), upath, True))
                continue
            except DataFileError as exc:
                out.append(Loaded(model, path, False, upload_error=str(exc)))
                continue
        out.append(Loaded(model, path, False))
    return out


def load_processes(repo_dir: Path | None = None) -> list[Loaded]:
    return load_active("processes", repo_dir)


def load_governance(repo_dir: Path | None = None) -> list[Loaded]:
    return load_active("governance", repo_dir)


def governance_for(region: str) -> Governance | None:
    for item in load_governance():
        if item.model.region == region:
            return item.model
    return None


def validate_upload(kind: Kind, filename: str, content: bytes) -> Any:
    """Validate an uploaded file completely; return its model or raise DataFileError."""
    name = Path(filename or "upload.yaml").name
    if len(content) > MAX_UPLOAD_BYTES:
        raise DataFileError(name, None, None, "filen er for stor (højst 256 KB)")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataFileError(name, None, None, "filen er ikke UTF-8-kodet") from exc
    model = parse_yaml(text, _MODELS[kind], name)
    known = {p.stem for p in repo_files(kind)}
    if model.id not in known:
        raise DataFileError(
            name, _line_of(text, ("id",)), "id",
            f"ukendt id '{model.id}' – en uploadet fil erstatter en eksisterende fil; "
            f"brug et af disse id'er: {', '.join(sorted(known))}",
        )
    if kind == "processes":
        check_process_against_governance(model, text, name, governance_for(model.region))
    else:
        others = [item.model for item in load_processes()]
        check_governance_keeps_references(model, text, name, others)
    return model


def save_upload(kind: Kind, filename: str, content: bytes) -> Any:
    """Validate, then atomically store an uploaded file; nothing is written on error."""
    model = validate_upload(kind, filename, content)
    target_dir = upload_dir() / kind
    target_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{model.id}.", suffix=".tmp", dir=target_dir)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target_dir / f"{model.id}.yaml")
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return model


def revert_upload(kind: Kind, file_id: str) -> bool:
    """Remove the uploaded version of ``file_id``; True if there was one."""
    if not re.match(_ID, file_id):
        return False
    path = upload_dir() / kind / f"{file_id}.yaml"
    if path.exists():
        path.unlink()
        return True
    return False

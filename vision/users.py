"""Organiser, secretariat and admin logins, kept in a YAML credentials file.

The file has the layout streamlit-authenticator reads; passwords are bcrypt hashes.
It lives outside git (``secrets/credentials.yaml`` by default).

    python -m vision.users add anna --role organiser --name "Anna Jensen"
    python -m vision.users list
    python -m vision.users remove anna
"""

from __future__ import annotations

import argparse
import getpass
import os
import re
import sys
import tempfile
from pathlib import Path

import bcrypt
import yaml

from vision import config, local_time

ROLES = ("organiser", "secretariat", "admin")
USERNAME_RE = re.compile(r"^[a-z0-9._-]{2,32}$")
MIN_PASSWORD = 10
# bcrypt's cost: 2**12 rounds, about a quarter of a second a hash or a login on this kind of
# machine (a guesser's cost too). The tests lower it (tests/conftest.py) to spend less time on it.
BCRYPT_ROUNDS = 12


class UserFileError(ValueError):
    pass


def read(path: Path) -> dict:
    if not path.exists():
        return {"credentials": {"usernames": {}}}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    data.setdefault("credentials", {}).setdefault("usernames", {})
    return data


def write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".credentials-")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        yaml.safe_dump(data, fh, allow_unicode=True, sort_keys=True)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(BCRYPT_ROUNDS)).decode("ascii")


def add_user(path: Path, username: str, password: str, role: str, name: str | None = None,
             email: str | None = None) -> None:
    username = username.strip().lower()
    if not USERNAME_RE.match(username):
        raise UserFileError("Brugernavnet skal være 2-32 tegn: a-z, 0-9, punktum, bindestreg eller understreg.")
    if role not in ROLES:
        raise UserFileError(f"Rollen skal være en af: {', '.join(ROLES)}.")
    if len(password) < MIN_PASSWORD:
        raise UserFileError(f"Adgangskoden skal have mindst {MIN_PASSWORD} tegn.")
    data = read(path)
    data["credentials"]["usernames"][username] = {
        "name": name or username,
        "email": email or f"{username}@example.invalid",
        "password": hash_password(password),
        "roles": [role],
        "failed_login_attempts": 0,
        "logged_in": False,
    }
    write(path, data)


def remove_user(path: Path, username: str) -> bool:
    data = read(path)
    removed = data["credentials"]["usernames"].pop(username, None) is not None
    if removed:
        write(path, data)
    return removed


def list_users(path: Path) -> list[tuple[str, str, str]]:
    users = read(path)["credentials"]["usernames"]
    return [(u, v.get("name", u), ",".join(v.get("roles") or [])) for u, v in sorted(users.items())]


def role_of(path: Path, username: str) -> str | None:
    user = read(path)["credentials"]["usernames"].get(username)
    if not user:
        return None
    roles = [r for r in (user.get("roles") or []) if r in ROLES]
    for r in ("admin", "secretariat", "organiser"):
        if r in roles:
            return r
    return None


def main(argv: list[str] | None = None) -> int:
    if not local_time.start_command():  # the day's time zone, before anything reads the clock
        return 2
    parser = argparse.ArgumentParser(prog="python -m vision.users", description="Manage Visionsdag logins.")
    parser.add_argument("--file", type=Path, default=None, help="credentials file (default from VISIONSDAG_CREDENTIALS)")
    sub = parser.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("add", help="create or replace a user")
    a.add_argument("username")
    a.add_argument("--role", choices=ROLES, required=True)
    a.add_argument("--name")
    a.add_argument("--email")
    a.add_argument("--password-stdin", action="store_true",
                   help="read the password from the first line of standard input (also when it is piped)")
    r = sub.add_parser("remove", help="remove a user")
    r.add_argument("username")
    sub.add_parser("list", help="list users")
    args = parser.parse_args(argv)
    path = args.file or config.load().credentials_path
    try:
        if args.cmd == "add":
            if args.password_stdin or not sys.stdin.isatty():
                # Piped in (``printf '%s\n' "$PW" | make user ...``): one line, no prompt, and no
                # warning that the password may be echoed (nothing is shown).
                password = sys.stdin.readline().rstrip("\r\n")
            else:
                password = getpass.getpass("Adgangskode: ")
                if getpass.getpass("Gentag adgangskode: ") != password:
                    print("Adgangskoderne er ikke ens.", file=sys.stderr)
                    return 2
            add_user(path, args.username, password, args.role, args.name, args.email)
            print(f"Brugeren '{args.username}' ({args.role}) er gemt i {path}.")
        elif args.cmd == "remove":
            print("Fjernet." if remove_user(path, args.username) else "Ingen sådan bruger.")
        else:
            for username, name, roles in list_users(path):
                print(f"{username}\t{roles}\t{name}")
    except UserFileError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Reading configuration from the environment, with embedded defaults for one machine.

Secrets come from the environment in production. On a developer's or a small
deployment's machine they are generated once into the ``var/`` folder, and a
warning asks the operator to back them up: losing the data-encryption key makes
every encrypted case record unreadable.
"""

from __future__ import annotations

import base64
import os
import secrets
import sys
from pathlib import Path


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


PRIVATE_UMASK = 0o077


def private_dir(path: Path) -> Path:
    """Create ``path`` readable by its owner only (0700), or narrow an existing one we own to 0700.

    ``var/`` holds the SQLite database, the keys and uploads: no other account on the machine
    may list or read it.
    """
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = path.stat()
    if info.st_uid == os.getuid() and info.st_mode & 0o077:
        path.chmod(0o700)
    return path


def create_private_file(path: Path, data: bytes) -> bool:
    """Write ``data`` to a new file readable by its owner only (0600); False if ``path`` already exists.

    O_EXCL: two processes starting at once must not overwrite each other's key.
    """
    private_dir(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return True


def secret_from_env_or_file(*, env: str, path: Path, generate, what: str) -> str:
    """The secret in ``env`` if set; else the content of ``path``, created on first use.

    ``generate`` makes a new secret. Creating the file prints a warning to stderr,
    because a lost key cannot be recovered.
    """
    value = os.environ.get(env)
    if value:
        return value.strip()
    if path.exists():
        return path.read_text().strip()
    value = generate()
    if not create_private_file(path, (value + "\n").encode()):
        return path.read_text().strip()  # another process made it first
    print(
        f"WARNING: generated a new {what} in {path}. Back this file up now and keep it secret; "
        f"in production set {env} instead.",
        file=sys.stderr,
    )
    return value


def new_secret_key() -> str:
    return secrets.token_urlsafe(50)


def new_master_key() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()

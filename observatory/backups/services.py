"""Creating, verifying and restoring encrypted backups.

A backup is one file, ``observatory-backup-<time>.obk``: a tar archive, encrypted as a stream
with the backup key (``stream.py``), holding

- ``manifest.json``: when, which database engine, the applied migrations, the row count and
  digest of every table, the uploaded files with their SHA-256, the audit trail's head;
- ``database.sqlite3`` (SQLite online backup) or ``database.pgdump`` (``pg_dump``, custom format);
- ``media/...``: uploaded files (attachments), when they are kept on local disk;
- ``audit-checkpoint.json`` and ``audit-public-key.pem``: a signed checkpoint made with the backup.

Never in a backup: the master key, the audit key, the checkpoint signing key, the secret key or
the backup key itself. A restore needs the backup key; reading case identities afterwards needs
the master key, kept apart (see docs/backups.md, and ``observatory backup split-key``).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tarfile
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from observatory.backups import snapshot, stream
from observatory.conf import create_private_file, new_master_key
from observatory.core.files import file_sha256

FORMAT = "observatory-backup-manifest/1"
DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(RuntimeError):
    """A backup that cannot be made, read or restored; the message says why and what to do."""


@dataclass
class BackupReport:
    path: Path
    manifest: dict
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def backup_key() -> bytes:
    text = os.environ.get("OBSERVATORY_BACKUP_KEY", "").strip()
    path = Path(settings.BACKUP_KEY_FILE)
    if not text:
        if not path.exists():
            raise BackupError(f"No backup key: set OBSERVATORY_BACKUP_KEY, or run `observatory backup key` to "
                              f"create {path}.")
        text = path.read_text().strip()
    try:
        return stream.decode_key(text)
    except ValueError as error:
        raise BackupError(str(error)) from error


def backup_key_create() -> Path:
    """Create ``var/backup.key`` (0600) if there is none; returns its path."""
    path = Path(settings.BACKUP_KEY_FILE)
    create_private_file(path, (new_master_key() + "\n").encode())  # 32 random bytes, as the master key
    return path


def _media_root() -> Path | None:
    storage = settings.STORAGES.get("default", {})
    if storage.get("BACKEND") != "django.core.files.storage.FileSystemStorage":
        return None  # object storage keeps its own versions; see docs/backups.md
    return Path(storage.get("OPTIONS", {}).get("location") or settings.MEDIA_ROOT)


def _migrations() -> list[list[str]]:
    return sorted([a, n] for a, n in MigrationRecorder(connection).applied_migrations())


def _work_dir() -> tempfile.TemporaryDirectory:
    base = Path(settings.VAR_DIR) / "tmp"
    base.mkdir(mode=0o700, parents=True, exist_ok=True)
    return tempfile.TemporaryDirectory(prefix="backup-", dir=base)


def backup_create(*, directory: Path | None = None, now: datetime | None = None) -> BackupReport:
    """Write an encrypted backup into ``directory`` (default ``var/backups``) and return its report."""
    from observatory.audit import checkpoints

    key = backup_key()
    now = now or datetime.now(UTC)
    directory = Path(directory or settings.BACKUP_DIR)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = directory / f"observatory-backup-{now:%Y%m%dT%H%M%SZ}.obk"
    with _work_dir() as work:
        work = Path(work)
        dump = work / DUMP_NAMES.get(snapshot.engine(), "database")
        tables = snapshot.database_copy(dump)
        checkpoint = checkpoints.make_checkpoint()
        media_root = _media_root()
        media = []
        if media_root and media_root.is_dir():
            for path in sorted(p for p in media_root.rglob("*") if p.is_file()):
                media.append({"name": path.relative_to(media_root).as_posix(), "bytes": path.stat().st_size,
                              "sha256": file_sha256(path)})
        manifest = {
            "format": FORMAT,
            "created_at": now.isoformat(timespec="seconds"),
            "engine": snapshot.engine(),
            "database": dump.name,
            "database_sha256": file_sha256(dump),
            "migrations": _migrations(),
            "tables": tables,
            "media": media if media_root else None,
            "audit": {"seq": checkpoint["seq"], "hash": checkpoint["hash"]},
        }
        plain = work / "backup.tar"
        with tarfile.open(plain, "w") as tar:
            _add_bytes(tar, "manifest.json", json.dumps(manifest, indent=1, sort_keys=True).encode())
            tar.add(dump, arcname=dump.name)
            _add_bytes(tar, "audit-checkpoint.json", json.dumps(checkpoint, indent=2, sort_keys=True).encode())
            _add_bytes(tar, "audit-public-key.pem", checkpoints.public_key_pem().encode())
            for item in media:
                tar.add(media_root / item["name"], arcname=f"media/{item['name']}")
        partial = target.with_suffix(".partial")
        try:
            with plain.open("rb") as source, partial.open("wb") as out:
                stream.encrypt(source, out, key=key, meta={"created_at": manifest["created_at"]})
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
    return BackupReport(target, manifest)


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


def _open(path: Path, work: Path) -> tuple[dict, Path]:
    """Decrypt and unpack ``path`` into ``work``; the manifest and the folder. Raises ``BackupError``."""
    key = backup_key()
    plain = work / "backup.tar"
    try:
        with Path(path).open("rb") as source, plain.open("wb") as out:
            stream.decrypt(source, out, key=key)
    except FileNotFoundError as error:
        raise BackupError(f"No backup file {path}.") from error
    except stream.BackupFormatError as error:
        raise BackupError(str(error)) from error
    unpacked = work / "unpacked"
    with tarfile.open(plain) as tar:
        tar.extractall(unpacked, filter="data")  # refuses absolute paths, links out and device files
    plain.unlink()
    try:
        manifest = json.loads((unpacked / "manifest.json").read_text())
    except (OSError, ValueError) as error:
        raise BackupError("The backup has no readable manifest.") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"The backup's manifest is not {FORMAT}.")
    return manifest, unpacked


def _check_contents(manifest: dict, unpacked: Path) -> list[str]:
    problems = []
    dump = unpacked / manifest["database"]
    if not dump.is_file() or file_sha256(dump) != manifest["database_sha256"]:
        problems.append("the database copy does not match its manifest")
    for item in manifest.get("media") or []:
        path = unpacked / "media" / item["name"]
        if not path.is_file() or file_sha256(path) != item["sha256"]:
            problems.append(f"uploaded file {item['name']} is missing or differs")
    if manifest["engine"] == "sqlite" and not problems:
        copy = snapshot.sqlite_digests(dump)
        for table, digest in manifest["tables"].items():
            if copy.get(table) != digest:
                problems.append(f"table {table} in the copy differs from the manifest")
    return problems


def backup_verify(path: Path) -> BackupReport:
    """Decrypt and check a backup without touching the database: every part against the manifest."""
    with _work_dir() as work:
        manifest, unpacked = _open(path, Path(work))
        return BackupReport(Path(path), manifest, _check_contents(manifest, unpacked))


def compare_tables(expected: dict, actual: dict) -> list[str]:
    problems = []
    for table, digest in sorted(expected.items()):
        found = actual.get(table)
        if found is None:
            problems.append(f"table {table} is missing")
        elif found["rows"] != digest["rows"]:
            problems.append(f"table {table} has {found['rows']} rows, the backup {digest['rows']}")
        elif found["sha256"] != digest["sha256"]:
            problems.append(f"table {table} has the same number of rows but different contents")
    return problems


def backup_restore(path: Path) -> BackupReport:
    """Replace the database (and local uploads) with the backup's, after checking every part of it.

    Nothing is changed unless the whole backup decrypts and matches its manifest. Stop the web
    server and the worker first. Afterwards every table is compared with the manifest again.
    """
    with _work_dir() as work:
        manifest, unpacked = _open(path, Path(work))
        problems = _check_contents(manifest, unpacked)
        if problems:
            raise BackupError("The backup is damaged; nothing was restored: " + "; ".join(problems) + ".")
        if manifest["engine"] != snapshot.engine():
            raise BackupError(f"The backup is of a {manifest['engine']} database and this site uses "
                              f"{snapshot.engine()}; nothing was restored.")
        snapshot.database_restore(unpacked / manifest["database"])
        media_root = _media_root()
        if manifest.get("media") is not None and media_root is not None:
            source = unpacked / "media"
            if media_root.exists():
                aside = media_root.with_name(f"{media_root.name}.before-restore-{datetime.now(UTC):%Y%m%dT%H%M%S}")
                os.replace(media_root, aside)
            if source.is_dir():
                shutil.move(str(source), str(media_root))
            else:
                media_root.mkdir(mode=0o700, parents=True)
        problems = compare_tables(manifest["tables"], snapshot.live_digests())
    return BackupReport(Path(path), manifest, problems)

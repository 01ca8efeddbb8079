"""Signed checkpoints of the audit trail, kept outside the database.

A checkpoint records the newest entry's sequence number and hash, signed with
an Ed25519 key. Copies kept where the database's writers cannot reach (an
auditor's folder, the system log, the secretariat's mailbox) let
``observatory audit verify --checkpoint FILE`` prove that nothing up to that
entry was removed or rewritten since, including the removal of every entry.

The signing key is ``OBSERVATORY_AUDIT_SIGNING_KEY`` (the 32-byte raw key in
URL-safe base64) or the file ``var/audit-signing.key``, made on first use. An
auditor needs only the public key (``observatory audit public-key``).
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings

from observatory.audit.models import GENESIS_HASH, AuditEntry
from observatory.audit.services import Anchor
from observatory.conf import create_private_file

FORMAT = "observatory-audit-checkpoint/1"
SIGNED_FIELDS = ("format", "seq", "hash", "scheme", "entry_created_at", "created_at", "key_id")
logger = logging.getLogger("observatory.audit.checkpoint")


class CheckpointError(ValueError):
    """A checkpoint file that cannot be trusted: unreadable, malformed or wrongly signed."""


def signing_key() -> Ed25519PrivateKey:
    raw = os.environ.get("OBSERVATORY_AUDIT_SIGNING_KEY", "").strip()
    if raw:
        return Ed25519PrivateKey.from_private_bytes(base64.urlsafe_b64decode(raw + "=="))
    path = Path(settings.AUDIT_SIGNING_KEY_FILE)
    if not path.exists():
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        create_private_file(path, pem)  # if another process made it first, theirs is read below
    return serialization.load_pem_private_key(path.read_bytes(), password=None)


def public_key_pem(key: Ed25519PublicKey | None = None) -> str:
    key = key or signing_key().public_key()
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def load_public_key(pem: bytes) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(pem)
    except ValueError as error:
        raise CheckpointError("The public key is not a PEM public key.") from error
    if not isinstance(key, Ed25519PublicKey):
        raise CheckpointError("The public key is not an Ed25519 key.")
    return key


def key_id(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def _signed_bytes(record: dict) -> bytes:
    return json.dumps({k: record[k] for k in SIGNED_FIELDS}, sort_keys=True, separators=(",", ":")).encode()


def make_checkpoint(*, now: datetime | None = None) -> dict:
    """A signed record of the trail's newest entry (sequence 0 and the genesis hash when empty)."""
    key = signing_key()
    last = AuditEntry.objects.order_by("-seq").only("seq", "hash", "scheme", "created_at").first()
    record = {
        "format": FORMAT,
        "seq": last.seq if last else 0,
        "hash": last.hash if last else GENESIS_HASH,
        "scheme": last.scheme if last else "",
        "entry_created_at": last.created_at.isoformat() if last else "",
        "created_at": (now or datetime.now(UTC)).isoformat(timespec="seconds"),
        "key_id": key_id(key.public_key()),
    }
    record["signature"] = base64.b64encode(key.sign(_signed_bytes(record))).decode()
    return record


def write_checkpoint(record: dict, directory: Path | None = None) -> Path:
    directory = Path(directory or settings.AUDIT_CHECKPOINT_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    stamp = record["created_at"].replace(":", "").replace("-", "").replace("+0000", "Z")
    path = directory / f"audit-checkpoint-{record['seq']:012d}-{stamp}.json"
    path.write_text(json.dumps(record, indent=2, sort_keys=True) + "\n")
    # One line for the system log (journald, syslog): a copy outside this machine's files.
    logger.info("audit checkpoint seq=%s hash=%s key_id=%s", record["seq"], record["hash"], record["key_id"])
    return path


def read_checkpoint(path: Path, public_key: Ed25519PublicKey | None = None) -> dict:
    """The checkpoint in ``path`` after checking its form and signature; ``CheckpointError`` otherwise."""
    try:
        record = json.loads(Path(path).read_text())
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CheckpointError(f"{Path(path).name} cannot be read as a checkpoint ({type(error).__name__}).") from error
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise CheckpointError(f"{Path(path).name} is not an audit checkpoint ({FORMAT}).")
    missing = [k for k in (*SIGNED_FIELDS, "signature") if k not in record]
    if missing:
        raise CheckpointError(f"{Path(path).name} lacks {', '.join(missing)}.")
    if not isinstance(record["seq"], int) or record["seq"] < 0 or not isinstance(record["hash"], str):
        raise CheckpointError(f"{Path(path).name} has a malformed seq or hash.")
    public_key = public_key or signing_key().public_key()
    if record["key_id"] != key_id(public_key):
        raise CheckpointError(f"{Path(path).name} was signed by another key (key id {record['key_id']}).")
    try:
        public_key.verify(base64.b64decode(record["signature"], validate=True), _signed_bytes(record))
    except (InvalidSignature, ValueError) as error:
        raise CheckpointError(f"{Path(path).name} has an invalid signature: it was altered or forged.") from error
    return record


def latest_checkpoint_path(directory: Path | None = None) -> Path | None:
    directory = Path(directory or settings.AUDIT_CHECKPOINT_DIR)
    if not directory.is_dir():
        return None
    files = sorted(directory.glob("audit-checkpoint-*.json"))
    return files[-1] if files else None


def anchor(record: dict, path: Path) -> Anchor:
    if record["seq"] == 0:
        # A checkpoint of an empty trail proves nothing can be missing before it.
        return Anchor(hash=GENESIS_HASH, seq=0, source=f"checkpoint {path.name}")
    return Anchor(hash=record["hash"], seq=record["seq"], source=f"checkpoint {path.name}")

"""How an audit entry's hash is computed: a pure module, no database.

Two schemes exist:

- ``sha256``: a plain SHA-256 over the entry. Anyone who can write to the
  database can recompute it after an edit, so it protects only against
  accidents. Entries written before keyed hashing began keep it and still verify.
- ``hmac-sha256``: an HMAC-SHA-256 keyed with the audit key, which lives outside
  the database (``OBSERVATORY_AUDIT_KEY`` or ``var/audit.key``). Editing an entry
  and recomputing its hash needs that key.

A chain may move from ``sha256`` to ``hmac-sha256`` once and never back:
``verify`` treats a plain entry after a keyed one as a forgery (a downgrade).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

SHA256 = "sha256"
HMAC_SHA256 = "hmac-sha256"
CURRENT_SCHEME = HMAC_SHA256
SCHEMES = (SHA256, HMAC_SHA256)
# Higher is stronger; a chain may only move up.
STRENGTH = {SHA256: 0, HMAC_SHA256: 1}


def canonical(fields: dict) -> bytes:
    """The canonical JSON encoding of an entry's fields, the bytes that are hashed."""
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode("utf-8")


def decode_key(key: str) -> bytes:
    """The audit key's bytes from its URL-safe base64 text; at least 32 bytes."""
    try:
        raw = base64.urlsafe_b64decode(key.strip().encode("ascii") + b"==")
    except (ValueError, UnicodeEncodeError) as error:
        raise ValueError("The audit key is not URL-safe base64.") from error
    if len(raw) < 32:
        raise ValueError("The audit key must hold at least 32 bytes.")
    return raw


def digest(scheme: str, payload: bytes, key: bytes | None) -> str:
    if scheme == SHA256:
        return hashlib.sha256(payload).hexdigest()
    if scheme == HMAC_SHA256:
        if not key:
            raise ValueError("Keyed audit hashing needs the audit key.")
        return hmac.new(key, payload, hashlib.sha256).hexdigest()
    raise ValueError(f"Unknown audit hash scheme {scheme!r}.")


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("ascii", "replace"), b.encode("ascii", "replace"))

"""Envelope encryption of case identities, narratives and attachments.

* The **master key** (``settings.MASTER_KEY``: URL-safe base64 of 32 bytes, from
  ``OBSERVATORY_MASTER_KEY`` or ``var/master.key``) never encrypts data. It wraps
  the data keys and derives the blind-index key.
* Each organisation has a **data key** (and each country one for anonymous
  self-reports that no organisation holds yet): 32 random bytes, stored only
  wrapped by the master key (AES-GCM) in :class:`~observatory.cases.models.DataKey`.
* A **ciphertext** is ``format(1) | data-key id(16) | key version(4) | nonce(12) | AES-GCM output``.
  The associated data is the header plus ``model|field|row uuid``, so a
  ciphertext copied to another row or field, or with an edited header, fails
  to decrypt instead of showing the wrong person's data.
* The **blind index** is HMAC-SHA256 of the normalised client code under a key
  derived from the master key with HKDF; it supports exact-match search only.

During a master-key rotation the previous key is read from
``OBSERVATORY_MASTER_KEY_PREVIOUS`` (comma-separated) or ``var/master.key.previous``,
so data keys not yet re-wrapped stay readable: see ``docs/security.md``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import struct
import threading
import uuid
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from observatory.cases.values import normalise_client_code

FORMAT = 1
_HEADER = struct.Struct(">B16sI")  # format, data-key id, data-key version
_NONCE = 12
_INDEX_INFO = b"observatory blind index: client code v1"
_LINK_INFO = b"observatory blind index: linkage features v1"
_FINGERPRINT_INFO = b"observatory master key fingerprint v1"


class DecryptionError(Exception):
    """A ciphertext could not be opened: wrong row or field, altered bytes, or a missing key."""


@dataclass(frozen=True)
class MasterKey:
    key: bytes
    fingerprint: str = dataclass_field(init=False, repr=False)

    def __post_init__(self):
        # A public name for the key: an HMAC under the key itself, so it reveals nothing about the key.
        object.__setattr__(self, "fingerprint", hmac.new(self.key, _FINGERPRINT_INFO, hashlib.sha256).hexdigest()[:16])

    def __repr__(self) -> str:
        return f"MasterKey({self.fingerprint})"

    def index_key(self) -> bytes:
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INDEX_INFO).derive(self.key)

    def link_key(self) -> bytes:
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_LINK_INFO).derive(self.key)


@lru_cache(maxsize=8)
def parse_master_key(text: str, *, what: str = "master key") -> MasterKey:
    """Decode a master key (URL-safe base64 of 32 bytes); raise ``ImproperlyConfigured`` otherwise."""
    try:
        raw = base64.urlsafe_b64decode(text.strip().encode())
    except (ValueError, TypeError):
        raw = b""
    if len(raw) != 32:
        raise ImproperlyConfigured(f"The {what} must be URL-safe base64 of 32 bytes.")
    return MasterKey(raw)


def new_master_key_text() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def current_master_key() -> MasterKey:
    return parse_master_key(settings.MASTER_KEY)


_extra_lock = threading.Lock()
_extra_keys: dict[str, MasterKey] = {}


def previous_master_keys() -> list[MasterKey]:
    """Master keys that may still wrap data keys during a rotation (environment, key file, or given)."""
    found: list[MasterKey] = []
    env = getattr(settings, "MASTER_KEY_PREVIOUS", None) or os.environ.get("OBSERVATORY_MASTER_KEY_PREVIOUS", "")
    for item in env.split(","):
        if item.strip():
            found.append(parse_master_key(item, what="previous master key"))
    path = settings.VAR_DIR / "master.key.previous"
    if path.exists():
        found.append(parse_master_key(path.read_text(), what="previous master key in var/master.key.previous"))
    with _extra_lock:
        found.extend(_extra_keys.values())
    return found


def add_previous_master_key(key: MasterKey) -> None:
    """Make an old master key available to this process (``keys rotate --old-key-file``)."""
    with _extra_lock:
        _extra_keys[key.fingerprint] = key


def _master_keys_by_id() -> dict[str, MasterKey]:
    keys = {k.fingerprint: k for k in previous_master_keys()}
    current = current_master_key()
    keys[current.fingerprint] = current
    return keys


# ---------------------------------------------------------------------------------------------- data keys

_cache_lock = threading.Lock()
_dek_cache: dict[tuple[uuid.UUID, bytes], bytes] = {}


def clear_cache() -> None:
    """Forget unwrapped data keys and extra master keys (tests; after a rotation in the same process)."""
    with _cache_lock:
        _dek_cache.clear()
    with _extra_lock:
        _extra_keys.clear()


def _wrap_aad(kid: uuid.UUID, version: int) -> bytes:
    return f"observatory datakey|{kid}|{version}".encode()


def wrap(dek: bytes, *, kid: uuid.UUID, version: int, master: MasterKey) -> bytes:
    nonce = secrets.token_bytes(_NONCE)
    return nonce + AESGCM(master.key).encrypt(nonce, dek, _wrap_aad(kid, version))


def unwrap(wrapped: bytes, *, kid: uuid.UUID, version: int, master: MasterKey) -> bytes:
    wrapped = bytes(wrapped)
    try:
        return AESGCM(master.key).decrypt(wrapped[:_NONCE], wrapped[_NONCE:], _wrap_aad(kid, version))
    except InvalidTag:
        raise DecryptionError(f"data key {kid} does not open with master key {master.fingerprint}") from None


def _unwrap_record(record) -> bytes:
    wrapped = bytes(record.wrapped_key)
    # Keyed by the wrapped bytes and the current master key: a re-wrap or a changed key unwraps afresh.
    cache_key = (record.kid, hashlib.sha256(wrapped).digest() + current_master_key().fingerprint.encode())
    with _cache_lock:
        dek = _dek_cache.get(cache_key)
    if dek is not None:
        return dek
    master = _master_keys_by_id().get(record.master_key_id)
    if master is None:
        raise DecryptionError(
            f"data key {record.kid} is wrapped by master key {record.master_key_id}, which is not configured; "
            "set OBSERVATORY_MASTER_KEY_PREVIOUS during a rotation"
        )
    dek = unwrap(wrapped, kid=record.kid, version=record.version, master=master)
    with _cache_lock:
        _dek_cache[cache_key] = dek
    return dek


def data_key_owner(*, organisation=None, country=None) -> dict:
    """The lookup of an owner's data keys: an organisation's, or a country's self-reports'."""
    if organisation is not None:
        return {"organisation": organisation}
    return {"organisation__isnull": True, "country": country}


def new_data_key(*, organisation=None, country=None, version: int):
    """An unsaved data key record: a fresh random key, wrapped by the current master key.

    Saving it (with its audit entry) is the job of ``cases.services.keys.data_key_create``.
    """
    from observatory.cases.models import DataKey

    master = current_master_key()
    kid = uuid.uuid4()
    return DataKey(kid=kid, organisation=organisation, country=None if organisation is not None else country,
                   version=version, master_key_id=master.fingerprint,
                   wrapped_key=wrap(secrets.token_bytes(32), kid=kid, version=version, master=master))


# ---------------------------------------------------------------------------------------------- fields

def binding(obj, field: str) -> bytes:
    """What a ciphertext of ``obj.field`` is bound to: the model, the field and the row's uuid."""
    return f"{obj._meta.label_lower}|{field}|{obj.uuid}".encode()


def encrypt(plaintext: bytes, *, key, bound_to: bytes) -> bytes:
    header = _HEADER.pack(FORMAT, key.kid.bytes, key.version)
    nonce = secrets.token_bytes(_NONCE)
    return header + nonce + AESGCM(_unwrap_record(key)).encrypt(nonce, plaintext, header + b"|" + bound_to)


def key_id_of(ciphertext: bytes) -> uuid.UUID:
    fmt, kid, _version = _HEADER.unpack_from(bytes(ciphertext))
    if fmt != FORMAT:
        raise DecryptionError(f"unknown ciphertext format {fmt}")
    return uuid.UUID(bytes=kid)


def decrypt(ciphertext: bytes, *, bound_to: bytes, keys: dict | None = None) -> bytes:
    """Open a ciphertext. ``keys`` maps data-key ids to records (one query for a page); else it is looked up."""
    from observatory.cases.models import DataKey

    blob = bytes(ciphertext)
    if len(blob) < _HEADER.size + _NONCE + 16:
        raise DecryptionError("ciphertext too short")
    fmt, kid_bytes, version = _HEADER.unpack_from(blob)
    if fmt != FORMAT:
        raise DecryptionError(f"unknown ciphertext format {fmt}")
    kid = uuid.UUID(bytes=kid_bytes)
    record = (keys or {}).get(kid) or DataKey.objects.filter(kid=kid).first()
    if record is None or record.version != version:
        raise DecryptionError(f"data key {kid} v{version} not found")
    header = blob[: _HEADER.size]
    nonce = blob[_HEADER.size: _HEADER.size + _NONCE]
    try:
        return AESGCM(_unwrap_record(record)).decrypt(nonce, blob[_HEADER.size + _NONCE:], header + b"|" + bound_to)
    except InvalidTag:
        raise DecryptionError("ciphertext does not belong to this record, or was altered") from None


def seal(obj, field: str, value: str | None, *, key) -> None:
    """Set ``obj.<field>_enc`` to the ciphertext of ``value`` (``None`` or empty clears it)."""
    setattr(obj, f"{field}_enc", encrypt(value.encode("utf-8"), key=key, bound_to=binding(obj, field))
            if value else None)


def unseal(obj, field: str, *, keys: dict | None = None) -> str:
    """The plain text of ``obj.<field>_enc`` ('' when empty). Callers audit the read; see selectors."""
    blob = getattr(obj, f"{field}_enc")
    if not blob:
        return ""
    return decrypt(blob, bound_to=binding(obj, field), keys=keys).decode("utf-8")


def seal_bytes(obj, field: str, value: bytes, *, key) -> None:
    setattr(obj, f"{field}_enc", encrypt(value, key=key, bound_to=binding(obj, field)))


def unseal_bytes(obj, field: str, *, keys: dict | None = None) -> bytes:
    return decrypt(getattr(obj, f"{field}_enc"), bound_to=binding(obj, field), keys=keys)


def keys_for(*ciphertexts) -> dict:
    """The data-key records a set of ciphertexts needs, in one query."""
    from observatory.cases.models import DataKey

    kids = {key_id_of(c) for c in ciphertexts if c}
    return {k.kid: k for k in DataKey.objects.filter(kid__in=kids)} if kids else {}


# ---------------------------------------------------------------------------------------------- blind index

def blind_index(code: str, *, master: MasterKey | None = None) -> str:
    """HMAC-SHA256 of the normalised client code ('' for an empty code)."""
    normal = normalise_client_code(code)
    if not normal:
        return ""
    master = master or current_master_key()
    return hmac.new(master.index_key(), normal.encode("utf-8"), hashlib.sha256).hexdigest()


def blind_index_candidates(code: str) -> list[str]:
    """The index values a stored code may have: under the current key and, mid-rotation, the previous ones."""
    keys = [current_master_key(), *previous_master_keys()]
    return sorted({blind_index(code, master=k) for k in keys} - {""})


def link_index(feature: str, value: str | None, *, master: MasterKey | None = None) -> str:
    """HMAC-SHA256 of one derived linkage feature (``feature`` names it, e.g. ``name``), '' for no value.

    A separate key from the client-code index, and the feature's name in the message, so equal
    values of different features never share an index.
    """
    if not value:
        return ""
    master = master or current_master_key()
    return hmac.new(master.link_key(), f"{feature}|{value}".encode("utf-8"), hashlib.sha256).hexdigest()

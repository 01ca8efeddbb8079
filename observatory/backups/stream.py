"""Encrypting a backup as a stream of authenticated chunks: a pure module (no Django).

The construction is STREAM (Hoang, Reyhanitabar, Rogaway and Vizár, 2015) over AES-256-GCM:
the file is cut into chunks of ``CHUNK`` bytes, each sealed with a nonce made of a random
prefix, the chunk's number and a flag set on the last chunk only. Reordering, dropping,
repeating or truncating chunks, or cutting the file after any chunk but the last, fails
authentication; so does any change to the header, which is bound to every chunk.

File layout::

    MAGIC | header length (4 bytes, big-endian) | header (JSON) | chunk* 
    chunk = ciphertext length (4 bytes, big-endian) | ciphertext (+16-byte tag)
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct
from collections.abc import Iterator
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"OBSERVATORY-BACKUP/1\n"
CHUNK = 1 << 20
_LEN = struct.Struct(">I")
_MAX_HEADER = 64 * 1024


class BackupFormatError(ValueError):
    """The file is not a backup, was made with another key, or was altered or cut short."""


def decode_key(text: str) -> bytes:
    try:
        raw = base64.urlsafe_b64decode(text.strip().encode("ascii") + b"==")
    except (ValueError, UnicodeEncodeError) as error:
        raise ValueError("The backup key is not URL-safe base64.") from error
    if len(raw) != 32:
        raise ValueError("The backup key must be 32 bytes (44 characters of URL-safe base64).")
    return raw


def key_id(key: bytes) -> str:
    """A public fingerprint of the key, stored in the header, to say which key a backup needs."""
    return hashlib.sha256(b"observatory-backup-key-id" + key).hexdigest()[:16]


def _nonce(prefix: bytes, counter: int, last: bool) -> bytes:
    return prefix + struct.pack(">I", counter) + (b"\x01" if last else b"\x00")


def encrypt(source: BinaryIO, target: BinaryIO, *, key: bytes, meta: dict | None = None) -> int:
    """Encrypt ``source`` into ``target``; returns the number of plaintext bytes."""
    prefix = os.urandom(7)
    header = json.dumps({"key_id": key_id(key), "nonce_prefix": base64.b64encode(prefix).decode(),
                         "chunk": CHUNK, **(meta or {})}, sort_keys=True).encode()
    aead = AESGCM(key)
    target.write(MAGIC + _LEN.pack(len(header)) + header)
    total, counter = 0, 0
    current = source.read(CHUNK)
    while True:
        following = source.read(CHUNK) if len(current) == CHUNK else b""
        last = not following
        sealed = aead.encrypt(_nonce(prefix, counter, last), current, header)
        target.write(_LEN.pack(len(sealed)) + sealed)
        total += len(current)
        if last:
            return total
        counter += 1
        current = following


def read_header(source: BinaryIO) -> tuple[dict, bytes]:
    if source.read(len(MAGIC)) != MAGIC:
        raise BackupFormatError("This is not an Observatory backup (its first bytes are wrong).")
    raw = source.read(_LEN.size)
    if len(raw) != _LEN.size or (length := _LEN.unpack(raw)[0]) > _MAX_HEADER:
        raise BackupFormatError("The backup's header is damaged.")
    header = source.read(length)
    try:
        return json.loads(header), header
    except ValueError as error:
        raise BackupFormatError("The backup's header is damaged.") from error


def decrypt_chunks(source: BinaryIO, *, key: bytes) -> Iterator[bytes]:
    """Yield the plaintext chunk by chunk; ``BackupFormatError`` at the first chunk that does not authenticate."""
    meta, header = read_header(source)
    if meta.get("key_id") != key_id(key):
        raise BackupFormatError(f"This backup was made with another backup key (key id {meta.get('key_id')}).")
    prefix = base64.b64decode(meta["nonce_prefix"])
    aead = AESGCM(key)
    counter = 0
    while True:
        raw = source.read(_LEN.size)
        if not raw:
            raise BackupFormatError("The backup is cut short: its last part is missing.")
        length = _LEN.unpack(raw)[0] if len(raw) == _LEN.size else -1
        sealed = source.read(length) if 0 < length <= meta["chunk"] + 16 else b""
        if length < 0 or len(sealed) != length:
            raise BackupFormatError("The backup is cut short or damaged.")
        for last in (False, True):
            try:
                plain = aead.decrypt(_nonce(prefix, counter, last), sealed, header)
                break
            except InvalidTag:
                plain = None
        if plain is None:
            raise BackupFormatError(f"Part {counter + 1} of the backup was altered or belongs elsewhere.")
        yield plain
        if last:
            if source.read(1):
                raise BackupFormatError("The backup has data after its last part.")
            return
        counter += 1


def decrypt(source: BinaryIO, target: BinaryIO, *, key: bytes) -> int:
    total = 0
    for plain in decrypt_chunks(source, key=key):
        target.write(plain)
        total += len(plain)
    return total

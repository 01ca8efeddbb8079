"""Keyed linkage features of a victim, made while the plaintext is at hand (on every write).

Matching records across organisations (``observatory.dedup``) must never need
plaintext outside the access policy. So when a case is written, the service
derives from the victim's name and date of birth:

- ``name_index``: HMAC of the name's comparable form (``analysis.names.name_key``:
  Cyrillic by ICAO 9303, Latin variants folded), equal for "Евгений Кузнецов" and
  "Yevgeniy Kuznetsov";
- ``name_sound_index``: HMAC of its consonant skeleton (``name_sound``), equal for
  near spellings;
- ``birth_index``: HMAC of the birth month (``YYYY-MM``; a year alone gives none,
  too coarse to help and too common to be safe).

The HMAC key is derived from the master key (``crypto.link_index``); the client
code has its own blind index already. None of these reveal a value without the
key, and equal indexes are shown to coordinators only as "same" or "different".
"""

from __future__ import annotations

from observatory.analysis.names import name_key, name_sound, parse_date
from observatory.cases import crypto


def link_keys(*, name: str, date_of_birth: str, master: crypto.MasterKey | None = None) -> dict[str, str]:
    """The index fields of one victim, for ``Victim`` (``link_index_key`` included)."""
    master = master or crypto.current_master_key()
    key = name_key(name)
    birth = _birth_month(date_of_birth)
    fields = {
        "name_index": crypto.link_index("name", key, master=master),
        "name_sound_index": crypto.link_index("name_sound", name_sound(key), master=master),
        "birth_index": crypto.link_index("birth_month", birth, master=master),
    }
    fields["link_index_key"] = master.fingerprint if any(fields.values()) else ""
    return fields


def _birth_month(text: str) -> str | None:
    value = (text or "").strip()
    if len(value) == 4 and value.isdigit():
        return None  # a year alone
    iso = parse_date(value)
    return iso[:7] if iso else None

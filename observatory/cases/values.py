"""Small pure parsers and generators for case values (no database): dates with precision, client codes,
yes/no answers, references and follow-up codes."""

from __future__ import annotations

import datetime as dt
import re
import secrets
import unicodedata

from django.utils.translation import gettext_noop

_OCCURRED = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")
_EARLIEST_YEAR = 1950

# Cyrillic letters that look like Latin ones: a code typed on a Russian keyboard finds the same record.
_HOMOGLYPHS = str.maketrans("АВЕКМНОРСТУХІЈ", "ABEKMHOPCTYXIJ")
_SEPARATORS = re.compile(r"[\s\-_./]+")


def parse_occurred(text: str, *, today: dt.date | None = None) -> tuple[dt.date, str]:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` → (first day of the period, precision ``day|month|year``).

    Raises ``ValueError`` with a message a documenter can act on.
    """
    match = _OCCURRED.match(text or "")
    if not match:
        raise ValueError(gettext_noop("the format is not recognised"))
    year, month, day = match.groups()
    try:
        value = dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise ValueError(gettext_noop("that day does not exist in the calendar")) from None
    precision = "day" if day else "month" if month else "year"
    today = today or dt.date.today()
    if value.year < _EARLIEST_YEAR:
        raise ValueError(gettext_noop("the year must be 1950 or later"))
    if value > today:
        raise ValueError(gettext_noop("the date is in the future"))
    return value, precision


def format_occurred(value: dt.date | None, precision: str) -> str:
    if value is None:
        return ""
    if precision == "year":
        return f"{value.year:04d}"
    if precision == "month":
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def normalise_client_code(code: str) -> str:
    """The form of a client code that the blind index hashes: NFKC, upper case, Cyrillic look-alikes as Latin,
    separators and spaces removed (``"ол-85 м"`` and ``"OL85M"`` match)."""
    text = unicodedata.normalize("NFKC", code or "").upper().translate(_HOMOGLYPHS)
    # Upper-casing can undo NFKC composition (a combining mark after a separator), so normalise once more.
    return unicodedata.normalize("NFKC", _SEPARATORS.sub("", text))


_TRUE = {"1", "true", "yes", "y", "да", "д", "x", "+"}
_FALSE = {"", "0", "false", "no", "n", "нет", "н", "-"}


def parse_bool(text) -> bool:
    """Spreadsheet yes/no answers in English or Russian; raises ``ValueError`` for anything else."""
    if isinstance(text, bool):
        return text
    value = str(text if text is not None else "").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(gettext_noop("answer yes or no (да or нет)"))


# Crockford's base 32 without I, L, O, U: nothing to misread when a code is said on the phone.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def random_code(length: int) -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


def new_reference(*, country_iso3: str, year: int) -> str:
    """An opaque case reference such as ``UKR-25-7K3QMXAB`` (country, two-digit year of recording, 40 random bits)."""
    return f"{country_iso3}-{year % 100:02d}-{random_code(8)}"


def new_follow_up_code() -> str:
    """A 16-character random code (80 bits) in four groups, given once to an anonymous reporter."""
    raw = random_code(16)
    return "-".join(raw[i: i + 4] for i in range(0, 16, 4))


def normalise_follow_up_code(code: str) -> str:
    text = _SEPARATORS.sub("", (code or "").upper()).translate(str.maketrans("ILO", "110"))
    return "-".join(text[i: i + 4] for i in range(0, len(text), 4))

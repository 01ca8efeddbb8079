"""Texts kept in English and Russian side by side (``title_en``, ``title_ru``), shown in the reader's language.

The site speaks English and Russian (``settings.LANGUAGES``). Every model, page and
document picks between the two texts here, so they all fall back the same way: a
Russian page shows the English text where the Russian one is empty. An English page
shows the Russian text only for texts people may enter in one language alone
(``both_ways=True``: review comments, event titles).
"""

from __future__ import annotations

import re

from django.utils.translation import get_language


def language_code(language: str | None = None) -> str:
    """The bare code of ``language`` (default: the active language): ``"ru-ru"`` gives ``"ru"``; ``"en"`` when none."""
    return (language or get_language() or "en").split("-")[0].lower()


def is_russian(language: str | None = None) -> bool:
    """Whether ``language`` (default: the active language) is Russian."""
    return language_code(language) == "ru"


def in_language(en: str, ru: str, language: str | None = None, *, both_ways: bool = False) -> str:
    """``ru`` when ``language`` (default: the active one) is Russian and ``ru`` is not empty, else ``en``.

    With ``both_ways``, an empty ``en`` falls back to ``ru`` on an English page too.
    """
    if is_russian(language):
        return ru or en
    return (en or ru) if both_ways else en


def translated(obj, field: str, language: str | None = None, *, both_ways: bool = False) -> str:
    """``obj.<field>_ru`` or ``obj.<field>_en``, chosen as :func:`in_language` chooses."""
    return in_language(getattr(obj, f"{field}_en"), getattr(obj, f"{field}_ru"), language, both_ways=both_ways)


# Russian puts ё with е; Unicode puts it after я. Other letters of both alphabets are in order.
_COLLATION = str.maketrans({"ё": "е", "Ё": "Е"})


def collation_key(text: str) -> tuple[str, str]:
    """A sort key that orders names alphabetically in English and in Russian (ё sorts as е).

    Case and accents of Latin letters are ignored first, then break ties, so "Czechia" sorts with
    "czechia" and "Türkiye" near "Turkmenistan".
    """
    import unicodedata

    base = unicodedata.normalize("NFKD", str(text).translate(_COLLATION))
    letters = "".join(ch for ch in base if not unicodedata.combining(ch)).casefold()
    return letters, str(text)


_LATIN_LETTER = re.compile(r"[A-Za-z]")
_CYRILLIC_LETTER = re.compile(r"[А-Яа-яЁё]")
_NOT_WORDS = re.compile(r"(https?://|www\.)\S+|\S+@\S+|\b[a-z0-9_]+(?:_[a-z0-9]+)+\b")
MIN_LATIN = 12


def mostly_latin(text: str) -> bool:
    """Whether ``text`` reads as Latin-script words (URLs, e-mail addresses and codes set aside):
    at least ``MIN_LATIN`` Latin letters and more Latin than Cyrillic ones."""
    words = _NOT_WORDS.sub(" ", str(text))
    latin = len(_LATIN_LETTER.findall(words))
    return latin >= MIN_LATIN and latin > len(_CYRILLIC_LETTER.findall(words))

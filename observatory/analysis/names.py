"""Names written in Cyrillic or Latin letters, and full or partial dates, brought to one comparable form.

Records of the same person arrive from organisations that write names in
Russian, Ukrainian, Kazakh or Kyrgyz Cyrillic, or in one of several Latin
transliterations ("Евгений", "Yevgeniy", "Evgenii"). ``name_key`` turns each
into one lower-case ASCII form:

1. Cyrillic letters are transliterated by the table of ICAO Doc 9303 (7th
   edition, 2015, part 3, section 6), the standard of machine-readable travel
   documents that Russian, Kazakh and Kyrgyz passports follow, extended with
   the letters of Ukrainian, Belarusian and Kazakh by the same document's
   principles (e.g. Є → ie, Ў → u, Қ → k);
2. other accented Latin letters lose their accents (NFKD);
3. the spellings that differ between common Latin transliterations are
   folded into the ICAO one: "yu" → "iu", "ya" → "ia", "ye"/"yo" → "e", "y"
   between vowels → "i", a final "iy"/"yy"/"ij" → "ii" and a final "y"
   after a consonant → "i", "x" → "ks";
4. everything but letters is dropped, spaces and hyphens included, so
   "O'Neil", "o neil" and "ONEIL", or "Petrova-Ivanova" and "Petrova
   Ivanova", compare equal.

The result is for comparison only and is never shown. Near spellings that
remain different ("Aleksandr" / "Alexandr") are left to the string
similarity of the linkage model.
"""

from __future__ import annotations

import datetime
import re
import unicodedata

# ICAO Doc 9303 part 3, table of Cyrillic transliteration (Russian letters, then the others).
_ICAO = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y",
    "ь": "", "э": "e", "ю": "iu", "я": "ia",
    # Ukrainian, Belarusian
    "є": "ie", "і": "i", "ї": "i", "ґ": "g", "ў": "u",
    # Kazakh, Kyrgyz, Tajik, Uzbek Cyrillic
    "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "ҳ": "h", "ҷ": "j",
    "ӣ": "i", "ӯ": "u",
    # Serbian, Macedonian
    "ђ": "dj", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz", "ѓ": "gj", "ќ": "kj", "ѕ": "dz",
}

_FOLDS = [
    (re.compile(r"yu"), "iu"),
    (re.compile(r"ya"), "ia"),
    (re.compile(r"y[eo]"), "e"),
    (re.compile(r"(?<=[aeiou])y(?=[aeiou])"), "i"),
    (re.compile(r"(iy|yy|ij)$"), "ii"),
    (re.compile(r"(?<=[^aeiou])y$"), "i"),
    (re.compile(r"x"), "ks"),
]
_NOT_LETTER = re.compile(r"[^a-z]")


def transliterate(text: str) -> str:
    """Cyrillic letters to Latin by the ICAO table, lower-cased; other characters unchanged."""
    return "".join(_ICAO.get(ch, ch) for ch in str(text).lower())


def name_sound(key: str | None) -> str | None:
    """A coarser key of a ``name_key``: its first letter and its consonants, repeats collapsed, at most 6.

    Spellings that differ in vowels or in one doubled letter ("Nataliia" / "Natalia", "Filippov" /
    "Filipov") share it; it groups candidates for review and is never a match on its own.
    """
    if not key:
        return None
    skeleton = key[0] + re.sub(r"[aeiouy]", "", key[1:])
    return re.sub(r"(.)\1+", r"\1", skeleton)[:6]


def name_key(text: object) -> str | None:
    """The comparable form of one name (see the module docstring); ``None`` for an empty value."""
    if text is None or (isinstance(text, float) and text != text):
        return None
    latin = transliterate(str(text))
    ascii_only = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode()
    words = []
    for word in re.split(r"[\s\-]+", ascii_only):
        word = _NOT_LETTER.sub("", word)
        for pattern, replacement in _FOLDS:
            word = pattern.sub(replacement, word)
        if word:
            words.append(word)
    return "".join(words) or None


_DATE_PATTERNS = [
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$"), ("d", "m", "y")),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), ("y", "m")),
    (re.compile(r"^(\d{4})$"), ("y",)),
]


def parse_date(value: object) -> str | None:
    """An ISO date for a full or partial date (a month stands for its 15th, a year for 2 July); else ``None``."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    if text.endswith(".0"):
        text = text[:-2]
    for pattern, parts in _DATE_PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        got = dict(zip(parts, (int(g) for g in match.groups())))
        year = got["y"]
        # A year alone stands for its middle (2 July), a month for its 15th.
        month, day = (got["m"], got.get("d", 15)) if "m" in got else (7, 2)
        if not 1000 <= year <= 2999:
            return None
        try:
            datetime.date(year, month, day)
        except ValueError:
            return None
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None

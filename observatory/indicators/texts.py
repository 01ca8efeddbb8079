"""Russian for what the data say in words: values a source printed as text, and the notes on values.

Values in words are listed with their Russian in ``data/catalogue/texts_ru.yaml``. Notes are written by
the importers from a few patterns ("UNODC source field: CTS."), so their Russian is a rule per pattern
here; a note that matches no rule is shown in English and marked as English (``lang="en"``), which is
what a screen reader needs to read it correctly.
"""

from __future__ import annotations

import functools
import re

import yaml
from django.conf import settings

from observatory.core.i18n import is_russian


@functools.cache
def _value_texts() -> dict[str, str]:
    path = settings.DATA_DIR / "catalogue" / "texts_ru.yaml"
    if not path.exists():
        return {}
    return dict((yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("value_texts") or {})


_YEAR_IS_EDITION = "год = год издания (в таблице нет года данных)"
NOTE_RULES: list[tuple[re.Pattern, str]] = [
    (re.compile(r"^UNODC source field: (?P<field>[\w/ -]+)\.$"), "Поле источника в данных УНП ООН: {field}."),
    (re.compile(r"^EMCDDA's table marks this country with \* \(the footnote text is not in the copy\)\.$"),
     "В таблице EMCDDA страна отмечена звёздочкой (*); текста сноски в копии нет."),
    (re.compile(r"^printed: (?P<printed>[^;]+); year = edition year \(table gives no data year\)$"),
     "Напечатано: {printed}; " + _YEAR_IS_EDITION + "."),
    (re.compile(r"^availability symbols rendered as '¸' \(tick glyph\) or 'x' in the stored text; column "
                r"'(?P<column>\w+)'; year = edition year \(table gives no data year\)$"),
     "Знаки наличия в сохранённом тексте переданы как «¸» (галочка) или «x»; столбец «{column}»; "
     + _YEAR_IS_EDITION + "."),
    (re.compile(r"^printed: \((?P<codes>[A-Z,]+)\); table legend not in stored excerpt; the codes are generally "
                r"read as M=methadone, B=buprenorphine, BN=buprenorphine-naloxone, O=other.*$"),
     "Напечатано: ({codes}); легенды таблицы в сохранённой выдержке нет; коды обычно читаются так: "
     "M — метадон, B — бупренорфин, BN — бупренорфин-налоксон, O — другое."),
]


def value_text(text: str) -> tuple[str, str]:
    """A value in words and its language on this page: ``(text, "")`` when in the page's language,
    ``(english, "en")`` on a Russian page where no Russian is known."""
    if not is_russian() or not text:
        return text, ""
    russian = _value_texts().get(text)
    return (russian, "") if russian else (text, "en")


def note(text: str) -> tuple[str, str]:
    """A value's note and its language on this page (as :func:`value_text`). A translated note is HTML:
    the codes it quotes from the source ("CTS/WPB-ICPR") stay as printed, in ``<code>``."""
    from django.utils.html import conditional_escape, format_html

    if not is_russian() or not text:
        return text, ""
    for pattern, template in NOTE_RULES:
        match = pattern.match(text)
        if match:
            codes = {name: format_html("<code>{}</code>", value) for name, value in match.groupdict().items()}
            return (format_html(template, **codes) if codes else conditional_escape(template)), ""
    return text, "en"

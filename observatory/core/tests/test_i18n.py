"""Every page, message and report exists in English and Russian: the Russian catalogue is complete."""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "ru" / "LC_MESSAGES" / "django.po"


def test_every_message_has_a_russian_translation():
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle, locale="ru")
    untranslated = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings) or message.fuzzy:
            untranslated.append(message.id)
    assert untranslated == []
    assert len(catalogue) > 50

"""Every page, message and report exists in English and Russian: every Russian catalogue is complete."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

PACKAGE = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(PACKAGE.rglob("locale/ru/LC_MESSAGES/django.po"))


def test_the_project_catalogue_exists():
    assert PACKAGE / "locale" / "ru" / "LC_MESSAGES" / "django.po" in CATALOGUES


@pytest.mark.parametrize("catalogue_path", CATALOGUES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_message_has_a_russian_translation(catalogue_path):
    with catalogue_path.open("rb") as handle:
        catalogue = read_po(handle, locale="ru")
    untranslated = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings) or message.fuzzy:
            untranslated.append(message.id)
    assert untranslated == []

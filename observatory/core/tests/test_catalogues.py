"""Russian pages really are Russian: the compiled catalogues are loaded, and a stale one stops the run."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.utils import translation

from observatory.testing.catalogues import stale_catalogues

PACKAGE = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(PACKAGE.rglob("locale/ru/LC_MESSAGES/django.po"))


def read(path: Path):
    with path.open("rb") as handle:
        return read_po(handle, locale="ru")


def test_the_menu_is_russian_when_russian_is_active():
    # observatory/locale/ru/LC_MESSAGES/django.po: the "Indicators" menu item of core/templates/core/base.html.
    with translation.override("ru"):
        assert translation.gettext("Indicators") == "Показатели"
    with translation.override("en"):
        assert translation.gettext("Indicators") == "Indicators"


def unique_message(path: Path) -> tuple[str, str]:
    """A plain message found in this catalogue and no other, so no other catalogue can answer for it."""
    elsewhere = Counter(m.id for other in CATALOGUES if other != path for m in read(other) if m.id)
    for message in read(path):
        if (message.id and isinstance(message.id, str) and not message.context and not message.fuzzy
                and message.string and message.string != message.id and message.id not in elsewhere):
            return message.id, message.string
    raise AssertionError(f"{path} has no message of its own")


@pytest.mark.parametrize("catalogue_path", CATALOGUES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_compiled_catalogue_is_loaded(catalogue_path):
    message_id, russian = unique_message(catalogue_path)
    with translation.override("ru"):
        assert translation.gettext(message_id) == russian


def catalogue(root: Path, app: str, *, compiled: bool) -> Path:
    po = root / app / "locale" / "ru" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    if compiled:
        po.with_suffix(".mo").write_bytes(b"")
    return po


def test_a_missing_or_outdated_compiled_catalogue_is_reported(tmp_path):
    missing = catalogue(tmp_path, "missing", compiled=False)
    outdated = catalogue(tmp_path, "outdated", compiled=True)
    current = catalogue(tmp_path, "current", compiled=True)
    mtime = current.stat().st_mtime
    os.utime(outdated, (mtime + 10, mtime + 10))  # the .po edited after the last `make messages`
    assert stale_catalogues(tmp_path) == sorted([missing, outdated])

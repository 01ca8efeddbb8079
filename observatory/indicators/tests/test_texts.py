"""Russian for the data's words: values in words, notes from the importers' patterns, and what stays English."""

from __future__ import annotations

from django.utils import translation

from observatory.indicators import texts


def test_values_in_words_and_notes_are_russian_on_russian_pages():
    with translation.override("ru"):
        assert texts.value_text("criminal (public use)") == (
            "уголовное правонарушение (употребление в общественном месте)", "")
        note, language = texts.note("UNODC source field: CTS/WPB-ICPR.")
        assert language == "" and note == "Поле источника в данных УНП ООН: <code>CTS/WPB-ICPR</code>."
        # Unknown words stay as transcribed, marked as English for screen readers and readers alike.
        assert texts.value_text("a status nobody translated yet") == ("a status nobody translated yet", "en")
        assert texts.note("stored copy is a mirror") == ("stored copy is a mirror", "en")
    with translation.override("en"):
        assert texts.value_text("criminal (public use)") == ("criminal (public use)", "")
        assert texts.note("UNODC source field: CTS.") == ("UNODC source field: CTS.", "")


def test_every_value_in_words_of_the_shipped_data_has_russian():
    import csv

    from django.conf import settings

    known = texts._value_texts()
    words = set()
    for path in (settings.DATA_DIR / "curated").glob("*.csv"):
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                value = (row.get("value") or "").strip()
                # Words, not medicine codes such as "M,BN" (the value's note explains those).
                if value and any(ch.isalpha() for ch in value) and not value.replace(",", "").isupper():
                    words.add(value)
    assert words and sorted(w for w in words if w not in known) == []

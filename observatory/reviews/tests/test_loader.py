"""The shipped review processes: complete in both languages, sourced, and loaded idempotently."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from django.conf import settings

from observatory.access import SYSTEM
from observatory.audit.models import AuditEntry
from observatory.reviews.models import ReviewItem, ReviewProcess
from observatory.reviews.services import reviews_load

SHIPPED = sorted((Path(settings.DATA_DIR) / "reviews").glob("*.yaml"))


def test_two_processes_are_shipped():
    assert {p.stem for p in SHIPPED} == {"ungass-2016", "eu-drugs-strategy-2021-2025"}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_each_shipped_process_is_bilingual_and_names_its_official_document(path):
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert spec["sources"] and all(s["url"].startswith("https://") and s["title"] for s in spec["sources"])
    for key in ("title_en", "title_ru", "description_en", "description_ru"):
        assert spec[key].strip(), key
    codes = [item["code"] for item in spec["items"]]
    assert len(codes) == len(set(codes))
    for item in spec["items"]:
        assert item["title_en"].strip() and item["title_ru"].strip() and item["number"] and item["reference"]
        # Russian titles are in Cyrillic, English ones are not.
        assert any("а" <= ch <= "я" for ch in item["title_ru"].lower()), item["code"]
        assert not any("а" <= ch <= "я" for ch in item["title_en"].lower()), item["code"]
        if "quote" in item:
            assert item["read_in"].startswith("https://") and len(item["quote"].split()) <= 40


def test_the_loader_is_idempotent(db):
    first = reviews_load(actor=SYSTEM)
    assert first["processes created"] == 2 and first["items created"] == ReviewItem.objects.count() == 16
    entries = AuditEntry.objects.count()
    assert entries == 2  # one per process created
    second = reviews_load(actor=SYSTEM)
    assert second["processes created"] == second["processes updated"] == 0
    assert second["items created"] == second["items updated"] == 0
    assert second["unchanged"] == 2 + 16
    assert AuditEntry.objects.count() == entries
    assert not ReviewProcess.objects.filter(rounds__isnull=False).exists()  # no rounds, no assessments shipped


def test_a_changed_file_updates_items_and_keeps_removed_ones_inactive(db, tmp_path):
    spec = {"code": "demo", "title_en": "Demo", "title_ru": "Демо",
            "sources": [{"title": "Doc", "url": "https://example.org/doc"}],
            "items": [{"code": "a", "number": "1", "title_en": "A", "title_ru": "А"},
                      {"code": "b", "number": "2", "title_en": "B", "title_ru": "Б"}]}
    path = tmp_path / "demo.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    reviews_load(actor=SYSTEM, directory=tmp_path)
    spec["items"] = [{"code": "a", "number": "1", "title_en": "A, renamed", "title_ru": "А"}]
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    counts = reviews_load(actor=SYSTEM, directory=tmp_path)
    assert counts["items updated"] == 2
    items = {i.code: i for i in ReviewItem.objects.filter(process__code="demo")}
    assert items["a"].title_en == "A, renamed" and items["a"].active
    assert not items["b"].active
    change = AuditEntry.objects.filter(action="review.process.change").get()
    assert change.details["updated"] == ["a"] and change.details["deactivated"] == ["b"]


def test_a_file_with_a_repeated_item_code_is_refused(db, tmp_path):
    spec = {"code": "demo", "title_en": "Demo", "title_ru": "Демо", "sources": [{"title": "D", "url": "https://x.org"}],
            "items": [{"code": "a", "number": "1", "title_en": "A", "title_ru": "А"},
                      {"code": "a", "number": "2", "title_en": "B", "title_ru": "Б"}]}
    (tmp_path / "demo.yaml").write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError, match="repeated"):
        reviews_load(actor=SYSTEM, directory=tmp_path)
    assert not ReviewProcess.objects.exists()


def test_setup_runs_the_loader(db):
    from observatory.core.management.commands.setup import loaders

    assert ("review processes", "observatory.reviews.services.reviews_load") in loaders()

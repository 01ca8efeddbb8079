"""``observatory brief``: one brief to a file; a batch that carries on past a failure and says which failed and why."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from observatory.reports.tests.conftest import pdf_text

pytestmark = pytest.mark.slow


def test_one_brief_to_a_file(brief_data, tmp_path, capsys):
    target = tmp_path / "out" / "ukr.pdf"
    call_command("brief", "UKR", "--lang", "ru", "-o", str(target))
    assert target.read_bytes().startswith(b"%PDF")
    assert "Украина" in pdf_text(target.read_bytes())
    assert str(target) in capsys.readouterr().out


def test_unknown_country_and_missing_choice_are_errors(brief_data, tmp_path):
    with pytest.raises(CommandError, match="No country"):
        call_command("brief", "XXX", "-o", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="one of"):
        call_command("brief", "-o", str(tmp_path / "x.pdf"))


def test_batch_goes_on_after_a_failure_and_reports_it(brief_data, tmp_path, monkeypatch, capsys):
    from observatory.countries.models import Country
    from observatory.reports.documents import country as country_module

    # Four countries keep the test short; one of them fails while its brief is written.
    Country.objects.exclude(iso3__in=["UKR", "GEO", "KGZ", "MDA"]).update(active=False)
    real = country_module.country_brief

    def failing(*, country, **kwargs):
        if country.iso3 == "GEO":
            raise ValueError("synthetic failure for the test")
        return real(country=country, **kwargs)

    monkeypatch.setattr(country_module, "country_brief", failing)
    with pytest.raises(CommandError) as raised:
        call_command("brief", "--all", "--lang", "en", "-o", str(tmp_path / "briefs"), "--jobs", "1")
    message = str(raised.value)
    assert "1 of 4 failed" in message and "GEO: ValueError: synthetic failure for the test" in message
    written = sorted(p.name for p in (tmp_path / "briefs").iterdir())
    assert written == ["brief-KGZ-en.pdf", "brief-MDA-en.pdf", "brief-UKR-en.pdf"]
    assert "3 of 4 briefs (en) written" in capsys.readouterr().out


def test_regional_brief_from_the_command_line(regional_data, tmp_path):
    target = tmp_path / "regional.pdf"
    call_command("brief", "--regional", "--lang", "en", "-o", str(target))
    assert "Regional brief" in pdf_text(target.read_bytes())

"""GET /api/v1/laws and the ``observatory laws compare`` command."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def test_api_gives_a_countrys_provisions_judged_with_sources(client, laws):
    data = client.get("/api/v1/laws", {"country": "hun"}).json()
    assert data["country"] == "HUN" and data["date"] is None and len(data["provisions"]) == 17
    use = next(p for p in data["provisions"] if p["provision"] == "use_offence")
    assert use["status"] == "does_not_meet" and use["score"] == 0.0
    assert use["gap_en"].startswith("Drug use is a criminal offence") and use["gap_ru"]
    assert use["version"]["citation"] == "Act C of 2012 on the Criminal Code, Chapter XVII"
    assert use["version"]["sources"][0]["quote"]
    assert [v["valid_from"] for v in data["versions"] if v["provision"] == "use_offence"] == [
        "1999", "2003", "2013-07-01"]
    unknown = next(p for p in data["provisions"] if p["provision"] == "drug_checking")
    assert unknown["status"] == "unknown" and unknown["version"] is None and unknown["score"] is None


def test_api_gives_the_state_at_a_date_and_404_for_an_unknown_country(client, laws):
    data = client.get("/api/v1/laws", {"country": "HUN", "date": "2005-01-01"}).json()
    assert next(p for p in data["provisions"] if p["provision"] == "use_offence")["status"] == "meets"
    assert client.get("/api/v1/laws", {"country": "XXX"}).status_code == 404
    assert client.get("/api/v1/laws").status_code == 422


def test_api_gives_the_model_law(client, laws):
    data = client.get("/api/v1/laws/model").json()
    assert data["version"] == "1.0" and len(data["provisions"]) == 17
    assert data["provisions"][0]["target_ru"] and data["provisions"][0]["basis"][0]["quote"]


def test_cli_compares_countries_at_a_date_as_json(laws):
    out = StringIO()
    call_command("laws", "compare", "CZE", "HUN", "--date", "2012-01-01", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["date"] == "2012-01-01" and list(data["countries"]) == ["CZE", "HUN"]
    cze = {p["provision"]: p for p in data["countries"]["CZE"]["provisions"]}
    assert cze["possession_max_penalty"]["version"]["max_penalty_months"] == 24
    assert cze["use_offence"]["status"] == "unknown"  # sourced only as of 2019
    hun = {p["provision"]: p for p in data["countries"]["HUN"]["provisions"]}
    assert hun["use_offence"]["status"] == "meets"


def test_cli_prints_a_table_and_refuses_unknown_countries_and_dates(laws):
    out = StringIO()
    call_command("laws", "compare", "UKR", stdout=out)
    assert "UKR (latest known state)" in out.getvalue() and "state_hr_funding_share" in out.getvalue()
    with pytest.raises(CommandError, match="Unknown country"):
        call_command("laws", "compare", "ZZZ")
    with pytest.raises(CommandError, match="--date"):
        call_command("laws", "compare", "UKR", "--date", "2012-13-01")

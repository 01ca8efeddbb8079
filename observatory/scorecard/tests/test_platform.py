"""The index on the platform's own data: the CLI (with and without a CSV), the API and the pages (EN/RU)."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

FRAMEWORK = """
aggregation: arithmetic
dimensions:
  - code: health
    name_en: Health
    name_ru: Здоровье
    weight: 2
    indicators:
      - {code: ost_coverage, weight: 1, direction: higher_is_better, normalise: target, target: 40}
      - {code: hiv_prevalence_pwid, weight: 1, direction: lower_is_better, normalise: minmax}
  - code: law
    name_en: Law
    name_ru: Закон
    weight: 1
    indicators:
      - {code: "law:use_offence", weight: 1, direction: higher_is_better, normalise: target, target: 100}
"""


@pytest.fixture
def files(tmp_path):
    framework = tmp_path / "framework.yaml"
    framework.write_text(FRAMEWORK, encoding="utf-8")
    data = tmp_path / "data.csv"
    data.write_text("country,indicator,value\nAAA,ost_coverage,20\nAAA,hiv_prevalence_pwid,10\n"
                    "BBB,ost_coverage,60\nBBB,hiv_prevalence_pwid,30\nBBB,law:use_offence,50\n"
                    "CCC,law:use_offence,100\nCCC,unused,1\n", encoding="utf-8")
    return framework, data


def test_cli_scores_a_csv_and_prints_the_documented_json(db, files):
    framework, data = files
    out = StringIO()
    call_command("scorecard", "compute", "--framework", str(framework), "--data", str(data), "--json", stdout=out)
    result = json.loads(out.getvalue())
    # AAA: ost 100*20/40 = 50; hiv min-max (lower better) over 10, 30: 100; health = 75; law missing:
    #      the score is health alone = 75.
    # BBB: ost 100*min(60/40, 1) = 100; hiv 0; health = 50; law 50; score = (2*50 + 1*50)/3 = 50.
    # CCC: only law = 100: score 100.
    assert result == {
        "AAA": {"score": 75.0, "rank": 2, "dimensions": {"health": 75.0, "law": None}, "missing": ["law:use_offence"]},
        "BBB": {"score": 50.0, "rank": 3, "dimensions": {"health": 50.0, "law": 50.0}, "missing": []},
        "CCC": {"score": 100.0, "rank": 1, "dimensions": {"health": None, "law": 100.0},
                "missing": ["ost_coverage", "hiv_prevalence_pwid"]},
    }


def test_cli_adds_a_reproducible_rank_interval_and_explains_bad_input(db, files, tmp_path):
    framework, data = files
    runs = []
    for _ in range(2):
        out = StringIO()
        call_command("scorecard", "compute", "--framework", str(framework), "--data", str(data), "--json",
                     "--uncertainty", "--draws", "200", "--seed", "3", stdout=out)
        runs.append(json.loads(out.getvalue()))
    assert runs[0] == runs[1] and runs[0]["CCC"]["rank_low"] >= 1
    broken = tmp_path / "broken.yaml"
    broken.write_text("aggregation: harmonic\ndimensions: []\n", encoding="utf-8")
    with pytest.raises(CommandError, match="aggregation must be one of"):
        call_command("scorecard", "compute", "--framework", str(broken), "--data", str(data))
    bad = tmp_path / "bad.csv"
    bad.write_text("country,indicator,value\nAAA,ost_coverage,lots\n", encoding="utf-8")
    with pytest.raises(CommandError, match="not a number: AAA ost_coverage"):
        call_command("scorecard", "compute", "--framework", str(framework), "--data", str(bad))


def test_the_shipped_framework_is_valid_and_scores_the_platforms_data(platform_data):
    out = StringIO()
    call_command("scorecard", "compute", "--framework", str(settings.DATA_DIR / "scorecard" / "framework.yaml"),
                 "--json", "--year", "2020", stdout=out)
    result = json.loads(out.getvalue())
    assert len(result) == 29 and set(result["HUN"]["dimensions"]) == {
        "criminal_justice", "extreme_responses", "health_harm_reduction", "controlled_medicines", "development"}
    # Development rests on the expert survey only, and no answer is finalised: missing for everyone.
    assert all(entry["dimensions"]["development"] is None for entry in result.values())
    assert "survey:civil_society_participation" in result["HUN"]["missing"]
    # Uzbekistan has no sourced law and no data here: not scored.
    assert result["UZB"]["score"] is None and result["UZB"]["rank"] is None


def test_api_gives_the_ranking_and_a_country_traced_to_its_inputs(client, platform_data):
    data = client.get("/api/v1/scorecard", {"year": 2020}).json()
    assert data["year"] == 2020 and 2010 in data["years"] and len(data["dimensions"]) == 5
    ukraine = data["countries"]["UKR"]
    assert set(ukraine) >= {"score", "rank", "dimensions", "missing", "coverage", "median_rank", "rank_low",
                            "rank_high", "change"}
    detail = client.get("/api/v1/scorecard/ukr", {"year": 2020}).json()
    ost = next(i for i in detail["inputs"] if i["code"] == "ost_coverage")
    # 10 % in 2017, target 40: 100 * 10/40 = 25
    assert (ost["value"], ost["year"], ost["normalised"], ost["source"]["key"]) == (10.0, 2017, 25.0,
                                                                                     "unaids_gam2019")
    rate = next(i for i in detail["inputs"] if i["code"] == "prisoners_drug_offences_per_100k")
    assert rate["value"] == 25.0 and [p["code"] for p in rate["parts"]] == ["prisoners_drug_offences", "population"]
    law = next(i for i in detail["inputs"] if i["code"] == "law:state_hr_funding_share")
    assert law["value"] == 100.0 and law["law"]["status"] == "meets"
    assert client.get("/api/v1/scorecard", {"year": 1990}).status_code == 404


@pytest.mark.parametrize("language, words", [
    ("en", ("Drug policy scorecard", "Likely rank", "Health and harm")),
    ("ru", ("Оценка наркополитики", "Вероятное место", "Здоровье и снижение")),
])
def test_ranking_page_in_both_languages(client, platform_data, language, words):
    page = client.get(f"/{language}/scorecard/", {"year": 2020}).content.decode()
    for word in words:
        assert word in page
    assert f'href="/{language}/scorecard/UKR/?year=2020"' in page
    assert client.get(f"/{language}/scorecard/", {"year": 1800}).status_code == 404


@pytest.mark.parametrize("language, words", [("en", ("Points in the score", "missing: no data")),
                                              ("ru", ("Баллы в оценке", "нет данных"))])
def test_country_page_traces_every_input(client, platform_data, language, words):
    page = client.get(f"/{language}/scorecard/UKR/", {"year": 2020}).content.decode()
    for word in words:
        assert word in page
    assert "unaids_gam2019" not in page or "UNAIDS" in page
    assert f'href="/{language}/laws/UKR/"' in page and f'href="/{language}/indicators/ost_coverage/"' in page
    assert client.get(f"/{language}/scorecard/ZZZ/").status_code == 404


def test_pages_read_a_fixed_number_of_queries_once_the_index_is_computed(client, platform_data,
                                                                         django_assert_max_num_queries):
    client.get("/en/scorecard/")  # computes and caches the index
    with django_assert_max_num_queries(12):
        assert client.get("/en/scorecard/", {"year": 2019}).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/en/scorecard/CZE/", {"year": 2019}).status_code == 200


@pytest.mark.parametrize("language, words", [
    ("en", ("How to read the two ranks", "read the interval, not the single number")),
    ("ru", ("Как читать два места", "смотрите на интервал")),
])
def test_the_ranking_explains_rank_and_likely_rank_and_drops_empty_dimensions(client, platform_data, language,
                                                                              words):
    import re

    page = client.get(f"/{language}/scorecard/", {"year": 2020}).content.decode()
    for word in words:
        assert word in page
    header = re.search(r"<thead>(.*?)</thead>", page, re.S).group(1)
    body = re.search(r"<tbody>(.*?)</tbody>", page, re.S).group(1)
    first_row = re.search(r"<tr>(.*?)</tr>", body, re.S).group(1)
    # Every dimension shown has a value for at least one country, and each row has a cell per column.
    assert header.count('class="dim"') >= 1
    columns = header.count("<th scope=\"col\"")
    assert first_row.count("<td") + first_row.count("<th") == columns

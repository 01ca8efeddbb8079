"""The synthetic control page on the platform's data: study, wording in both languages, downloads, refusals.

SYNTHETIC data only (conftest.py): Ukraine's rate is exactly 0.6 × Georgia +
0.4 × Moldova before 2010, then 2.0 higher; Armenia, Kazakhstan and Latvia are
other candidates. Nothing here is shipped or shown to users.
"""

from __future__ import annotations

import datetime
import re

import pandas as pd
import pytest
import yaml

from observatory.analysis.synth_spec import spec_from_mapping
from observatory.analysis.synth_study import synth_study
from observatory.impact.tests.conftest import RATE, RATE_SOURCE

pytestmark = [pytest.mark.django_db, pytest.mark.urls("observatory.impact.tests.urls")]

PAGE = "/{lang}/impact/UKR/ukr-2010-synthetic/" + RATE + "/synth/"
YEARS = list(range(1995, 2020))


def series(base: float, slope: float, wiggle: float) -> dict[int, float]:
    """SYNTHETIC: a trend with a made-up periodic wiggle, so that donors are not collinear."""
    return {y: round(base + slope * (y - 1995) + wiggle * ((y * 7) % 5 - 2), 4) for y in YEARS}


@pytest.fixture
def panel(load_rows, event):
    donors = {"GEO": series(4.0, 0.10, 0.3), "MDA": series(7.0, -0.05, 0.2), "ARM": series(2.0, 0.20, 0.1),
              "KAZ": series(9.0, 0.00, 0.4), "LVA": series(5.0, 0.05, 0.0)}
    ukr = {y: round(0.6 * donors["GEO"][y] + 0.4 * donors["MDA"][y] + (2.0 if y >= 2010 else 0.0), 4) for y in YEARS}
    # Latvia has a gap, so it cannot be a donor.
    rows = [(RATE, iso3, y, v, RATE_SOURCE) for iso3, values in {**donors, "UKR": ukr}.items()
            for y, v in values.items() if not (iso3 == "LVA" and y == 2001)]
    load_rows(rows)
    return {**donors, "UKR": ukr}


def text_of(response) -> str:
    return re.sub(r"<svg.*?</svg>", "", response.content.decode(), flags=re.S)


def test_the_page_finds_the_countries_the_series_is_made_of(client, panel):
    response = client.get(PAGE.format(lang="en"))
    assert response.status_code == 200
    html = text_of(response)
    weights = dict(re.findall(r'<tr><th scope="row">([^<]+)</th><td class="num">(0\.\d{3}|1\.000)</td></tr>', html))
    assert weights == {"Georgia": "0.600", "Moldova": "0.400"}
    assert "averaged +2.0" in html  # the made-up step
    assert "Latvia: 1 year missing (2001)" in html
    assert "Average 1995–2001" in html and "Average 2002–2009" in html and "Value in 2009" in html
    assert '<th scope="row">2010 ▼</th>' in html
    assert "observatory analyze synth UKR-" + RATE + ".csv --spec UKR-" + RATE + ".yaml --json" in html
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/observatory/site.js" defer>']


def test_the_page_reads_in_russian(client, panel):
    html = text_of(client.get(PAGE.format(lang="ru")))
    assert "в сравнении с синтетическим контролем" in html
    assert "Страны в синтетическом контроле" in html and "Грузия" in html and "Предикторы и баланс" in html
    assert "Среднее за 1995–2001" in html and "составила в среднем +2,0" in html
    assert "Latvia" not in html and "compared with a synthetic control" not in html


def test_downloads_reproduce_the_page_from_the_command_line(client, panel):
    spec = yaml.safe_load(client.get(PAGE.format(lang="en") + "spec.yaml").content)
    assert spec["treated"] == "UKR" and spec["treatment_time"] == 2010 and spec["fit"] == {"from": 1995, "to": 2009}
    assert spec["donors"] == ["ARM", "GEO", "KAZ", "MDA"]
    csv = client.get(PAGE.format(lang="en") + "panel.csv")
    assert csv["Content-Disposition"] == f'attachment; filename="UKR-{RATE}.csv"'
    from io import StringIO

    frame = pd.read_csv(StringIO(csv.content.decode()))
    assert len(frame) == 5 * len(YEARS)
    result = synth_study(frame, spec_from_mapping(spec), placebo=False)
    assert result["weights"]["GEO"] == pytest.approx(0.6, abs=1e-3)
    assert result["att_post"] == pytest.approx(2.0, abs=1e-2)


def test_a_country_with_a_similar_event_is_no_donor(client, panel, make_event):
    make_event("kaz-2012-synthetic", country="KAZ", date=datetime.date(2012, 1, 1), type="police_crackdown")
    html = text_of(client.get(PAGE.format(lang="en")))
    assert "Kazakhstan: a policy event of the same type in 2012" in html
    spec = yaml.safe_load(client.get(PAGE.format(lang="en") + "spec.yaml").content)
    assert "KAZ" not in spec["donors"]


def test_too_few_donors_is_refused_in_words(client, load_rows, event):
    load_rows([(RATE, iso3, y, 1.0 + i + 0.01 * y, RATE_SOURCE) for i, iso3 in enumerate(["UKR", "GEO", "MDA"])
               for y in YEARS])
    html = text_of(client.get(PAGE.format(lang="en")))
    assert "No estimate" in html and "Only 2 other countries have a value in every year 1995–2019" in html
    assert "Countries in the synthetic control" not in html
    assert client.get(PAGE.format(lang="en") + "spec.yaml").status_code == 404
    ru = text_of(client.get(PAGE.format(lang="ru")))
    assert "Значения за каждый год 1995–2019 есть только у 2 других стран" in ru


def test_unknown_or_mismatched_choices_are_not_found(client, panel, make_event):
    make_event("geo-2010-synthetic", country="GEO", date=datetime.date(2010, 1, 1))
    assert client.get("/en/impact/UKR/geo-2010-synthetic/" + RATE + "/synth/").status_code == 404
    assert client.get("/en/impact/UKR/ukr-2010-synthetic/no_such_indicator/synth/").status_code == 404
    assert client.get("/en/impact/ukr/ukr-2010-synthetic/" + RATE + "/synth/").status_code == 301


def test_the_time_series_page_links_to_it(client, panel):
    html = text_of(client.get("/en/impact/UKR/ukr-2010-synthetic/" + RATE + "/"))
    assert 'href="/en/impact/UKR/ukr-2010-synthetic/' + RATE + '/synth/"' in html

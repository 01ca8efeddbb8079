"""The impact pages: chooser, analysis permalink (both languages), refusal, JSON, cache, links.

SYNTHETIC data (conftest.py). The project's URLs do not mount the impact pages
yet, so these tests use a URL configuration that adds them.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.template import Context, Template

from observatory.analysis import its_fit
from observatory.impact import analyses
from observatory.impact.tests.conftest import COUNT

pytestmark = [pytest.mark.django_db, pytest.mark.urls("observatory.impact.tests.urls")]

ANALYSIS = "/{lang}/impact/UKR/ukr-2010-synthetic/drug_induced_deaths/"


def text_of(response) -> str:
    html = response.content.decode()
    return re.sub(r"<svg.*?</svg>", "", html, flags=re.S)


def test_the_analysis_page_in_english(client, counts_loaded):
    response = client.get(ANALYSIS.format(lang="en"))
    assert response.status_code == 200
    page = response.content.decode()
    assert '<svg role="img"' in page and "<desc>Chart of “Drug-induced deaths (EMCDDA definition)”" in page
    html = text_of(response)
    assert "From 2010 on, “Drug-induced deaths (EMCDDA definition)” in Ukraine was" in html
    assert "Level change at the event" in html and "Rate ratio" in html and "Ljung–Box" in html
    assert "What could make this wrong" in html and "new drug on the market" in html
    assert '<th scope="row">2010 ▼</th>' in html  # the data table marks the first year after the event
    assert "observatory analyze its --indicator drug_induced_deaths --country UKR --event ukr-2010-synthetic" in html
    assert ('<link rel="canonical" href="http://testserver/en/impact/UKR/ukr-2010-synthetic/drug_induced_deaths/">'
            in html)
    # CSP: no inline scripts; the page needs none of its own (the menu's script is on every page)
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/observatory/site.js" defer>']


def test_the_analysis_page_in_russian(client, counts_loaded):
    response = client.get(ANALYSIS.format(lang="ru"))
    assert response.status_code == 200
    html = text_of(response)
    assert 'lang="ru"' in html
    assert "Вывод" in html and "Оценки" in html and "Что может исказить результат" in html
    assert "прерванного временного ряда" in html and "доверительный интервал" in html
    assert "Изменение уровня сразу после события" in html
    # The numbers use a decimal comma.
    ratio = re.search(r"отношение частот (\d,\d\d)", html)
    assert ratio, html[:2000]
    assert "From 2010 on" not in html


def test_options_in_the_address_give_their_own_permalink(client, counts_loaded):
    html = text_of(client.get(ANALYSIS.format(lang="en") + "?slope=1&hac=2&family=poisson"))
    assert "Change of trend per year" in html
    assert "Newey–West (HAC), 2 lags" in html
    assert "?family=poisson&amp;slope=1&amp;hac=2" in html
    assert "--family poisson --slope-change --hac-lags 2 --json" in html


def test_invalid_options_fall_back_to_the_defaults(client, counts_loaded):
    response = client.get(ANALYSIS.format(lang="en") + "?hac=99&family=binomial")
    assert response.status_code == 200
    assert "Some options were not valid" in text_of(response)


def test_the_second_request_does_not_refit(client, counts_loaded, monkeypatch):
    calls = []

    def counting_fit(*args, **kwargs):
        calls.append(1)
        return its_fit(*args, **kwargs)

    monkeypatch.setattr(analyses, "its_fit", counting_fit)
    first = client.get(ANALYSIS.format(lang="en"))
    second = client.get(ANALYSIS.format(lang="ru"))  # another language, the same analysis
    third = client.get(ANALYSIS.format(lang="en") + "analysis.json")
    assert first.status_code == second.status_code == third.status_code == 200
    assert len(calls) == 1
    assert client.get(ANALYSIS.format(lang="en") + "?slope=1").status_code == 200
    assert len(calls) == 2


def test_too_few_years_before_the_event_says_so_without_a_number(client, load_rows, population, make_event):
    load_rows([(COUNT, "UKR", y, 300 + y - 2000, "emcdda_statbulletin_2019") for y in range(2005, 2020)])
    make_event("ukr-2012-synthetic", country="UKR", date=datetime.date(2012, 4, 1), precision="month")
    for lang, says in (("en", "Only 7 yearly values"), ("ru", "Только 7 годовых значений")):
        response = client.get(f"/{lang}/impact/UKR/ukr-2012-synthetic/{COUNT}/")
        assert response.status_code == 200
        html = text_of(response)
        assert says in html
        assert "<svg" not in response.content.decode()  # no chart
        for absent in ('class="finding"', 'class="estimates"', "p = ", "p &lt;", "Rate ratio", "отношение частот",
                       "confidence interval of the", "доверительный интервал отношения"):
            assert absent not in html
        main = html[html.index("<main"):html.index("</main>")]
        assert not re.search(r"\d[.,]\d", main)  # no estimate, no interval: not a single decimal number


def test_an_event_after_the_series_says_so(client, counts_loaded, make_event):
    make_event("ukr-2022-synthetic", country="UKR", date=datetime.date(2022, 2, 24), precision="day")
    html = text_of(client.get(f"/en/impact/UKR/ukr-2022-synthetic/{COUNT}/"))
    assert "ends in 2019, before the first year after the event (2022)" in html
    assert 'class="estimates"' not in html


def test_unknown_or_mismatched_addresses_are_404(client, counts_loaded, make_event):
    make_event("geo-2010-synthetic", country="GEO", date=datetime.date(2010, 3, 1))
    assert client.get(f"/en/impact/GEO/ukr-2010-synthetic/{COUNT}/").status_code == 404
    assert client.get(f"/en/impact/UKR/geo-2010-synthetic/{COUNT}/").status_code == 404
    assert client.get("/en/impact/UKR/ukr-2010-synthetic/no_such_indicator/").status_code == 404
    assert client.get("/en/impact/XXX/").status_code == 404
    lower = client.get(f"/en/impact/ukr/ukr-2010-synthetic/{COUNT}/")
    assert lower.status_code == 301 and lower["Location"] == ANALYSIS.format(lang="en")


def test_the_json_download_has_both_languages(client, counts_loaded):
    data = client.get(ANALYSIS.format(lang="en") + "analysis.json").json()
    assert data["status"] == "ok" and set(data["finding"]) == {"en", "ru"}
    assert data["data"]["first_post_year"] == 2010 and data["data"]["offset"] == "log(population), World Bank"


def test_the_chooser_lists_events_and_outcomes_and_redirects(client, counts_loaded):
    html = text_of(client.get("/en/impact/UKR/"))
    assert "Synthetic crackdown" in html and 'value="drug_induced_deaths"' in html
    assert 'method="get"' in html
    chosen = text_of(client.get("/en/impact/UKR/?event=ukr-2010-synthetic"))
    assert "12 years before the event" in chosen and "This field is required" not in chosen
    response = client.get("/en/impact/UKR/?event=ukr-2010-synthetic&indicator=drug_induced_deaths&hac=1")
    assert response.status_code == 302
    assert response["Location"] == ANALYSIS.format(lang="en") + "?hac=1"
    russian = text_of(client.get("/ru/impact/UKR/?event=ukr-2010-synthetic"))
    assert "Вымышленная облава" in russian and "Анализировать" in russian


def test_the_chooser_of_a_country_without_events_says_so(client, catalogue):
    html = text_of(client.get("/en/impact/GEO/"))
    assert "No policy events of Georgia are published yet" in html


def test_links_for_the_dashboard_and_the_event_page(counts_loaded, countries, event, make_event):
    template = Template("{% load impact %}{% impact_country_link country %}|{% impact_event_link event %}")
    html = template.render(Context({"country": countries["UKR"], "event": event}))
    assert 'href="/en/impact/UKR/"' in html
    assert 'href="/en/impact/UKR/?event=ukr-2010-synthetic">Analyse the impact of this event</a>' in html
    draft = make_event("ukr-draft", published=False)
    assert "impact" not in Template("{% load impact %}{% impact_event_link event %}").render(
        Context({"event": draft}))


def test_the_page_reads_a_fixed_number_of_queries(client, counts_loaded, make_event):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(ANALYSIS.format(lang="en"))  # warm the session and the caches of other tests' making
    with CaptureQueriesContext(connection) as few:
        client.get(ANALYSIS.format(lang="ru"))
    for year in (2008, 2009, 2011, 2012, 2013):
        make_event(f"ukr-{year}-nearby", country="UKR", date=datetime.date(year, 5, 1), precision="month")
    client.get(ANALYSIS.format(lang="en"))  # a new data version: fitted once
    with CaptureQueriesContext(connection) as many:
        response = client.get(ANALYSIS.format(lang="ru"))
    assert "5 событий наркополитики" in response.content.decode()
    assert len(many) == len(few)


def test_the_chooser_offers_only_series_the_analysis_can_use_and_says_why_not(client, counts_loaded, load_rows):
    # Synthetic: a one-year series (it can never be analysed) and a series that ends before the event.
    load_rows([("threshold_criminal_opium", "UKR", 2010, 1.0, "curated_hri_gshr2020_t221")])
    load_rows([("gbd_drug_deaths_rate_as", "UKR", year, 2.0 + year / 100, "ihme_gbd2019_owid")
               for year in range(1995, 2009)])
    html = text_of(client.get("/en/impact/UKR/"))
    assert 'value="threshold_criminal_opium"' not in html
    assert "2 series are not offered" not in html and "1 series is not offered" in html
    assert "(2010–2010): only 1 year with data; at least 9 are needed" in html
    chosen = text_of(client.get("/en/impact/UKR/?event=ukr-2010-synthetic"))
    assert 'value="gbd_drug_deaths_rate_as"' not in chosen and "no data after the event yet" in chosen
    assert 'value="drug_induced_deaths"' in chosen
    russian = text_of(client.get("/ru/impact/UKR/?event=ukr-2010-synthetic"))
    assert "нет данных после события" in russian

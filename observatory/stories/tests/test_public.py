"""What readers get: live charts that follow the data, sources, translations, the feed, the sitemap,
link previews, search and the public question. The stories and figures here are test data, made up.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from observatory import access
from observatory.access import SYSTEM
from observatory.stories import markup, services

pytestmark = pytest.mark.django_db

CHART = "::: chart /en/indicators/drug_induced_deaths/?view=chart&countries=LVA,LTU,EST&from=2015"
BODY = f"""Deaths in the test data rose.[^1]

{CHART}

::: card drug_induced_deaths LVA

::: quote A sentence worth repeating. | Test desk

[^1]: Test source <https://example.org/test-source>
"""


def published(slug="baltic-test", language="en", body=BODY, is_original=True, country=None, title="Baltic test"):
    story = services.story_create(actor=SYSTEM, language=language, slug=slug, title=title, summary="Made up.",
                                  body=body, is_original=is_original, country=country)
    return services.story_publish(actor=SYSTEM, story=story)


def chart_svg(html: str) -> str:
    return re.search(r'<div class="chart-svg">(.*?)</div>', html, re.S).group(1)


def test_a_story_chart_changes_when_an_observation_changes(client, deaths, tidy_csv):
    from observatory.indicators.services import observations_import

    published()
    before = client.get("/en/stories/baltic-test/").content.decode()
    assert "<svg" in chart_svg(before)
    assert observations_import(actor=SYSTEM, path=tidy_csv(
        "indicator,country,period,value,sex,source\ndrug_induced_deaths,LVA,2016,480,,emcdda_statbulletin_2019\n"
    )).ok
    after = client.get("/en/stories/baltic-test/").content.decode()
    assert chart_svg(after) != chart_svg(before)
    assert 'class="big">480 <' in after  # the card shows the new latest value too
    # The chart keeps the explorer's permalink, downloads and source line.
    assert 'href="/en/indicators/drug_induced_deaths/?view=chart&amp;countries=LVA%2CLTU%2CEST&amp;from=2015"' in after
    assert "/en/indicators/drug_induced_deaths/chart.png?" in after and "chart.csv?" in after
    assert "European Monitoring Centre for Drugs and Drug Addiction" in after


def test_the_sources_list_gathers_footnotes_and_the_blocks_sources(client, deaths):
    published()
    html = client.get("/en/stories/baltic-test/").content.decode()
    sources = html[html.index('id="sources-title"'):]
    assert "https://example.org/test-source" in sources
    assert "European Monitoring Centre" in sources


def test_text_cannot_carry_html_or_script_links():
    page = markup.render('Hi <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=y>\n')
    assert "<script" not in page.html and "<img" not in page.html and 'href="javascript' not in page.html


def test_translations_know_each_other(client, deaths):
    published()
    english = client.get("/en/stories/baltic-test/").content.decode()
    assert "Not yet translated" in english
    missing = client.get("/ru/stories/baltic-test/")
    assert missing.status_code == 404 and 'href="/en/stories/baltic-test/"' in missing.content.decode()
    published(language="ru", is_original=False, body="Перевод (тест).\n", title="Балтийский тест")
    english = client.get("/en/stories/baltic-test/").content.decode()
    assert 'hreflang="ru"' in english and "Not yet translated" not in english
    # The original is published again: the translation is now older, and both pages say so.
    from observatory.stories.models import Story

    original = Story.objects.get(language="en")
    services.story_update(actor=SYSTEM, story=original, based_on=None, body=BODY + "\nUpdated.\n")
    services.story_publish(actor=SYSTEM, story=original)
    russian = client.get("/ru/stories/baltic-test/").content.decode()
    assert "Read the original" in russian or "Читать оригинал" in russian
    assert "is older than this text" in client.get("/en/stories/baltic-test/").content.decode()


def test_the_feeds_parse_and_list_the_language_s_stories(client, deaths):
    published()
    published(slug="ru-only", language="ru", body="Текст (тест).\n", title="Только по-русски")
    atom = "{http://www.w3.org/2005/Atom}"
    for language, wanted, unwanted in (("en", "Baltic test", "Только по-русски"), ("ru", "Только по-русски",
                                                                                  "Baltic test")):
        response = client.get(f"/{language}/stories/feed/")
        assert response["Content-Type"].startswith("application/atom+xml")
        titles = [e.text for e in ET.fromstring(response.content).iter(f"{atom}title")]
        assert wanted in titles and unwanted not in titles


def test_the_sitemap_lists_stories_with_alternates_only_where_they_exist(client, deaths):
    published()
    published(language="ru", is_original=False, body="Перевод (тест).\n", title="Балтийский тест")
    published(slug="en-only", title="English only")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = {u.find("s:loc", ns).text: [a.get("hreflang") for a in u.findall("x:link", ns)]
            for u in root.findall("s:url", ns)}
    baltic = [loc for loc in urls if loc.endswith("/en/stories/baltic-test/")]
    assert baltic and set(urls[baltic[0]]) >= {"en", "ru"}
    english_only = [loc for loc in urls if "/stories/en-only/" in loc]
    assert len(english_only) == 1 and "ru" not in urls[english_only[0]]
    assert any(loc.endswith("/ru/countries/LVA/") for loc in urls)


def test_link_previews_use_the_first_chart_as_a_png(client, deaths):
    published()
    html = client.get("/en/stories/baltic-test/").content.decode()
    image = re.search(r'<meta property="og:image" content="([^"]+)"', html).group(1)
    assert image.endswith("/en/stories/baltic-test/preview.png")
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    png = client.get("/en/stories/baltic-test/preview.png")
    assert png["Content-Type"] == "image/png" and png.content[:8] == b"\x89PNG\r\n\x1a\n"


def test_stories_are_found_by_the_site_search(client, deaths):
    published(body="Methadone programmes in the test country.\n")
    results = client.get("/en/search/?q=methadone").content.decode()
    assert "/en/stories/baltic-test/" in results and '<span class="flag">story</span>' in results


def test_the_public_question_page_shows_the_country_s_evidence_stories_and_the_report_form(client, deaths, countries):
    published(country=countries["LVA"])
    page = client.get("/en/your-country/?country=LVA").content.decode()
    assert "/en/countries/LVA/" in page and "/en/stories/baltic-test/" in page and "/en/cases/report/" in page
    assert "Choose a country from the list." in client.get("/en/your-country/?country=").content.decode()
    assert client.get("/ru/your-country/").status_code == 200


def test_drafts_and_withdrawn_stories_are_not_public(client, deaths):
    story = published()
    services.story_unpublish(actor=SYSTEM, story=story)
    assert client.get("/en/stories/baltic-test/").status_code == 404
    assert not access.public_scope(type(story)).exists()


def test_on_a_russian_page_english_citations_are_marked_and_blocks_still_drawn(client, deaths):
    published(language="ru", body="Текст.[^1]\n\n" + CHART.replace("/en/", "/ru/") +
              "\n\n[^1]: European Monitoring Centre for Drugs and Drug Addiction, Statistical Bulletin 2019.\n",
              title="Тест")
    html = client.get("/ru/stories/baltic-test/").content.decode()
    assert '<span lang="en">European Monitoring Centre for Drugs and Drug Addiction, Statistical Bulletin' in html
    assert "STORYBLOCK" not in html and "<svg" in chart_svg(html)


def test_the_violations_block_shows_only_what_the_registry_publishes(client, deaths, editors, countries):
    import datetime

    from observatory.cases import services as cases

    cases.vocabularies_load(actor=SYSTEM)
    year = datetime.date.today().year - 1

    def case(violation):  # synthetic test cases
        data = cases.CaseData(
            occurred_on=f"{year}-03-15", region="Kyiv", channel="outreach", narrative="Synthetic test case.",
            consent=cases.Consent(document=True, share_network=True, advocacy=False, contact=False),
            victim=cases.VictimData(sex="female"),
            acts=[cases.ActData(violation=violation, perpetrators=["police"])])
        created, _ = cases.case_create(actor=editors["documenter_ukr"], data=data, submit=True)
        cases.case_verify(actor=editors["coordinator_ukr"], case=created)

    for violation, n in (("police_beating", 7), ("arbitrary_detention", 6), ("police_extortion", 2)):
        for _ in range(n):
            case(violation)
    published(body="Text.\n\n::: violations UKR\n", country=countries["UKR"])
    html = client.get("/en/stories/baltic-test/").content.decode()
    block = html[html.index('class="story-violations"'):]
    block = block[:block.index("</section>")]
    assert "verified 15 cases" in block
    assert re.search(r'<td class="num">&lt;5</td>', block)  # two cases are shown as "<5", never as 2
    assert '<td class="num">2</td>' not in block and "Synthetic test case" not in html

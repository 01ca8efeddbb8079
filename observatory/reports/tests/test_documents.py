"""The PDFs as a reader gets them: the numbers are the database's, the language is the one asked for,
and the file is a tagged PDF with its language, title and fonts (PDF/UA basics)."""

from __future__ import annotations

import io
import subprocess

import pytest
from django.utils import translation
from pypdf import PdfReader

from observatory.access import SYSTEM
from observatory.reports import generate
from observatory.reports.tests.conftest import filled_to, first_page_png, pdf_text, require_tool

pytestmark = pytest.mark.slow


def _brief(countries, iso3="UKR", language="en"):
    pdf = generate.brief_pdf(country=countries[iso3], language=language)
    return pdf, pdf_text(pdf)


def _pdf_ua_basics(pdf: bytes, *, language: str, title: str) -> PdfReader:
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root, "not a tagged PDF"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == language
    assert reader.metadata.title == title
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()  # declares PDF/UA-1
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
            if descriptor is not None:
                descriptor = descriptor.get_object()
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), \
                    f"font {font.get('/BaseFont')} is not embedded"
    return reader


def test_english_brief_prints_the_database_values_with_years_and_sources(brief_data):
    from observatory.indicators.models import Observation

    pdf, text = _brief(brief_data, "UKR", "en")
    # Synthetic test values: UKR drug deaths 1.9 per 100,000 in 2019 (1.0 in 2010), OST coverage 5 in 2018.
    deaths = Observation.objects.get(indicator__code="gbd_drug_deaths_rate_as", country__iso3="UKR", year=2019)
    assert deaths.value == 1.9
    assert "1.9 deaths per 100,000 (age-standardised)" in text
    assert "in 2019" in text
    assert "5.0 % of opioid-dependent people who inject drugs" in text
    assert "4,000,000 in 2019" in text  # population, with its year
    assert "Institute for Health Metrics and Evaluation" in text  # the source of the deaths figure
    # The sources section names publisher, dataset, URL and licence of every source used.
    assert "Sources" in text and "Licence:" in text and "https://" in text
    first_page_png(pdf, "brief-ukr-en")


def test_russian_brief_is_in_russian_with_russian_number_format(brief_data):
    pdf, text = _brief(brief_data, "UKR", "ru")
    assert "Украина" in text
    for heading in ("Введение", "Основные показатели", "Динамика и события политики", "Источники"):
        assert heading in text, heading
    for english in ("Introduction", "Headline indicators", "Trends and policy events", "Sources", "Page"):
        assert english not in text, english
    assert "1,9 смертей на 100 000" in text  # decimal comma, grouped thousands
    assert "4 000 000" in text
    _pdf_ua_basics(pdf, language="ru", title="Украина: обзор наркополитики")
    page1 = first_page_png(pdf, "brief-ukr-ru")
    # No half-empty first page: charts that do not fit are followed by text and tables that fill the page.
    assert filled_to(page1) > 0.85


def test_brief_is_a_tagged_pdf_with_language_title_and_embedded_fonts(brief_data):
    pdf, _ = _brief(brief_data, "UKR", "en")
    reader = _pdf_ua_basics(pdf, language="en", title="Ukraine: drug policy brief")
    assert reader.metadata.get("/Author") == "Drug Policy Observatory"
    assert 2 <= len(reader.pages) <= 4
    pdffonts = require_tool("pdffonts")
    listing = subprocess.run([pdffonts, "-"], input=pdf, capture_output=True, check=True, timeout=30).stdout.decode()
    rows = [line.split() for line in listing.splitlines()[2:] if line.strip()]
    assert rows and all("yes" == row[-5] for row in rows), listing  # the "emb" column


def test_scorecard_and_law_gaps_match_the_platform(brief_data):
    from observatory.laws.selectors import country_assessment
    from observatory.scorecard.selectors import scorecard_platform

    _, text = _brief(brief_data, "UKR", "en")
    platform = scorecard_platform()
    year = platform.latest_year
    score = platform.cards[year].scores.at["UKR", "score"]
    assert f"In {year} Ukraine scores {score:.1f} out of 100" in text
    cells = country_assessment(country=brief_data["UKR"])
    meets = sum(c.status == "meets" for c in cells)
    not_met = sum(c.status == "does_not_meet" for c in cells)
    assert f"the law of Ukraine meets {meets}," in text
    assert f"does not meet {not_met};" in text
    # Recommendations drawn from the gaps: the model law's target for a provision that falls short.
    gap = next(c for c in cells if c.status == "does_not_meet")
    assert "Recommendations" in text
    assert " ".join(gap.provision.target_en.split())[:60] in text


def test_policy_events_are_marked_and_listed_with_sources(brief_data):
    from observatory.events.selectors import events_for_country

    _, text = _brief(brief_data, "UKR", "en")
    event = next(e for e in events_for_country(country=brief_data["UKR"]) if 2010 <= e.date.year <= 2019)
    with translation.override("en"):
        assert event.title in text
    assert "Policy events on the charts" in text


def test_staff_text_replaces_the_standard_introduction_and_recommendations(brief_data, personas):
    from observatory.reports.services import brief_text_save

    brief_text_save(actor=personas["admin"], country=brief_data["UKR"], language="en",
                    introduction="Prepared for the meeting with the Ministry of Health.",
                    recommendations="Fund opioid substitution treatment from the state budget.\n\n"
                                    "Stop registering people who use drugs.")
    _, text = _brief(brief_data, "UKR", "en")
    assert "Prepared for the meeting with the Ministry of Health." in text
    assert "1. Fund opioid substitution treatment from the state budget." in text
    assert "2. Stop registering people who use drugs." in text
    assert "Drawn from the gaps above" not in text
    _, russian = _brief(brief_data, "UKR", "ru")  # the Russian brief keeps its own (standard) texts
    assert "Prepared for the meeting" not in russian


def test_a_country_with_little_data_leaves_sections_out_without_placeholders(brief_data):
    pdf, text = _brief(brief_data, "TKM", "en")
    assert "Turkmenistan" in text
    assert "Headline indicators" not in text and "Trends and policy events" not in text
    assert "Figure" not in text  # no chart without data
    assert "The law against the model law" not in text  # no provision of Turkmenistan's law is sourced
    # The standard introduction promises only what the brief holds.
    assert "The platform holds few comparable figures for Turkmenistan yet" in text
    assert "Every figure gives its year" not in text
    assert "Every figure gives its year and a numbered source" in _brief(brief_data, "UKR", "en")[1]


def test_regional_brief_compares_the_countries_with_a_map(regional_data):
    from observatory.countries.models import Country

    pdf = generate.regional_pdf(language="en")
    text = pdf_text(pdf)
    with translation.override("en"):
        for country in Country.objects.filter(active=True):
            assert country.name in text, country.name
    # Synthetic test values: Georgia's drug deaths 2.9 in 2019, OST coverage 8 in 2018.
    assert "2.9 (2019)" in text and "8.0 (2018)" in text
    reader = _pdf_ua_basics(pdf, language="en", title="Drug policy in Central and Eastern Europe and Central Asia")
    assert len(reader.pages) >= 2
    first_page_png(pdf, "regional-en")
    russian = pdf_text(generate.regional_pdf(language="ru"))
    assert "Грузия" in russian and "2,9 (2019)" in russian and "Sources" not in russian


@pytest.fixture
def shadow_round(brief_data, personas):
    from observatory.reviews.models import ReviewItem, ReviewProcess, ReviewRound
    from observatory.reviews.services import assessment_save, country_report_save

    process = ReviewProcess.objects.create(code="test-process", title_en="Test process (synthetic)",
                                           title_ru="Тестовый процесс", short_title_en="Test", short_title_ru="Тест",
                                           sources=[{"title": "Test document", "url": "https://example.org/doc"}])
    item = ReviewItem.objects.create(process=process, code="item-1", number="1.1", title_en="Fund harm reduction",
                                     title_ru="Финансировать снижение вреда", group_en="Health", group_ru="Здоровье")
    published = ReviewRound.objects.create(process=process, year=2023, published=True, is_open=False)
    hidden = ReviewRound.objects.create(process=process, year=2024, published=False, is_open=True)
    for review_round in (published, hidden):
        assessment_save(actor=SYSTEM, review_round=review_round, item=item, country=brief_data["UKR"],
                        status="in_progress", evidence=[{"url": "https://example.org/budget", "title": "Budget 2023"}],
                        comment_en="A pilot is funded.", comment_ru="Пилот финансируется.")
    country_report_save(actor=SYSTEM, review_round=published, country=brief_data["UKR"],
                        introduction_en="Civil society in Ukraine assessed the commitments.",
                        funding_amount="2500000", funding_currency="UAH", funding_year=2023,
                        funding_source_title="State budget 2023", funding_source_url="https://example.org/state")
    return {"published": published, "hidden": hidden}


def test_shadow_report_prints_the_round_from_the_review_tracker(shadow_round, brief_data):
    pdf = generate.shadow_pdf(review_round=shadow_round["published"], country=brief_data["UKR"], language="en")
    text = pdf_text(pdf)
    assert "Ukraine: civil society assessment of Test, 2023" in text
    assert "Civil society in Ukraine assessed the commitments." in text
    assert "Fund harm reduction" in text and "In progress" in text and "A pilot is funded." in text
    assert "2,500,000 UAH (2023)" in text
    assert "https://example.org/budget" in text and "https://example.org/doc" in text
    _pdf_ua_basics(pdf, language="en", title="Ukraine: civil society assessment of Test, 2023")
    first_page_png(pdf, "shadow-ukr-en")
    russian = pdf_text(generate.shadow_pdf(review_round=shadow_round["published"], country=brief_data["UKR"],
                                           language="ru"))
    assert "Финансировать снижение вреда" in russian and "Пилот финансируется." in russian
    assert "2 500 000 UAH" in russian


def test_documented_violations_show_the_registrys_suppressed_totals(brief_data, personas):
    import datetime

    services = pytest.importorskip("observatory.cases.services")
    from observatory.cases.statistics import violation_stats

    services.vocabularies_load(actor=SYSTEM)
    year = datetime.date.today().year - 1
    coordinator = personas["coordinator_ukr"]

    def case(violation):
        data = services.CaseData(
            occurred_on=f"{year}-03-15", region="Kyiv", channel="outreach", narrative="Synthetic test case.",
            consent=services.Consent(document=True, share_network=True, advocacy=False, contact=False),
            victim=services.VictimData(sex="female"),
            acts=[services.ActData(violation=violation, perpetrators=["police"])])
        created, _ = services.case_create(actor=personas["documenter_ukr"], data=data, submit=True)
        services.case_verify(actor=coordinator, case=created)

    for violation, n in (("police_beating", 7), ("arbitrary_detention", 6), ("police_extortion", 2)):
        for _ in range(n):
            case(violation)
    stats = violation_stats(country=brief_data["UKR"], year=year, by="violation")
    assert stats.total == 15 and not stats.withheld
    text = pdf_text(generate.brief_pdf(country=brief_data["UKR"], language="en"))
    assert "Documented human-rights violations" in text
    assert f"In {year} the network's paralegals and outreach workers documented and verified 15 cases" in text
    with translation.override("en"):
        for cell in stats.cells:  # exactly what the registry publishes: the small count is "<5", never 2
            assert f"{cell.name} {cell.value}" in text
        assert next(c for c in stats.cells if c.code == "police_extortion").value == "<5"
    assert "Cases (total) 15" in text
    # A country without counted cases has no such section, and no placeholder.
    assert "Documented human-rights violations" not in pdf_text(
        generate.brief_pdf(country=brief_data["GEO"], language="en"))


def test_headline_figures_are_the_dashboards(brief_data):
    """The brief and the country page show the same figure, year, change and rank for each card."""
    from observatory.public.dashboard import dashboard_build
    from observatory.reports.documents.inputs import inputs_load

    inputs = inputs_load(scorecard=False, laws=False)
    board = dashboard_build(country=brief_data["GEO"])
    assert board.cards
    for card in board.cards:
        mine = inputs.headline(card.indicator.code, "GEO")
        assert (mine.value, mine.year, mine.source.key, mine.change_pct, mine.rank, mine.ranked) == (
            card.value, card.year, card.source.key, card.change_pct, card.rank, card.ranked)


def test_an_impact_finding_is_printed_when_the_impact_capability_publishes_one(brief_data, monkeypatch):
    import types

    from observatory.reports.documents import sections

    def published_finding(*, country):
        if country.iso3 != "UKR":
            return None
        return {"title": "Synthetic finding for the test", "summary": "Deaths rose by 12% (95% CI 3% to 21%).",
                "caveat": "An association, not proof of cause.",
                "sources": [{"title": "Synthetic analysis", "url": "https://example.org/analysis"}]}

    fake = types.SimpleNamespace(published_finding=published_finding)
    real = sections.optional
    monkeypatch.setattr(sections, "optional", lambda module: fake if module == "observatory.impact.selectors"
                        else real(module))
    text = pdf_text(generate.brief_pdf(country=brief_data["UKR"], language="en", use_cache=False))
    assert "What the evidence shows" in text and "Deaths rose by 12% (95% CI 3% to 21%)." in text
    assert "https://example.org/analysis" in text
    georgia = pdf_text(generate.brief_pdf(country=brief_data["GEO"], language="en", use_cache=False))
    assert "What the evidence shows" not in georgia

"""The public timeline and event pages, and the staff pages that add, edit and delete events."""

from __future__ import annotations

import datetime
import re

import pytest

from observatory.audit.models import AuditEntry
from observatory.events.models import EventSource, Origin, PolicyEvent
from observatory.events.tests.conftest import verified_client

NNBSP = "\u202f"


# Public pages ------------------------------------------------------------------------------------

def test_timeline_lists_only_published_events_grouped_by_year(client, shipped_events, make_event):
    make_event("ukr-2021-draft", published=False, title_en="A draft nobody may see")
    page = client.get("/en/events/").content.decode()
    assert "65 published events" in page and "in 29 countries" in page
    assert "A draft nobody may see" not in page
    years = re.findall(r'<h2 id="year-(\d{4})">', page)
    assert years == sorted(years) and "1999" in years and "2022" in years
    assert "Constitutional Court strikes down government power to set drug thresholds by decree" in page
    assert 'href="https://www.apnews.com/344750682a7843f8b4b89a5a2e89b781"' in page
    assert '<time datetime="2013-07-23">23 July 2013</time>' in page


def test_timeline_never_shows_source_quotes(client, shipped_events):
    page = client.get("/en/events/").content.decode()
    quote = EventSource.objects.get(event__slug="cze-1999-possession-criminalised").quote
    assert quote[:40] not in page


def test_timeline_filters_by_country_and_type(client, shipped_events):
    page = client.get("/en/events/?country=GEO").content.decode()
    assert "Policy events: Georgia" in page and "6 published events." in page
    assert "event-cze-" not in page and 'id="event-geo-2015-court-tsikarishvili"' in page
    page = client.get("/en/events/?country=GEO&type=court_ruling").content.decode()
    assert page.count('class="event event-court_ruling"') == page.count('class="event ')
    assert "Types shown: Court ruling." in page


def test_timeline_says_plainly_when_a_country_has_no_events(client, shipped_events):
    from observatory.events.models import PolicyEvent

    PolicyEvent.objects.filter(country__iso3="AZE").update(published=False)  # every country has one shipped
    page = client.get("/en/events/?country=AZE").content.decode()
    assert "No published events for Azerbaijan yet." in page


def test_timeline_ignores_an_unknown_country_and_says_so(client, shipped_events):
    response = client.get("/en/events/?country=XYZ")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_timeline_in_russian(client, shipped_events):
    page = client.get("/ru/events/?country=CZE").content.decode()
    assert "Конституционный суд отменил право правительства устанавливать пороги постановлением" in page
    assert f"23 июля 2013{NNBSP}г." in page
    assert "Судебное решение" in page
    assert "События наркополитики: Чехия" in page


def test_timeline_takes_a_fixed_number_of_queries(client, shipped_events, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        client.get("/en/events/")
    with django_assert_max_num_queries(6):
        client.get("/en/events/?country=UKR&type=ost_introduced&type=ost_scaled_up")


def test_event_page(client, shipped_events):
    page = client.get("/en/events/cze-2013-constitutional-court-thresholds/").content.decode()
    assert "<h1>Constitutional Court strikes down" in page
    assert "Other events in Czechia" in page and "/en/events/cze-2010-threshold-quantities/" in page
    assert 'href="https://english.radio.cz/court-denies-government-right-set-permissible-amount-drugs-decree-8316603"' \
        in page
    assert "/events/staff/" not in page
    page = client.get("/ru/events/cze-1999-possession-criminalised/").content.decode()
    assert f"1999{NNBSP}г." in page and "Повторная криминализация" in page


def test_a_draft_is_a_404_for_the_public_and_a_preview_for_admins(client, personas, make_event):
    make_event("ukr-2021-draft", published=False)
    assert client.get("/en/events/ukr-2021-draft/").status_code == 404
    client.force_login(personas["analyst"])
    assert client.get("/en/events/ukr-2021-draft/").status_code == 404
    verified_client(client, personas["admin"])
    page = client.get("/en/events/ukr-2021-draft/").content.decode()
    assert "Draft: this event is not published." in page
    assert "/en/events/staff/ukr-2021-draft/" in page


def test_pages_have_no_inline_scripts(client, shipped_events):
    for url in ("/en/events/", "/en/events/cze-2010-threshold-quantities/"):
        page = client.get(url).content.decode()
        assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page) is None
        assert " style=" not in page and " on" not in re.sub(r'"[^"]*"', "", "".join(re.findall(r"<[^>]+>", page)))


# Staff pages -------------------------------------------------------------------------------------

STAFF_URLS = ["/en/events/staff/", "/en/events/staff/new/", "/en/events/staff/ukr-2015-test/",
              "/en/events/staff/ukr-2015-test/delete/"]


@pytest.mark.parametrize("persona", ["coordinator_ukr", "case_manager_ukr", "documenter_ukr", "analyst"])
def test_staff_pages_are_a_404_for_everyone_but_admins(client, personas, make_event, persona):
    make_event("ukr-2015-test")
    verified_client(client, personas[persona])
    for url in STAFF_URLS:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code == 404, url
    assert PolicyEvent.objects.filter(slug="ukr-2015-test").exists()


def test_staff_pages_ask_a_visitor_to_sign_in(client, make_event):
    make_event("ukr-2015-test")
    for url in STAFF_URLS:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def _post_data(**overrides):
    data = {
        "country": "MDA", "year": "2016", "month": "", "day": "", "type": "ost_scaled_up",
        "title_en": "Test: OST in prisons expanded", "title_ru": "Тест: ЗТ в тюрьмах расширена",
        "description_en": "Synthetic test event.", "description_ru": "Вымышленное событие для теста.",
        "published": "on",
        "sources-TOTAL_FORMS": "2", "sources-INITIAL_FORMS": "0", "sources-MIN_NUM_FORMS": "0",
        "sources-MAX_NUM_FORMS": "20",
        "sources-0-title": "Test publisher, test report, 2016", "sources-0-url": "https://example.org/report",
        "sources-0-quote": "", "sources-1-title": "", "sources-1-url": "", "sources-1-quote": "",
    }
    data.update(overrides)
    return data


def test_staff_add_an_event(staff_client):
    response = staff_client.post("/en/events/staff/new/", _post_data(month="7"))
    assert response.status_code == 302 and response["Location"] == "/en/events/mda-2016-test-ost-in-prisons-expanded/"
    event = PolicyEvent.objects.get()
    assert (event.country.iso3, event.date, event.precision, event.published, event.origin) == \
        ("MDA", datetime.date(2016, 7, 1), "month", True, Origin.STAFF)
    assert [s.url for s in event.sources.all()] == ["https://example.org/report"]
    entry = AuditEntry.objects.get(action="events.event.create")
    assert entry.actor_username == "admin" and entry.object_id == str(event.pk)
    page = staff_client.get(response["Location"]).content.decode()
    assert '<time datetime="2016-07">July 2016</time>' in page


def test_staff_validation_names_each_field(staff_client):
    data = _post_data(title_ru="", day="31", month="2", **{"sources-0-title": "", "sources-0-url": ""})
    response = staff_client.post("/en/events/staff/new/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "The event was not saved: 3 problems." in page
    assert 'href="#id_title_ru">Title (Russian): This field is required.' in page
    assert 'href="#id_day">Day (if the source gives it): This day does not exist in that month.' in page
    assert 'href="#sources">Sources: Give at least one source' in page
    assert not PolicyEvent.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="events.").exists()


def test_staff_validation_names_the_source_row(staff_client):
    data = _post_data(**{"sources-1-title": "A second document", "sources-1-url": "not a link"})
    page = staff_client.post("/en/events/staff/new/", data).content.decode()
    assert "Source 2: Link: Enter a valid URL." in page
    assert not PolicyEvent.objects.exists()


def test_staff_validation_in_russian(staff_client):
    page = staff_client.post("/ru/events/staff/new/", _post_data(title_ru="")).content.decode()
    assert "Заголовок (на русском): Обязательное поле." in page


def test_staff_edit_an_event(staff_client, shipped_events):
    slug = "cze-2013-constitutional-court-thresholds"
    form = staff_client.get(f"/en/events/staff/{slug}/").content.decode()
    assert 'value="Constitutional Court strikes down' in form
    assert 'name="sources-1-url"' in form and 'name="sources-3-url"' in form  # two sources, two empty rows
    data = _post_data(country="CZE", year="2013", month="8", day="1", type="court_ruling",
                      title_en="Constitutional Court annuls the threshold decree",
                      **{"sources-TOTAL_FORMS": "1", "sources-INITIAL_FORMS": "2"})
    data.pop("sources-1-title"), data.pop("sources-1-url"), data.pop("sources-1-quote")
    response = staff_client.post(f"/en/events/staff/{slug}/", data)
    assert response.status_code == 302
    event = PolicyEvent.objects.get(slug=slug)
    assert event.title_en == "Constitutional Court annuls the threshold decree" and event.origin == Origin.STAFF
    assert [s.url for s in event.sources.all()] == ["https://example.org/report"]
    entry = AuditEntry.objects.get(action="events.event.change")
    assert entry.details["sources_changed"] is True and "title_en" in entry.details["fields"]


def test_staff_cannot_remove_every_source(staff_client, make_event):
    make_event("ukr-2015-test")
    data = _post_data(country="UKR", year="2015", type="law_change",
                      **{"sources-TOTAL_FORMS": "1", "sources-INITIAL_FORMS": "1", "sources-0-title": "",
                         "sources-0-url": ""})
    response = staff_client.post("/en/events/staff/ukr-2015-test/", data)
    assert response.status_code == 400
    assert "Give at least one source" in response.content.decode()
    assert PolicyEvent.objects.get(slug="ukr-2015-test").sources.count() == 1


def test_staff_delete_an_event(staff_client, shipped_events):
    slug = "cze-2013-constitutional-court-thresholds"
    page = staff_client.get(f"/en/events/staff/{slug}/delete/").content.decode()
    assert "adds it back" in page
    response = staff_client.post(f"/en/events/staff/{slug}/delete/")
    assert response.status_code == 302 and response["Location"] == "/en/events/staff/"
    assert not PolicyEvent.objects.filter(slug=slug).exists()
    assert AuditEntry.objects.filter(action="events.event.delete").count() == 1


def test_staff_list_shows_drafts_in_a_fixed_number_of_queries(staff_client, shipped_events, make_event,
                                                              django_assert_max_num_queries):
    make_event("ukr-2021-draft", published=False, title_en="Draft under review")
    with django_assert_max_num_queries(12):
        page = staff_client.get("/en/events/staff/").content.decode()
    assert "66 events" in page and "1 draft (not published)" in page and "Draft under review" in page

"""Meetings: registration (idempotent, consent, privacy), check-in, certificates and their verification,
recommendations followed up against the review tracker, the calendar file, the API and the command line.

The meetings, participants and recommendations written here are test data, made up; the shipped forum is
tested in test_shipped.py.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from observatory import access
from observatory.audit.models import AuditEntry
from observatory.cases.tests.conftest import verified_session
from observatory.meetings import selectors
from observatory.meetings.models import Meeting, Registration
from observatory.meetings.services.certificates import certificate_issue, certificate_verify
from observatory.meetings.services.meetings import MeetingData, follow_up_record, meeting_save, recommendation_add
from observatory.meetings.services.registrations import (
    registration_check_in,
    reminders_send,
)

pytestmark = pytest.mark.django_db
PERSON = {"name": "Aigul Testova", "email": "Aigul@Example.org", "sector": "pwud_community", "consent": True,
          "organisation": "Test NGO", "needs": "Russian interpretation"}


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def meeting(countries):
    return meeting_save(actor=access.SYSTEM, data=MeetingData(
        slug="bishkek-2027-training", kind="training", title_en="Documenting violations (test)",
        title_ru="Документирование нарушений (тест)", starts_on=dt.date.today() + dt.timedelta(days=1),
        ends_on=dt.date.today() + dt.timedelta(days=2), city="Bishkek", country=countries["KGZ"], published=True,
        registration_open=True))


def _register(client, meeting, **changes):
    return client.post(f"/api/v1/meetings/{meeting.slug}/registrations", {**PERSON, **changes},
                       content_type="application/json")


def test_registering_twice_with_the_same_address_keeps_one_registration(client, meeting,
                                                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = _register(client, meeting)
    assert first.status_code == 201
    link = first.json()["private_link"]
    assert "/meetings/registration/" in link
    with django_capture_on_commit_callbacks(execute=True):
        again = _register(client, meeting, email=" aigul@example.ORG ", name="A. Testova")
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert again.json()["private_link"] is None  # knowing an address never opens someone's registration
    assert Registration.objects.count() == 1
    # The first message carries the link; the second sends the same link again to the address.
    assert [m.to for m in mail.outbox] == [["Aigul@Example.org"]] * 2
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert token in mail.outbox[0].body and token in mail.outbox[1].body


def test_registration_needs_consent_and_names_each_wrong_field(client, meeting):
    response = _register(client, meeting, consent=False, email="not-an-address", name=" ")
    assert response.status_code == 422
    fields = {item["loc"][-1] for item in response.json()["detail"]}
    assert fields == {"consent", "email", "name"}
    assert "Aigul" not in response.content.decode()  # errors never echo what was typed
    assert not Registration.objects.exists()
    assert _register(client, meeting, sector="police").status_code == 422


def test_the_details_are_encrypted_and_never_public(client, meeting):
    _register(client, meeting)
    registration = Registration.objects.get()
    stored = b"".join(bytes(getattr(registration, f"{f}_enc")) for f in ("name", "email", "organisation", "needs"))
    assert b"Aigul" not in stored and b"Example" not in stored and b"interpretation" not in stored
    api = client.get("/api/v1/meetings?kind=training").content.decode()
    page = client.get(f"/en/meetings/{meeting.slug}/").content.decode()
    for text in (api, page):
        assert "Aigul" not in text and "Test NGO" not in text
    assert client.get(f"/en/meetings/manage/{meeting.slug}/participants/").status_code == 302  # sign in first


def test_a_closed_or_unpublished_meeting_takes_no_registration(client, meeting):
    meeting.registration_open = False
    meeting.save()
    assert _register(client, meeting).status_code == 409
    meeting.published = False
    meeting.save()
    assert _register(client, meeting).status_code == 404
    assert not Registration.objects.exists()


def test_the_private_link_shows_and_withdraws_only_its_own_registration(client, meeting):
    link = _register(client, meeting).json()["private_link"]
    _register(client, meeting, email="other@example.org", name="Other Person")
    path = link[link.index("/en/") if "/en/" in link else link.index("/ru/"):]
    page = client.get(path)
    assert page.status_code == 200 and page["Cache-Control"].startswith("no-store")
    body = page.content.decode()
    assert "Aigul Testova" in body and "Other Person" not in body and "<svg" in body  # the check-in QR code
    assert client.post(path).status_code == 302
    assert Registration.objects.get(email_index=Registration.objects.order_by("pk").first().email_index).status \
        == "withdrawn"
    assert client.get("/en/meetings/registration/not-a-token/").status_code == 404


def test_who_sees_participants_and_checks_them_in(client, meeting, personas):
    _register(client, meeting)
    registration = Registration.objects.get()
    for name, status in (("coordinator_kgz", 200), ("admin", 200), ("coordinator_ukr", 404), ("documenter_kgz", 404),
                         ("analyst", 404)):
        verified_session(client, personas[name])
        response = client.get(f"/en/meetings/manage/{meeting.slug}/participants/")
        assert response.status_code == status, name
        if status == 200:
            assert "Aigul Testova" in response.content.decode()
    assert AuditEntry.objects.filter(action="meetings.participants_view").count() == 2
    with pytest.raises(PermissionDenied):
        registration_check_in(actor=personas["coordinator_ukr"], meeting=meeting, code=registration.checkin_code)
    verified_session(client, personas["coordinator_kgz"])
    url = f"/en/meetings/manage/{meeting.slug}/checkin/{registration.checkin_code}/"
    assert client.get(url).status_code == 200
    registration.refresh_from_db()
    assert registration.checked_in_at is None  # opening the QR code's address marks no one
    assert client.post(url).status_code == 302 and client.post(url).status_code == 302
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    assert AuditEntry.objects.filter(action="meetings.check_in").count() == 1
    counts = selectors.sector_counts(meeting)
    assert (counts["registered"], counts["attended"]) == (1, 1)


def test_a_certificate_is_issued_to_who_was_present_and_verified_without_showing_the_name(client, meeting, personas):
    _register(client, meeting)
    registration = Registration.objects.get()
    with pytest.raises(ValidationError, match="checked in"):
        certificate_issue(actor=personas["coordinator_kgz"], registration=registration)
    registration_check_in(actor=personas["coordinator_kgz"], meeting=meeting, code=registration.checkin_code)
    certificate = certificate_issue(actor=personas["coordinator_kgz"], registration=registration)
    assert certificate_issue(actor=personas["admin"], registration=registration) == certificate  # once only
    found, matches = certificate_verify(code=certificate.code.lower().replace("-", " "), name="aigul  TESTOVA")
    assert found == certificate and matches is True
    assert certificate_verify(code=certificate.code, name="Someone Else")[1] is False
    page = client.get(f"/ru/meetings/certificates/verify/?code={certificate.code}")
    body = page.content.decode()
    assert page.status_code == 200 and "Этот сертификат подлинный" in body and "Aigul" not in body
    checked = client.post("/ru/meetings/certificates/verify/", {"code": certificate.code, "name": "Aigul Testova"})
    assert "Имя совпадает" in checked.content.decode() and "Aigul" not in checked.content.decode()
    assert client.get("/en/meetings/certificates/verify/?code=AAAA-BBBB-CCCC").status_code == 404


def test_the_certificate_command_writes_a_russian_pdf(client, meeting, personas, tmp_path, capsys):
    from observatory.reports.tests.conftest import pdf_text

    _register(client, meeting)
    registration = Registration.objects.get()
    registration_check_in(actor=personas["admin"], meeting=meeting, code=registration.checkin_code)
    out = tmp_path / "certificate.pdf"
    call_command("meetings", "certificate", meeting.slug, "--participant", "aigul@example.org", "--lang", "ru",
                 "-o", str(out))
    text = pdf_text(out.read_bytes())
    assert "Сертификат участия" in text and "Aigul Testova" in text and "Документирование нарушений" in text
    code = capsys.readouterr().out.split("code ")[1].strip(")\n")
    assert code in text and (out.stat().st_mode & 0o777) == 0o600


def test_a_recommendation_is_followed_up_against_the_review_tracker(client, meeting, personas):
    from observatory.reviews.models import ReviewItem
    from observatory.reviews.services import reviews_load

    reviews_load(actor=access.SYSTEM)
    item = ReviewItem.objects.get(process__code="ungass-2016", code="early-intervention")
    recommendation = recommendation_add(actor=personas["coordinator_kgz"], meeting=meeting,
                                        text_en="Refer people found with drugs to services (test).",
                                        review_items=[item])
    with pytest.raises(PermissionDenied):
        follow_up_record(actor=personas["coordinator_ukr"], recommendation=recommendation, status="achieved",
                         evidence="test")
    with pytest.raises(ValidationError) as error:
        follow_up_record(actor=personas["coordinator_kgz"], recommendation=recommendation, status="done",
                         evidence=" ")
    assert set(error.value.message_dict) == {"status", "evidence"}
    follow_up_record(actor=personas["coordinator_kgz"], recommendation=recommendation, status="in_progress",
                     evidence="A pilot started in Bishkek (test).")
    follow_up_record(actor=personas["coordinator_kgz"], recommendation=recommendation, status="achieved",
                     evidence="The referral order was adopted (test).")
    current = selectors.recommendations_of(meeting)[0]
    assert (current.current_status, recommendation.follow_ups.count()) == ("achieved", 2)
    api = client.get("/api/v1/meetings?kind=training").json()["items"][0]
    assert api["recommendations"][0]["commitments"] == ["ungass-2016/early-intervention"]
    assert api["recommendations"][0]["status"] == "achieved"
    assert "participants" not in str(api).lower() and "Aigul" not in str(api)
    page = client.get(f"/ru/meetings/{meeting.slug}/").content.decode()
    assert "выполнено" in page and "The referral order was adopted (test)." in page


def test_the_calendar_file_is_valid_icalendar(client, meeting):
    import icalendar

    response = client.get(f"/en/meetings/{meeting.slug}/calendar.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    event = next(iter(calendar.walk("VEVENT")))
    assert str(event["summary"]) == "Documenting violations (test)"
    assert event["dtstart"].dt == meeting.starts_on and event["dtend"].dt == meeting.ends_on + dt.timedelta(days=1)
    assert "Bishkek" in str(event["location"])


def test_reminders_are_sent_once_with_the_calendar(client, meeting, django_capture_on_commit_callbacks):
    _register(client, meeting)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(days=2) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(days=2) == 0
    assert len(mail.outbox) == 1 and mail.outbox[0].attachments[0][0] == f"{meeting.slug}.ics"


def test_the_create_command_publishes_and_opens_a_meeting(countries, client):
    call_command("meetings", "create", "almaty-2027-webinar", "--kind", "webinar", "--title-en", "Test webinar",
                 "--title-ru", "Тестовый вебинар", "--starts-on", "2027-03-01", "--country", "KAZ", "--online",
                 "--open")
    meeting = Meeting.objects.get(slug="almaty-2027-webinar")
    assert meeting.published and meeting.registration_open and meeting.ends_on == dt.date(2027, 3, 1)
    item = client.get("/api/v1/meetings?kind=webinar").json()["items"][0]
    assert (item["slug"], item["registration_open"], item["country"]) == ("almaty-2027-webinar", True, "KAZ")
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--starts-on 2027-13-01"):
        call_command("meetings", "create", "x-1", "--kind", "webinar", "--title-en", "T", "--title-ru", "T",
                     "--starts-on", "2027-13-01")

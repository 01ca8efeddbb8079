"""Membership applications: the public form, one application per address, the coordinator's decision by e-mail.

Test data only: made-up applicants.
"""

from __future__ import annotations

import pytest
from django.core import mail

from observatory.audit.models import AuditEntry
from observatory.cases.tests.conftest import verified_session
from observatory.network.models import Member, MemberStatus

pytestmark = pytest.mark.django_db

FORM = {"kind": "individual", "name": "Марина Тестовая", "type": "activist", "country": "UKR",
        "focus": ["harm_reduction", "women"], "languages": ["ru", "uk"], "email": "marina@example.org",
        "phone": "+380 50 000 00 00", "public": "", "consent": "on"}


def test_an_application_in_russian_is_received_once(client, countries):
    response = client.post("/ru/network/apply/", FORM)
    assert response.status_code == 200 and "Заявка получена" in response.content.decode()
    member = Member.objects.get()
    assert member.status == MemberStatus.APPLIED and member.name == "" and member.person_name_enc
    [message] = mail.outbox
    assert message.to == ["marina@example.org"] and "получена" in message.subject
    client.post("/ru/network/apply/", FORM)
    assert Member.objects.count() == 1 and len(mail.outbox) == 1  # the same address: the first one stands
    assert "marina" not in str(AuditEntry.objects.get(action="network.apply").details)


def test_a_wrong_application_says_what_to_fix(client, countries):
    response = client.post("/ru/network/apply/", {**FORM, "email": "marina", "consent": ""})
    html = response.content.decode()
    assert response.status_code == 400 and Member.objects.count() == 0
    assert "Введите правильный адрес электронной почты." in html and "Обязательное поле." in html


def test_the_coordinator_approves_and_the_applicant_is_told(client, countries, personas):
    client.post("/en/network/apply/", {**FORM, "kind": "organisation", "name": "Нова надія", "public": "on",
                                       "contact_name": "Олег Тестовий"})
    member = Member.objects.get()
    client.logout()
    verified_session(client, personas["coordinator_ukr"])
    listing = client.get("/ru/network/applications/").content.decode()
    assert "Нова надія" in listing
    page = client.get(f"/ru/network/applications/{member.uuid}/").content.decode()
    assert "marina@example.org" in page and "Олег Тестовий" in page
    assert AuditEntry.objects.filter(action="network.contacts_view").exists()
    mail.outbox.clear()
    client.post(f"/ru/network/applications/{member.uuid}/", {"decision": "approve", "language": "ru"})
    member.refresh_from_db()
    assert member.status == MemberStatus.APPROVED and member.joined_on is not None
    [message] = mail.outbox
    assert message.subject == "Добро пожаловать в сеть" and "страна: Украина" in message.body
    client.logout()
    assert "Нова надія" in client.get("/en/network/").content.decode()


def test_another_countrys_coordinator_cannot_see_the_application(client, countries, personas):
    client.post("/en/network/apply/", FORM)
    member = Member.objects.get()
    verified_session(client, personas["coordinator_kgz"])
    assert client.get(f"/en/network/applications/{member.uuid}/").status_code == 404
    assert "Марина" not in client.get("/en/network/applications/").content.decode()
    client.logout()
    verified_session(client, personas["documenter_ukr"])
    assert client.get("/en/network/applications/").status_code == 404


def test_the_task_queue_never_holds_an_applicants_address(client, countries, settings):
    from observatory.jobs.tests.test_jobs import DATABASE_TASKS

    settings.TASKS = DATABASE_TASKS
    client.post("/en/network/apply/", FORM)
    from django_tasks_db.models import DBTaskResult

    [queued] = DBTaskResult.objects.all()
    assert "marina" not in str(queued.args_kwargs) and str(Member.objects.get().uuid) in str(queued.args_kwargs)

"""The advocacy log: recording actions through the API under the policy, evidence rules, overdue follow-ups.

Test data only: made-up actions.
"""

from __future__ import annotations

import datetime as dt

import pytest

from observatory import access
from observatory.accounts.services import token_create
from observatory.advocacy.models import AdvocacyAction
from observatory.audit.models import AuditEntry
from observatory.cases.tests.conftest import verified_session

pytestmark = pytest.mark.django_db

BODY = {"country": "UKR", "date": "2025-05-12", "kind": "meeting", "target": "Ministry of Health",
        "ask": "Fund opioid substitution therapy from the state budget after the Global Fund grant ends.",
        "outcome": "pending", "evidence": [{"kind": "indicator", "ref": "ost_clients"},
                                           {"kind": "violations", "ref": "UKR/2024"}],
        "follow_up_on": "2025-06-01"}


def bearer(personas, name):
    _token, secret = token_create(actor=personas[name], user=personas[name], name="t")
    return {"Authorization": f"Bearer {secret}"}


def test_a_coordinator_records_an_action_for_their_country(client, personas, countries):
    response = client.post("/api/v1/advocacy/actions", BODY, content_type="application/json",
                           headers=bearer(personas, "coordinator_ukr"))
    assert response.status_code == 201, response.content
    action = AdvocacyAction.objects.get()
    assert action.evidence[1] == {"kind": "violations", "ref": "UKR/2024"}
    assert AuditEntry.objects.get(action="advocacy.create").details["country"] == "UKR"
    listed = client.get("/api/v1/advocacy/actions?country=UKR", headers=bearer(personas, "coordinator_ukr"))
    assert [a["target"] for a in listed.json()["items"]] == ["Ministry of Health"]
    other = client.get("/api/v1/advocacy/actions", headers=bearer(personas, "coordinator_kgz"))
    assert other.json()["items"] == []


def test_other_countries_and_roles_are_refused(client, personas, countries):
    refused = client.post("/api/v1/advocacy/actions", {**BODY, "country": "KGZ"}, content_type="application/json",
                          headers=bearer(personas, "coordinator_ukr"))
    assert refused.status_code == 403
    for name in ("documenter_ukr", "analyst"):
        answer = client.post("/api/v1/advocacy/actions", BODY, content_type="application/json",
                             headers=bearer(personas, name))
        assert answer.status_code == 403
    assert not AdvocacyAction.objects.exists()


def test_case_records_are_no_evidence_and_each_error_is_named(client, personas, countries):
    future = (dt.date.today() + dt.timedelta(days=5)).isoformat()
    body = {**BODY, "date": future, "kind": "lobbying", "evidence": [{"kind": "case", "ref": "UKR-26-ABC"}],
            "follow_up_on": "2020-01-01"}
    answer = client.post("/api/v1/advocacy/actions", body, content_type="application/json",
                         headers=bearer(personas, "coordinator_ukr"))
    assert answer.status_code == 422
    fields = {tuple(item["loc"][1:]) for item in answer.json()["detail"]}
    assert fields == {("kind",), ("date",), ("evidence", "0", "kind"), ("follow_up_on",)}
    assert not AdvocacyAction.objects.exists()


def test_overdue_follow_ups_appear_in_my_work(client, personas, countries):
    client.post("/api/v1/advocacy/actions", BODY, content_type="application/json",
                headers=bearer(personas, "coordinator_ukr"))
    verified_session(client, personas["coordinator_ukr"])
    page = client.get("/ru/work/").content.decode()
    assert "Просроченные шаги по адвокации" in page and "Ministry of Health" in page and "01.06.2025" in page


def test_who_sees_actions(personas, countries):
    from observatory.advocacy.services import ActionData, action_create

    action = action_create(actor=access.SYSTEM, data=ActionData(
        country=countries["UKR"], date=dt.date(2025, 1, 10), kind="letter", target="Parliament", ask="Repeal"))
    assert access.user_can(personas["admin"], "view", action)
    assert access.user_can(personas["coordinator_ukr"], "change", action)
    for name in ("coordinator_kgz", "documenter_ukr", "case_manager_ukr", "analyst"):
        assert not access.user_can(personas[name], "view", action), name
    assert not access.user_can(access.VISITOR, "view", action)


def test_a_coordinator_records_an_action_on_the_staff_pages_in_russian(client, personas, countries):
    verified_session(client, personas["coordinator_ukr"])
    form = client.get("/ru/advocacy/new/").content.decode()
    assert "Записать действие" in form and 'value="UKR"' in form and 'value="KGZ"' not in form
    bad = client.post("/ru/advocacy/new/", {"country": "UKR", "date": "2025-05-12", "kind": "meeting",
                                             "target": "Минздрав", "ask": "Финансировать ОЗТ", "outcome": "pending",
                                             "evidence": "case UKR-26-ABC"})
    assert bad.status_code == 400 and not AdvocacyAction.objects.exists()
    good = client.post("/ru/advocacy/new/", {"country": "UKR", "date": "2025-05-12", "kind": "meeting",
                                              "target": "Минздрав", "ask": "Финансировать ОЗТ", "outcome": "pending",
                                              "evidence": "indicator ost_clients"}, follow=True)
    assert "Действие записано." in good.content.decode() and "Минздрав" in good.content.decode()
    client.logout()
    verified_session(client, personas["documenter_ukr"])
    assert client.get("/ru/advocacy/").status_code == 404
    assert client.get("/ru/advocacy/new/").status_code == 404

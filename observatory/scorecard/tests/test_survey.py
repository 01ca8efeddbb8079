"""The expert survey: assignments, answers with evidence and confidence, agreement, and the reviewer's final
answer; permissions as a matrix (a record out of scope is a 404)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from observatory import access
from observatory.audit.models import AuditEntry
from observatory.scorecard import selectors
from observatory.scorecard.models import SurveyAnswer, SurveyAssignment, SurveyFinal
from observatory.scorecard.services import survey_answer, survey_assign, survey_finalise


@pytest.fixture
def survey(personas, questions, countries):
    """Two experts (an analyst and the Kyrgyz coordinator) rate police violence in Ukraine and Georgia, 2021."""
    from observatory.accounts.models import Role
    from observatory.conftest import make_user

    admin = personas["admin"]
    second = make_user("expert_two", Role.ANALYST)
    experts = [personas["analyst"], second]
    assignments = {}
    for expert in experts:
        for iso3 in ("UKR", "GEO"):
            assignments[(expert.username, iso3)] = survey_assign(
                actor=admin, question=questions["police_violence"], country=countries[iso3], year=2021,
                expert=expert)
    return {"admin": admin, "experts": experts, "assignments": assignments, "question": questions["police_violence"]}


def answer(survey, username, iso3, option, user=None):
    assignment = survey["assignments"][(username, iso3)]
    user = user or assignment.expert
    return survey_answer(actor=user, assignment=assignment, option=option, evidence="Three documented cases.",
                         confidence="medium")


@pytest.mark.parametrize("persona", ["coordinator_ukr", "analyst", "documenter_ukr"])
def test_only_admins_assign_experts(personas, questions, countries, persona):
    with pytest.raises(PermissionDenied):
        survey_assign(actor=personas[persona], question=questions["police_violence"], country=countries["UKR"],
                      year=2021, expert=personas["analyst"])


def test_an_expert_answers_only_their_own_assignment_and_it_is_audited(survey, personas):
    saved = answer(survey, "analyst", "UKR", "often")
    assert (saved.score, saved.confidence) == (33.3, "medium")
    assert AuditEntry.objects.filter(action="scorecard.survey_answered").count() == 1
    assert "Three documented" not in str(AuditEntry.objects.last().details)  # evidence stays out of the trail
    for intruder in ("expert_two", "admin", "coordinator_ukr"):
        user = personas.get(intruder) or survey["experts"][1]
        with pytest.raises(PermissionDenied):
            answer(survey, "analyst", "UKR", "routinely", user=user)
    with pytest.raises(ValidationError):
        answer(survey, "analyst", "GEO", "sometimes")  # not an option of the question


@pytest.mark.parametrize("persona, sees", [("admin", 2), ("coordinator_ukr", 1), ("coordinator_kgz", 0),
                                           ("analyst", 1), ("documenter_ukr", 0)])
def test_who_sees_the_answers(survey, personas, persona, sees):
    answer(survey, "analyst", "UKR", "often")
    answer(survey, "expert_two", "GEO", "often")
    assert access.scope(personas[persona], "view", SurveyAnswer).count() == sees


def test_a_reviewer_finalises_and_answers_then_stay_fixed(survey, personas, countries):
    answer(survey, "analyst", "UKR", "often")
    answer(survey, "expert_two", "UKR", "routinely")
    question = survey["question"]
    with pytest.raises(PermissionDenied):  # the Kyrgyz coordinator does not review Ukraine
        survey_finalise(actor=personas["coordinator_kgz"], question=question, country=countries["UKR"], year=2021,
                        option="often", evidence="x")
    final = survey_finalise(actor=personas["coordinator_ukr"], question=question, country=countries["UKR"],
                            year=2021, option="often", evidence="Two experts; documented cases in 2021.")
    assert (final.score, final.reviewer) == (33.3, personas["coordinator_ukr"])
    with pytest.raises(ValidationError, match="finalised"):
        answer(survey, "analyst", "UKR", "routinely")
    assert SurveyFinal.objects.count() == 1 and access.user_can(personas["analyst"], "view", final)


def test_a_reviewer_who_rated_the_unit_may_not_finalise_it(personas, questions, countries):
    admin = personas["admin"]
    assignment = survey_assign(actor=admin, question=questions["forced_testing"], country=countries["KGZ"],
                               year=2021, expert=personas["coordinator_kgz"])
    survey_answer(actor=personas["coordinator_kgz"], assignment=assignment, option="occasional",
                  evidence="Reports.", confidence="low")
    with pytest.raises(ValidationError, match="another reviewer"):
        survey_finalise(actor=personas["coordinator_kgz"], question=questions["forced_testing"],
                        country=countries["KGZ"], year=2021, option="occasional", evidence="Reports.")


def test_agreement_is_krippendorffs_alpha_over_the_countries_of_a_question(survey):
    # Two experts, two countries, ordinal scores: UKR (33.3, 33.3) and GEO (0, 66.7).
    answer(survey, "analyst", "UKR", "often")
    answer(survey, "expert_two", "UKR", "often")
    answer(survey, "analyst", "GEO", "routinely")
    answer(survey, "expert_two", "GEO", "occasionally")
    result = selectors.survey_agreement(question=survey["question"], year=2021)
    assert (result["units"], result["raters"], result["ratings"]) == (2, 2, 4)
    # Ordinal alpha by hand. Values 0 (n=1), 33.3 (n=2), 66.7 (n=1), n = 4. Ordinal distances
    # delta^2(c, k) = (sum of n_g from c to k - (n_c + n_k)/2)^2: (0, 33.3) = (3 - 1.5)^2 = 2.25,
    # (33.3, 66.7) = 2.25, (0, 66.7) = (4 - 1)^2 = 9. Observed: Georgia's pair (0, 66.7) both ways:
    # D_o = (9 + 9) / 4 = 4.5. Expected: D_e = (2*1*2*2.25 + 2*2*1*2.25 + 2*1*1*9) / (4*3) = 36/12 = 3.
    # alpha = 1 - 4.5/3 = -0.5: the experts disagree more than chance would.
    assert result["alpha"] == pytest.approx(-0.5)
    assert SurveyAssignment.objects.count() == 4


def test_survey_pages_404_out_of_scope_and_work_without_javascript(client, survey, personas):
    assignment = survey["assignments"][("analyst", "UKR")]
    client.force_login(survey["experts"][1])
    assert client.get(f"/en/scorecard/survey/answer/{assignment.pk}/").status_code == 404
    client.force_login(personas["analyst"])
    page = client.get("/ru/scorecard/survey/").content.decode()
    assert f"/ru/scorecard/survey/answer/{assignment.pk}/" in page
    response = client.post(f"/en/scorecard/survey/answer/{assignment.pk}/",
                           {"option": "often", "evidence": "Court cases.", "confidence": "high"})
    assert response.status_code == 302 and SurveyAnswer.objects.get().option == "often"
    assert client.get("/en/scorecard/survey/review/police_violence/UKR/2021/").status_code == 404


def test_the_review_page_shows_answers_and_agreement_and_finalises(client, survey, personas):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    answer(survey, "analyst", "UKR", "often")
    reviewer = personas["coordinator_ukr"]
    client.force_login(reviewer)
    device = TOTPDevice.objects.create(user=reviewer, confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    page = client.get("/en/scorecard/survey/review/police_violence/UKR/2021/").content.decode()
    assert "Three documented cases." in page and "Agreement between experts" in page
    listing = client.get("/en/scorecard/survey/").content.decode()
    assert "/en/scorecard/survey/review/police_violence/UKR/2021/" in listing
    response = client.post("/en/scorecard/survey/review/police_violence/UKR/2021/",
                           {"option": "often", "evidence": "One expert so far; documented cases."})
    assert response.status_code == 302 and SurveyFinal.objects.get().option == "often"

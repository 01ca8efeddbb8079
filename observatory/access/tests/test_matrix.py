"""The permission matrix of every registered model: role × action, in the Sentry style.

Each cell says what the policy gives a persona for an action on a model:

* ``ALL``  – every record (the rule is ``Q()``);
* ``NONE`` – no record (the rule is ``None``);
* ``SOME`` – a filter (own organisation, own country, published records...). Which records pass
  the filter is asserted record by record in the app's own matrix test, named in ``RECORD_TESTS``.

The test enumerates the project's models and the registry: a model without a policy, a policy
without a row here, or an action a row does not state, fails. SYSTEM may do everything except
read identities; ``None`` is never an actor.
"""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.db.models import Q

from observatory import access
from observatory.access import SYSTEM, VISITOR

ALL, NONE, SOME = "all", "none", "some"
PERSONAS = ("admin", "coordinator_ukr", "case_manager_ukr", "documenter_ukr", "analyst", "visitor")
CRUD = ("view", "create", "change", "delete")


def row(**cells) -> dict:
    """A matrix row: ``action=(admin, coordinator, case manager, documenter, analyst, visitor)``."""
    return {action: dict(zip(PERSONAS, kinds, strict=True)) for action, kinds in cells.items()}


_STAFF_WRITE = (ALL, NONE, NONE, NONE, NONE, NONE)
PUBLIC_REFERENCE = row(view=(ALL,) * 6, create=_STAFF_WRITE, change=_STAFF_WRITE, delete=_STAFF_WRITE)
STAFF_ONLY = row(**{a: _STAFF_WRITE for a in CRUD})
NOBODY = row(**{a: (NONE,) * 6 for a in CRUD})
CATALOGUE = PUBLIC_REFERENCE
PUBLISHED_OR_STAFF = row(view=(ALL, SOME, SOME, SOME, SOME, SOME), create=_STAFF_WRITE, change=_STAFF_WRITE,
                         delete=_STAFF_WRITE)

_CASE_NONE = (NONE,) * 6
CASE = row(
    view=(NONE, SOME, SOME, SOME, NONE, NONE), create=(NONE, NONE, SOME, SOME, NONE, NONE),
    change=(NONE, NONE, SOME, SOME, NONE, NONE), delete=_CASE_NONE,
    view_identity=(NONE, SOME, SOME, SOME, NONE, NONE), moderate=(NONE, SOME, SOME, NONE, NONE, NONE),
    respond=(NONE, SOME, SOME, NONE, NONE, NONE),
)
CASE_PART = CASE  # victims and acts: created by whoever may change the case
RESPONSE = {**CASE, **row(create=(NONE, SOME, SOME, NONE, NONE, NONE), change=(NONE, SOME, SOME, NONE, NONE, NONE),
                          delete=(NONE, SOME, SOME, NONE, NONE, NONE))}
ATTACHMENT = {**CASE, **row(view=(NONE, SOME, SOME, SOME, NONE, NONE))}
COUNTRY_RECORD = row(
    view=(ALL, SOME, SOME, SOME, SOME, SOME), create=(NONE, SOME, NONE, NONE, NONE, NONE),
    change=(NONE, SOME, NONE, NONE, NONE, NONE), delete=_CASE_NONE,
    view_authors=(ALL, SOME, NONE, NONE, NONE, NONE),
)
VERSION = row(view=(SOME, SOME, SOME, SOME, SOME, SOME), create=_CASE_NONE, change=_CASE_NONE, delete=_CASE_NONE)

MATRIX = {
    # accounts
    "accounts.organisation": row(view=(ALL, SOME, SOME, SOME, NONE, NONE), create=_STAFF_WRITE, change=_STAFF_WRITE,
                                 delete=_STAFF_WRITE),
    "accounts.user": row(view=(ALL, SOME, SOME, SOME, SOME, NONE), create=_STAFF_WRITE, change=_STAFF_WRITE,
                         delete=_STAFF_WRITE),
    "accounts.apitoken": row(**{a: (ALL, SOME, SOME, SOME, SOME, NONE) for a in CRUD}),
    "audit.auditentry": row(view=_STAFF_WRITE, create=_CASE_NONE, change=_CASE_NONE, delete=_CASE_NONE),
    # background jobs: their owner and site administrators see them; only the services write them
    "jobs.job": row(view=(ALL, SOME, SOME, SOME, SOME, NONE), create=_CASE_NONE, change=_CASE_NONE, delete=_CASE_NONE),
    # reference data
    "countries.country": PUBLIC_REFERENCE,
    "countries.subregion": PUBLIC_REFERENCE,
    "indicators.source": PUBLIC_REFERENCE,
    "indicators.indicator": PUBLIC_REFERENCE,
    "indicators.observation": PUBLIC_REFERENCE,
    "indicators.observationrevision": PUBLIC_REFERENCE,
    "indicators.latestobservation": PUBLIC_REFERENCE,
    "indicators.importbatch": STAFF_ONLY,
    "search.searchentry": PUBLIC_REFERENCE,
    "laws.modellaw": PUBLIC_REFERENCE,
    "laws.modellawprovision": PUBLIC_REFERENCE,
    "laws.legalprovision": PUBLIC_REFERENCE,
    "laws.legalsource": PUBLIC_REFERENCE,
    # events
    "events.policyevent": PUBLISHED_OR_STAFF,
    "events.eventsource": PUBLISHED_OR_STAFF,
    # violations registry
    "cases.vocabulary": row(view=(ALL,) * 6, create=_CASE_NONE, change=_CASE_NONE, delete=_CASE_NONE),
    "cases.termgroup": row(view=(ALL,) * 6, create=_STAFF_WRITE, change=_STAFF_WRITE, delete=_CASE_NONE),
    "cases.term": row(view=(ALL,) * 6, create=_STAFF_WRITE, change=_STAFF_WRITE, delete=_CASE_NONE),
    "cases.datakey": NOBODY,
    "cases.case": CASE,
    "cases.victim": CASE_PART,
    "cases.act": CASE_PART,
    "cases.response": RESPONSE,
    "cases.attachment": ATTACHMENT,
    "cases.caseentity": NOBODY,
    # possible duplicates: coordinators review their countries' pairs
    "dedup.candidatepair": row(view=(NONE, SOME, NONE, NONE, NONE, NONE), create=(NONE, SOME, NONE, NONE, NONE, NONE),
                               change=(NONE, SOME, NONE, NONE, NONE, NONE)),
    # the network's members: the secretariat all, coordinators their countries, staff their own record
    "network.member": row(view=(ALL, SOME, SOME, SOME, SOME, SOME), create=(ALL, SOME, NONE, NONE, NONE, SOME),
                          change=(ALL, SOME, NONE, NONE, NONE, NONE), delete=(ALL, NONE, NONE, NONE, NONE, NONE),
                          view_contacts=(ALL, SOME, SOME, SOME, NONE, NONE),
                          export=(ALL, NONE, NONE, NONE, NONE, NONE)),
    # the advocacy log: the secretariat everywhere, coordinators their countries
    "advocacy.advocacyaction": row(view=(ALL, SOME, NONE, NONE, NONE, NONE), create=(ALL, SOME, NONE, NONE, NONE, NONE),
                                   change=(ALL, SOME, NONE, NONE, NONE, NONE), delete=(ALL, NONE, NONE, NONE, NONE, NONE)),
    # partners (contacts scoped as members' are) and their contact history; alliances
    "partners.partner": row(view=(ALL, SOME, NONE, NONE, NONE, NONE), create=(ALL, SOME, NONE, NONE, NONE, NONE),
                            change=(ALL, SOME, NONE, NONE, NONE, NONE), delete=(ALL, NONE, NONE, NONE, NONE, NONE),
                            view_contacts=(ALL, SOME, NONE, NONE, NONE, NONE)),
    "partners.partnercontact": row(view=(ALL, SOME, NONE, NONE, NONE, NONE), create=(ALL, SOME, NONE, NONE, NONE, NONE),
                                   change=(ALL, NONE, NONE, NONE, NONE, NONE), delete=(ALL, NONE, NONE, NONE, NONE, NONE)),
    "partners.alliance": row(view=(ALL, SOME, SOME, SOME, SOME, SOME), create=(ALL, SOME, NONE, NONE, NONE, NONE),
                             change=(ALL, SOME, NONE, NONE, NONE, NONE), delete=(ALL, NONE, NONE, NONE, NONE, NONE)),
    # human rights mechanisms: public reference data; assessments are public versions added by coordinators
    "rights.recommendation": PUBLIC_REFERENCE,
    "rights.courtcase": PUBLIC_REFERENCE,
    "rights.alternative": PUBLIC_REFERENCE,
    "rights.assessment": row(view=(ALL,) * 6, create=(ALL, SOME, NONE, NONE, NONE, NONE), change=_CASE_NONE,
                             delete=(ALL, NONE, NONE, NONE, NONE, NONE)),
    # impact
    "impact.publishedfinding": row(view=(ALL, SOME, SOME, SOME, SOME, SOME), create=(ALL, SOME, NONE, NONE, NONE, NONE),
                                   change=(ALL, SOME, NONE, NONE, NONE, NONE), delete=(ALL, SOME, NONE, NONE, NONE, NONE)),
    # scorecard survey
    "scorecard.surveyquestion": PUBLIC_REFERENCE,
    "scorecard.surveyassignment": row(view=(ALL, SOME, SOME, SOME, SOME, NONE), create=_STAFF_WRITE,
                                      change=_STAFF_WRITE, delete=_STAFF_WRITE),
    "scorecard.surveyanswer": row(view=(ALL, SOME, SOME, SOME, SOME, NONE), create=(SOME,) * 5 + (NONE,),
                                  change=(SOME,) * 5 + (NONE,), delete=_CASE_NONE),
    "scorecard.surveyfinal": row(view=(ALL,) * 6, create=(ALL, SOME, NONE, NONE, NONE, NONE),
                                 change=(ALL, SOME, NONE, NONE, NONE, NONE), delete=_STAFF_WRITE),
    # review tracker
    "reviews.reviewprocess": CATALOGUE,
    "reviews.reviewitem": CATALOGUE,
    "reviews.reviewround": row(view=(ALL, ALL, SOME, SOME, SOME, SOME), create=_STAFF_WRITE, change=_STAFF_WRITE,
                               delete=_STAFF_WRITE),
    "reviews.countryassessment": COUNTRY_RECORD,
    "reviews.countryroundreport": COUNTRY_RECORD,
    "reviews.assessmentversion": VERSION,
    "reviews.countryroundreportversion": VERSION,
    # briefs
    "reports.brieftext": STAFF_ONLY,
    "reports.brieftextversion": row(view=_STAFF_WRITE, create=_CASE_NONE, change=_CASE_NONE, delete=_CASE_NONE),
    # meetings: published ones public, coordinators keep their countries'; participants for organisers only
    "meetings.meeting": row(view=(ALL, SOME, SOME, SOME, SOME, SOME), create=(ALL, SOME, NONE, NONE, NONE, NONE),
                            change=(ALL, SOME, NONE, NONE, NONE, NONE), delete=(ALL, NONE, NONE, NONE, NONE, NONE)),
    **{f"meetings.{name}": row(view=(ALL, SOME, SOME, SOME, SOME, SOME), create=(ALL, SOME, NONE, NONE, NONE, NONE),
                               change=(ALL, SOME, NONE, NONE, NONE, NONE), delete=(ALL, SOME, NONE, NONE, NONE, NONE))
       for name in ("session", "outcome", "meetingrecommendation")},
    "meetings.followup": row(view=(ALL, SOME, SOME, SOME, SOME, SOME), create=(ALL, SOME, NONE, NONE, NONE, NONE),
                             change=_CASE_NONE, delete=(ALL, NONE, NONE, NONE, NONE, NONE)),
    "meetings.registration": row(view=(ALL, SOME, NONE, NONE, NONE, NONE), create=(ALL, SOME, SOME, SOME, SOME, SOME),
                                 change=(ALL, SOME, NONE, NONE, NONE, NONE), delete=_CASE_NONE),
    "meetings.certificate": row(view=(ALL, SOME, NONE, NONE, NONE, NONE), create=(ALL, SOME, NONE, NONE, NONE, NONE),
                                change=_CASE_NONE, delete=_CASE_NONE),
    # training: the toolkit is public reference; curricula public once published; tests and results for organisers
    "training.toolkitdocument": PUBLIC_REFERENCE,
    "training.curriculum": row(view=(ALL, SOME, SOME, SOME, SOME, SOME), create=_STAFF_WRITE, change=_STAFF_WRITE,
                               delete=_STAFF_WRITE),
    "training.module": row(view=(ALL, SOME, SOME, SOME, SOME, SOME), create=_STAFF_WRITE, change=_STAFF_WRITE,
                           delete=_STAFF_WRITE),
    "training.quiz": row(**{a: (ALL, SOME, NONE, NONE, NONE, NONE) for a in CRUD}),
    "training.attempt": row(view=(ALL, SOME, NONE, NONE, NONE, NONE), create=_CASE_NONE, change=_CASE_NONE,
                            delete=_CASE_NONE),
    "training.feedback": row(view=(ALL, SOME, NONE, NONE, NONE, NONE), create=_CASE_NONE, change=_CASE_NONE,
                             delete=_CASE_NONE),
    # national figures: members supply for their scope; analysts and admins review
    "figures.figuresubmission": row(view=(ALL, SOME, SOME, SOME, ALL, NONE), create=(ALL, SOME, SOME, SOME, ALL, NONE),
                                    change=(ALL, NONE, NONE, NONE, ALL, NONE), delete=_CASE_NONE),
    # submissions to UN mechanisms: the secretariat all, coordinators their countries, staff their organisation's,
    # analysts their own
    "reports.submissiondraft": row(**{a: (ALL, SOME, SOME, SOME, SOME, NONE) for a in CRUD}),
    "reports.submissiondraftversion": row(view=(ALL, SOME, SOME, SOME, SOME, NONE), create=_CASE_NONE,
                                          change=_CASE_NONE, delete=_CASE_NONE),
    # stories: editors and the secretariat write and publish (never their own submission, for editors);
    # coordinators write about their countries; everyone reads what is published
    "stories.story": row(view=(ALL, SOME, SOME, SOME, SOME, SOME), create=(ALL, SOME, NONE, NONE, NONE, NONE),
                         change=(ALL, SOME, NONE, NONE, NONE, NONE), delete=_STAFF_WRITE,
                         submit=(ALL, SOME, NONE, NONE, NONE, NONE), publish=_STAFF_WRITE, unpublish=_STAFF_WRITE),
    "stories.storyrevision": row(view=(ALL, SOME, NONE, NONE, NONE, NONE), create=_CASE_NONE, change=_CASE_NONE,
                                 delete=_CASE_NONE),
    "stories.storyimage": row(view=(ALL, SOME, SOME, SOME, SOME, SOME), create=(ALL, ALL, NONE, NONE, NONE, NONE),
                              change=(ALL, SOME, NONE, NONE, NONE, NONE), delete=_STAFF_WRITE),
}

# Where the SOME cells of each model are asserted record by record (own / other organisation,
# own / other country, published / draft), as "module::test".
RECORD_TESTS = {
    "accounts.organisation": ["observatory.accounts.tests.test_access::test_organisation_matrix"],
    "accounts.user": ["observatory.accounts.tests.test_access::test_user_matrix"],
    "accounts.apitoken": ["observatory.accounts.tests.test_access::test_tokens_are_managed_by_their_owner_and_admins"],
    "events.policyevent": ["observatory.events.tests.test_access::test_event_matrix"],
    "jobs.job": ["observatory.jobs.tests.test_jobs::test_the_owner_follows_the_job_and_nobody_else_sees_it"],
    "events.eventsource": ["observatory.access.tests.test_records::test_event_sources_follow_their_event"],
    "cases.case": ["observatory.cases.tests.test_access::test_case_matrix"],
    "cases.victim": ["observatory.cases.tests.test_access::test_parts_of_a_case_follow_its_scope",
                     "observatory.access.tests.test_records::test_case_parts_are_created_with_the_case_rule"],
    "cases.act": ["observatory.cases.tests.test_access::test_parts_of_a_case_follow_its_scope",
                  "observatory.access.tests.test_records::test_case_parts_are_created_with_the_case_rule"],
    "cases.response": ["observatory.cases.tests.test_access::test_parts_of_a_case_follow_its_scope",
                       "observatory.access.tests.test_records::test_case_parts_are_created_with_the_case_rule"],
    "cases.attachment": ["observatory.cases.tests.test_access::test_parts_of_a_case_follow_its_scope"],
    "dedup.candidatepair": ["observatory.dedup.tests.test_dedup::test_pairs_are_seen_by_their_countries_coordinator"],
    "network.member": ["observatory.network.tests.test_members::test_who_sees_which_members"],
    "advocacy.advocacyaction": ["observatory.advocacy.tests.test_advocacy::test_who_sees_actions"],
    "partners.partner": ["observatory.partners.tests.test_partners::test_who_sees_which_partners_and_contacts"],
    "partners.partnercontact": ["observatory.partners.tests.test_partners::test_the_history_follows_its_partner"],
    "partners.alliance": ["observatory.partners.tests.test_alliances::test_who_sees_and_changes_which_alliances"],
    "rights.assessment": ["observatory.rights.tests.test_rights::test_assessments_are_versions_and_the_newest_is_the_status",
                          "observatory.rights.tests.test_rights::test_only_the_countrys_coordinator_or_the_secretariat_assesses"],
    "impact.publishedfinding": ["observatory.impact.tests.test_publish::test_only_admins_and_the_countrys_coordinator_may_publish",
                                "observatory.access.tests.test_records::test_published_findings"],
    "scorecard.surveyassignment": ["observatory.scorecard.tests.test_survey::test_survey_pages_404_out_of_scope_and_work_without_javascript",
                                   "observatory.access.tests.test_records::test_survey_records"],
    "scorecard.surveyanswer": ["observatory.access.tests.test_records::test_survey_records"],
    "scorecard.surveyfinal": ["observatory.access.tests.test_records::test_survey_records"],
    "reviews.reviewround": ["observatory.reviews.tests.test_access::test_round_matrix"],
    "reviews.countryassessment": ["observatory.reviews.tests.test_access::test_country_record_matrix"],
    "reviews.countryroundreport": ["observatory.reviews.tests.test_access::test_country_record_matrix"],
    "reviews.assessmentversion": ["observatory.access.tests.test_records::test_versions_follow_their_record"],
    "reviews.countryroundreportversion": ["observatory.access.tests.test_records::test_versions_follow_their_record"],
    **{f"meetings.{name}": ["observatory.meetings.tests.test_meetings::test_who_sees_participants_and_checks_them_in",
                            "observatory.meetings.tests.test_meetings::test_a_closed_or_unpublished_meeting_takes_no_registration",
                            "observatory.meetings.tests.test_meetings::test_a_recommendation_is_followed_up_against_the_review_tracker"]
       for name in ("meeting", "session", "outcome", "meetingrecommendation", "followup", "registration", "certificate")},
    **{f"training.{name}": ["observatory.training.tests.test_training::test_the_results_give_the_mean_change_with_its_interval_and_name_no_one",
                             "observatory.training.tests.test_training::test_a_course_file_loads_all_or_nothing_and_once"]
       for name in ("curriculum", "module", "quiz", "attempt", "feedback")},
    "figures.figuresubmission": ["observatory.figures.tests.test_figures::test_an_analyst_accepts_and_the_figure_joins_the_database_with_its_source",
                                 "observatory.figures.tests.test_figures::test_a_member_supplies_a_figure_and_sending_it_twice_keeps_one"],
    "reports.submissiondraft": ["observatory.reports.tests.test_submission_drafts::test_who_sees_which_drafts"],
    "reports.submissiondraftversion": ["observatory.reports.tests.test_submission_drafts::test_who_sees_which_drafts"],
    "stories.story": ["observatory.stories.tests.test_workflow::test_who_may_do_what"],
    "stories.storyrevision": ["observatory.stories.tests.test_workflow::test_who_may_do_what"],
    "stories.storyimage": ["observatory.stories.tests.test_images_loader::test_who_sees_which_images"],
}


def _project_models() -> dict[str, type]:
    return {m._meta.label_lower: m for m in apps.get_models() if m.__module__.startswith("observatory.")}


def test_every_model_has_a_policy_and_a_matrix_row():
    policies = {m._meta.label_lower for m in access.registered_policies()}
    models = set(_project_models())
    assert models - policies == set(), "models without a policy: declare one in the app's policies.py"
    assert policies - models == set(), "policies for models that are not the project's"
    assert models - set(MATRIX) == set(), "models without a row in this matrix: state who may do what"
    assert set(MATRIX) - models == set(), "rows for models that no longer exist"


@pytest.mark.parametrize("label", sorted(MATRIX))
def test_each_row_states_every_action_of_its_policy(label):
    policy = access.policy_for(_project_models()[label])
    assert set(MATRIX[label]) == set(policy.actions), label


def test_every_filtered_cell_is_checked_record_by_record():
    for label, cells in MATRIX.items():
        if not any(kind == SOME for by_persona in cells.values() for kind in by_persona.values()):
            continue
        named = RECORD_TESTS.get(label)
        assert named, f"{label} has filtered cells; name the test that checks them record by record"
        for ref in named:
            module, _, function = ref.partition("::")
            assert callable(getattr(importlib.import_module(module), function, None)), ref


def _kind(q) -> str:
    if q is None:
        return NONE
    return ALL if q == Q() else SOME


@pytest.mark.parametrize("persona", PERSONAS)
def test_matrix(personas, persona):
    """Every model × action for one persona, asked of the registry as a view or a service would."""
    actor = VISITOR if persona == "visitor" else personas[persona]
    wrong = []
    for label, cells in MATRIX.items():
        policy = access.policy_for(_project_models()[label])
        for action, by_persona in cells.items():
            got = _kind(policy.q(actor, action))
            if got != by_persona[persona]:
                wrong.append(f"{label} {action}: expected {by_persona[persona]}, got {got}")
            if by_persona[persona] == NONE:
                assert not policy.scope(actor, action).exists(), (label, action)
    assert wrong == []


def test_system_may_do_everything_but_read_identities():
    for label, cells in MATRIX.items():
        policy = access.policy_for(_project_models()[label])
        for action in cells:
            # Identities of cases, a member's contacts and the member list with contacts are read only by
            # a named, signed-in person.
            expected = NONE if action in ("view_identity", "view_contacts", "export") else ALL
            assert _kind(policy.q(SYSTEM, action)) == expected, (label, action)


@pytest.mark.parametrize("label", sorted(MATRIX))
def test_none_is_never_an_actor(label):
    model = _project_models()[label]
    with pytest.raises(access.NoActorError):
        access.scope(None, "view", model)
    with pytest.raises(access.NoActorError):
        access.require(None, "view", model())


def test_an_inactive_account_is_a_visitor(personas):
    coordinator = personas["coordinator_ukr"]
    coordinator.is_active = False
    for label, cells in MATRIX.items():
        policy = access.policy_for(_project_models()[label])
        for action, by_persona in cells.items():
            assert _kind(policy.q(coordinator, action)) == by_persona["visitor"], (label, action)


def test_an_unknown_action_is_a_programming_error(personas):
    with pytest.raises(ValueError, match="has no action"):
        access.scope(personas["admin"], "moderate", _project_models()["countries.country"])

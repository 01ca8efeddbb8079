"""Access to the violations registry: cases, their victims, acts, responses and attachments, and vocabularies.

Identities are the name, contact, date of birth, address, client code, the
narrative, response notes and attached files.

| role | cases it may see | identities |
|---|---|---|
| documenter | its organisation's; records, edits drafts and submitted ones | its organisation's |
| case manager | its organisation's; verifies, rejects, responds, closes | its organisation's |
| coordinator | its countries' (not drafts), with self-reports; verifies, responds | with consent to share |
| analyst | none (aggregates only) | never |
| admin | none (users and vocabularies) | never |

One rule per role builds a ``Q`` for both ``scope`` and ``user_can``, creation
included. A case out of scope is a 404 exactly like a case that does not exist:
load cases from a request only with :func:`access_case`.
"""

from __future__ import annotations

import uuid
from enum import StrEnum

from django.db.models import Model, Q
from django.http import Http404

from observatory.access import Action, Policy, policy_for, register, user_country_ids
from observatory.accounts.models import Role
from observatory.cases.models import (
    Act,
    Attachment,
    Case,
    CaseEntity,
    CaseStatus,
    DataKey,
    Response,
    Term,
    TermGroup,
    Victim,
    Vocabulary,
)


class CaseAction(StrEnum):
    VIEW = "view"
    CREATE = "create"
    CHANGE = "change"
    DELETE = "delete"
    VIEW_IDENTITY = "view_identity"  # decrypt and show identity fields, the narrative and attachments
    MODERATE = "moderate"  # verify or reject a submitted case, assign a self-report to an organisation
    RESPOND = "respond"  # record responses and follow-ups, close the case


_EDITABLE = (CaseStatus.DRAFT, CaseStatus.SUBMITTED)
# Listed rather than "not draft", so that the (country, status, created_at) index serves coordinators' lists.
_SENT = tuple(s for s in CaseStatus if s != CaseStatus.DRAFT)
_MANAGER_EDITABLE = (CaseStatus.DRAFT, CaseStatus.SUBMITTED, CaseStatus.VERIFIED, CaseStatus.IN_RESPONSE)


def _second_factor_missing(user) -> bool:
    """A role that needs a second factor, signed in without it.

    On the web django-otp's middleware gives every user ``is_verified()`` (and the site makes these
    roles enter their code before any page); through the API the token does (true only for a token
    issued after the code). Commands run by an operator on the server carry neither and are not asked.
    """
    check = getattr(user, "is_verified", None)
    return bool(user.needs_two_factor and check is not None and not check())


def case_rule(user, action: CaseAction, prefix: str = "") -> Q | None:
    """The cases a signed-in ``user`` may ``action``, as a ``Q`` on ``Case`` (or on a model ``prefix`` away)."""
    if action == CaseAction.VIEW_IDENTITY and _second_factor_missing(user):
        return None

    def q(**lookups) -> Q:
        return Q(**{f"{prefix}{key}": value for key, value in lookups.items()})

    if user.role == Role.DOCUMENTER and user.organisation_id:
        own = q(organisation_id=user.organisation_id)
        if action in (CaseAction.VIEW, CaseAction.CREATE, CaseAction.VIEW_IDENTITY):
            return own
        if action == CaseAction.CHANGE:
            return own & q(status__in=_EDITABLE)
        return None
    if user.role == Role.CASE_MANAGER and user.organisation_id:
        own = q(organisation_id=user.organisation_id)
        if action in (CaseAction.VIEW, CaseAction.CREATE, CaseAction.VIEW_IDENTITY, CaseAction.MODERATE,
                      CaseAction.RESPOND):
            return own
        if action == CaseAction.CHANGE:
            return own & q(status__in=_MANAGER_EDITABLE)
        return None
    if user.role == Role.COORDINATOR:
        mine = q(country_id__in=user_country_ids(user)) & q(status__in=_SENT)
        if action in (CaseAction.VIEW, CaseAction.MODERATE, CaseAction.RESPOND):
            return mine
        if action == CaseAction.VIEW_IDENTITY:
            return mine & q(consent_share_network=True)
        return None
    # Analysts see aggregates only; admins manage users and vocabularies, never case records.
    return None


class CasePolicy(Policy):
    model = Case
    actions = tuple(CaseAction)
    system_denied = (CaseAction.VIEW_IDENTITY,)

    def rule(self, user, action):
        # A new case is checked against the same rule with ``Q.check``: only its organisation decides.
        return case_rule(user, CaseAction(action))


class _CasePartPolicy(Policy):
    """Victims, acts, responses and attachments follow their case.

    Creating one needs ``create_needs`` on its case; that rule is a subquery on
    ``case_id``, so it checks an unsaved part as well as it filters saved ones.
    """

    actions = tuple(CaseAction)
    system_denied = (CaseAction.VIEW_IDENTITY,)
    create_needs = CaseAction.CHANGE

    def case_action(self, action: CaseAction) -> CaseAction:
        return action

    def rule(self, user, action):
        action = CaseAction(action)
        if action == CaseAction.CREATE:
            allowed = case_rule(user, self.create_needs)
            return None if allowed is None else Q(case_id__in=Case.objects.filter(allowed).values("pk"))
        return case_rule(user, self.case_action(action), prefix="case__")


class VictimPolicy(_CasePartPolicy):
    model = Victim


class ActPolicy(_CasePartPolicy):
    model = Act


class ResponsePolicy(_CasePartPolicy):
    model = Response
    create_needs = CaseAction.RESPOND

    def case_action(self, action):
        return CaseAction.RESPOND if action in (CaseAction.CHANGE, CaseAction.DELETE) else action


class AttachmentPolicy(_CasePartPolicy):
    model = Attachment

    def case_action(self, action):
        # A file may show a face or a document: seeing it is seeing an identity.
        return CaseAction.VIEW_IDENTITY if action == CaseAction.VIEW else action


class VocabularyPartPolicy(Policy):
    """Vocabularies are public (the intake form, the open API); admins add and change entries.

    Entries are retired, never deleted, so that old cases keep their meaning.
    """

    def public_rule(self, action):
        return Q() if action == Action.VIEW else None

    def rule(self, user, action):
        if user.role == Role.ADMIN and action in (Action.VIEW, Action.CREATE, Action.CHANGE):
            return Q()
        return self.public_rule(action)


class VocabularyPolicy(VocabularyPartPolicy):
    model = Vocabulary

    def rule(self, user, action):
        # The list of vocabularies is fixed by the registry's data model; admins extend their terms.
        return self.public_rule(action)


class TermGroupPolicy(VocabularyPartPolicy):
    model = TermGroup


class TermPolicy(VocabularyPartPolicy):
    model = Term


class DataKeyPolicy(Policy):
    """Data keys are handled only by operators at the command line (``observatory keys``), as SYSTEM."""

    model = DataKey

    def rule(self, user, action):
        return None


class CaseEntityPolicy(Policy):
    """Entities are written only by ``observatory.dedup`` services and read only by the statistics, never listed."""

    model = CaseEntity

    def rule(self, user, action):
        return None


CASES = CasePolicy()


def register_all() -> None:
    for policy in (CASES, VictimPolicy(), ActPolicy(), ResponsePolicy(), AttachmentPolicy(), VocabularyPolicy(),
                   TermGroupPolicy(), TermPolicy(), DataKeyPolicy(), CaseEntityPolicy()):
        register(policy)


def may_use_registry(user) -> bool:
    """Whether ``user`` has any case records to see (analysts and admins have none)."""
    return CASES.allows_any(user, CaseAction.VIEW)


def _uuid(value) -> uuid.UUID:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except (ValueError, TypeError, AttributeError):
        raise Http404 from None


def access_case(*, user, case_id, action: CaseAction | str = CaseAction.VIEW) -> Case:
    """Load the case with uuid ``case_id`` that ``user`` may ``action``, or raise ``Http404``.

    Missing, malformed and forbidden ids all give the same 404, so a response
    never reveals that a case exists.
    """
    case = (
        CASES.scope(user, action)
        .select_related("organisation", "country", "channel", "documenter")
        .filter(uuid=_uuid(case_id))
        .first()
    )
    if case is None:
        raise Http404
    return case


def access_case_part(*, user, model: type[Model], case: Case, part_id, action: CaseAction | str = CaseAction.VIEW):
    """Load a response or attachment of ``case`` by uuid, scoped like :func:`access_case`."""
    obj = policy_for(model).scope(user, action).filter(case=case, uuid=_uuid(part_id)).first()
    if obj is None:
        raise Http404
    return obj

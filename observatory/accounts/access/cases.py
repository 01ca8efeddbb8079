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

One rule per role builds a ``Q`` for both ``scope`` and ``user_can``. A case out
of scope is a 404 exactly like a case that does not exist: load cases from a
request only with :func:`access_case`.
"""

from __future__ import annotations

import uuid
from enum import StrEnum

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from observatory.accounts.access import Policy, _active, _country_ids, policy_for, register
from observatory.accounts.models import Role
from observatory.cases.models import Act, Attachment, Case, CaseStatus, DataKey, Response, Term, Victim


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


def case_rule(user, action: CaseAction, prefix: str = "") -> Q | None:
    """The cases ``user`` may ``action``, as a ``Q`` on ``Case`` (or on a model ``prefix`` away from it)."""

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
        mine = q(country_id__in=_country_ids(user)) & q(status__in=_SENT)
        if action in (CaseAction.VIEW, CaseAction.MODERATE, CaseAction.RESPOND):
            return mine
        if action == CaseAction.VIEW_IDENTITY:
            return mine & q(consent_share_network=True)
        return None
    # Analysts see aggregates only; admins manage users and vocabularies, never case records.
    return None


class _ActionPolicy(Policy):
    """A policy whose actions include the registry's own (``view_identity``, ``moderate``, ``respond``)."""

    def rule_for(self, user, action: CaseAction) -> Q | None:
        raise NotImplementedError

    def rule(self, user, action):
        return self.rule_for(user, CaseAction(action))

    def scope(self, user, action) -> QuerySet:
        q = self.rule_for(user, CaseAction(action)) if _active(user) else None
        if q is None:
            return self.model._default_manager.none()
        return self.model._default_manager.filter(q)

    def user_can(self, user, action, obj: Model) -> bool:
        action = CaseAction(action)
        if not _active(user):
            return False
        if obj.pk is None:
            return self.may_create(user, action, obj)
        if self.rule_for(user, action) is None:
            return False
        return self.scope(user, action).filter(pk=obj.pk).exists()

    def may_create(self, user, action, obj) -> bool:
        return False


class CasePolicy(_ActionPolicy):
    model = Case

    def rule_for(self, user, action):
        return case_rule(user, action)

    def may_create(self, user, action, obj):
        # Checked in Python, not with Q.check: a new case has no row to query, and only these fields decide.
        if action != CaseAction.CREATE or case_rule(user, action) is None:
            return False
        return obj.organisation_id is not None and obj.organisation_id == user.organisation_id


class _CasePartPolicy(_ActionPolicy):
    """Victims, acts, responses and attachments follow their case; creating one needs the case's action."""

    create_needs = CaseAction.CHANGE

    def rule_for(self, user, action):
        return case_rule(user, action, prefix="case__")

    def may_create(self, user, action, obj):
        if action != CaseAction.CREATE or obj.case_id is None:
            return False
        return CASES.user_can(user, self.create_needs, obj.case)


class VictimPolicy(_CasePartPolicy):
    model = Victim


class ActPolicy(_CasePartPolicy):
    model = Act


class ResponsePolicy(_CasePartPolicy):
    model = Response
    create_needs = CaseAction.RESPOND

    def rule_for(self, user, action):
        if action in (CaseAction.CHANGE, CaseAction.DELETE):
            action = CaseAction.RESPOND
        return case_rule(user, action, prefix="case__")


class AttachmentPolicy(_CasePartPolicy):
    model = Attachment

    def rule_for(self, user, action):
        # A file may show a face or a document: seeing it is seeing an identity.
        if action == CaseAction.VIEW:
            action = CaseAction.VIEW_IDENTITY
        return case_rule(user, action, prefix="case__")


class TermPolicy(Policy):
    """Vocabularies are public; admins add and change terms (retire them, never delete)."""

    model = Term

    def rule(self, user, action):
        if action == "view":
            return Q()
        if user.role == Role.ADMIN and action in ("create", "change"):
            return Q()
        return None


class DataKeyPolicy(Policy):
    """Data keys are handled only by operators at the command line (``observatory keys``)."""

    model = DataKey

    def rule(self, user, action):
        return None


CASES = register(CasePolicy())
register(VictimPolicy())
register(ActPolicy())
register(ResponsePolicy())
register(AttachmentPolicy())
register(TermPolicy())
register(DataKeyPolicy())


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

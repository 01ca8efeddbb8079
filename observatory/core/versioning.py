"""Versioned records: each change saves the record and writes an immutable version row beside it.

A versioned record (an assessment, a country round report, a brief text) has a ``version``
counter, ``updated_by`` and ``updated_at``; its history is a model with one row per saved
state. :func:`versioned_record_save` is the one place that compares, bumps, saves and
writes the version row; the service that calls it adds its own audit entry in the same
transaction. :class:`SnapshotVersion` is the abstract history model for records that keep
their state as a ``snapshot()`` dict.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from observatory import access


@dataclass(frozen=True)
class Stamp:
    """Who saved which version when: what a version row records besides the state."""

    number: int
    author: Any  # the signed-in account, or None for SYSTEM and visitors
    author_username: str
    at: datetime.datetime


@dataclass(frozen=True)
class VersionedSave:
    """The result of :func:`versioned_record_save`.

    ``before`` holds the saved values of the fields given (empty for a new record);
    ``fields`` the sorted names of those that differ from ``before``.
    """

    record: models.Model
    created: bool
    changed: bool
    before: dict = field(default_factory=dict)
    fields: tuple[str, ...] = ()


def _author(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def versioned_record_save(
    *,
    actor,
    record: models.Model,
    values: Mapping[str, Any],
    version: Callable[[models.Model, Stamp], models.Model],
    clean: Callable[[models.Model], None] | None = lambda record: record.full_clean(),
) -> VersionedSave:
    """Save ``values`` on ``record`` and write its next version row, unless nothing changes.

    Checks ``access.require(actor, "create"|"change", record)`` first (an unsaved
    ``record`` is created). When the record exists and every value equals the saved
    one, writes nothing and returns ``changed=False``. Otherwise sets the values,
    increments ``record.version``, stamps ``updated_by`` (the account, or ``None``
    for ``SYSTEM``) and ``updated_at``, runs ``clean(record)`` (model validation by
    default), saves, and saves the row ``version(record, stamp)`` returns. Writes no
    audit entry: the caller writes it in the same transaction.
    """
    created = record.pk is None
    access.require(actor, access.Action.CREATE if created else access.Action.CHANGE, record)
    before = {} if created else {name: getattr(record, name) for name in values}
    if not created and before == dict(values):
        return VersionedSave(record=record, created=False, changed=False, before=before)
    fields = tuple(sorted(name for name, value in values.items() if before.get(name) != value))
    with transaction.atomic(savepoint=False):
        for name, value in values.items():
            setattr(record, name, value)
        stamp = Stamp(number=record.version + 1, author=_author(actor), author_username=actor.get_username(),
                      at=timezone.now())
        record.version = stamp.number
        record.updated_by = stamp.author
        record.updated_at = stamp.at
        if clean is not None:
            clean(record)
        record.save()
        version(record, stamp).save()
    return VersionedSave(record=record, created=created, changed=True, before=before, fields=fields)


class SnapshotVersion(models.Model):
    """One saved state of a record (its ``snapshot()``), written with every change and never altered.

    A subclass adds the foreign key to its record and names it in ``record_field``;
    ``SubClass.of`` is then the ``version`` argument of :func:`versioned_record_save`.
    """

    record_field: ClassVar[str]

    number = models.PositiveIntegerField()
    data = models.JSONField()
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    changed_at = models.DateTimeField()

    class Meta:
        abstract = True

    @classmethod
    def of(cls, record: models.Model, stamp: Stamp) -> SnapshotVersion:
        return cls(**{cls.record_field: record}, number=stamp.number, data=record.snapshot(),
                   changed_by=stamp.author, changed_at=stamp.at)

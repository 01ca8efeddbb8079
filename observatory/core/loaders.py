"""Loading shipped reference data: upsert rows by their key, count what changed, audit the load once.

Every setup loader reads a file and makes the database agree with it. The shared steps live
here so that each loader says only what is particular to its data:

* :func:`rows_upsert` writes one model's rows (no audit entry), for loaders that write
  several models or sub-rows and audit the whole load once;
* :func:`load_audit` writes that one audit entry, only when something changed;
* :func:`rows_load` does both for a single model, in one transaction.

A second run over the same file changes nothing and writes no audit entry, so
``observatory setup`` can run any number of times.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Model, Q, QuerySet

from observatory import access
from observatory.audit.models import AuditEntry
from observatory.audit.services import audit_record

CREATED, UPDATED, UNCHANGED, KEPT = "created", "updated", "unchanged", "kept"

# Above this many distinct values of a key field, existing rows are fetched without an IN list
# (SQLite and PostgreSQL limit the number of query parameters).
_MAX_IN = 900


@dataclass(frozen=True)
class RowOutcome:
    """What happened to one input row: its saved object, its status and the fields written.

    ``fields`` names the row's non-key fields for a created row, the changed ones for an
    updated row, and nothing for an unchanged or kept row.
    """

    obj: Model
    status: str
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class Upsert:
    """The result of :func:`rows_upsert`: one outcome per input row, in input order."""

    model: type[Model]
    rows: tuple[RowOutcome, ...]
    protected: bool = False

    @property
    def objects(self) -> list[Model]:
        """The saved object of each input row, in input order."""
        return [row.obj for row in self.rows]

    @property
    def counts(self) -> dict[str, int]:
        """``{"created": n, "updated": n, "unchanged": n}``, plus ``"kept"`` when ``protect`` was given."""
        statuses = (CREATED, UPDATED, UNCHANGED, KEPT) if self.protected else (CREATED, UPDATED, UNCHANGED)
        return {status: sum(1 for row in self.rows if row.status == status) for status in statuses}

    @property
    def changed(self) -> bool:
        return any(row.status in (CREATED, UPDATED) for row in self.rows)


def full_clean(obj: Model) -> None:
    """Model validation, for ``clean=``: raises ``ValidationError`` as ``Model.full_clean`` does."""
    obj.full_clean()


def _prepared(model: type[Model], row: Mapping[str, Any]) -> dict[str, tuple[str, Any]]:
    """``{attname: (name as given, value)}``: a related object becomes its primary key."""
    prepared = {}
    for name, value in row.items():
        field = model._meta.get_field(name)
        if field.many_to_many or field.one_to_many or not field.concrete:
            raise ValueError(f"{model.__name__}.{name}: only the model's own columns can be loaded.")
        if field.is_relation and isinstance(value, Model):
            value = value.pk
        prepared[field.attname] = (name, value)
    return prepared


def _existing(queryset: QuerySet, attnames: Sequence[str], keys: set[tuple]) -> dict[tuple, Model]:
    """The rows of ``queryset`` whose key is in ``keys``, fetched in one query, by key."""
    condition = Q()
    for position, attname in enumerate(attnames):
        values = {key[position] for key in keys}
        if len(values) > _MAX_IN:
            continue
        present = [value for value in values if value is not None]
        part = Q(**{f"{attname}__in": present})
        if None in values:
            part |= Q(**{f"{attname}__isnull": True})
        condition &= part
    found = {}
    for obj in queryset.filter(condition):
        key = tuple(getattr(obj, attname) for attname in attnames)
        if key in keys:
            found[key] = obj
    return found


def rows_upsert(
    *,
    actor,
    model: type[Model],
    keys: str | Sequence[str],
    rows: Iterable[Mapping[str, Any]],
    queryset: QuerySet | None = None,
    create_defaults: Mapping[str, Any] | None = None,
    protect: Callable[[Model], bool] | None = None,
    clean: Callable[[Model], None] | None = None,
    batch_size: int = 500,
) -> Upsert:
    """Create the rows whose key is missing, update the ones that differ, leave identical ones alone.

    ``rows`` are dicts of field values (a foreign key by name with an object or by
    ``<name>_id`` with a primary key); ``keys`` names the fields that identify a
    row. Only the fields a row gives are compared and written. Existing rows are
    fetched in one query (``queryset`` narrows it or adds ``prefetch_related``);
    new rows are written with ``bulk_create``, changed ones with ``bulk_update``
    (``auto_now`` fields are refreshed). ``create_defaults`` are set on new rows
    only. An existing row for which ``protect(obj)`` is true (e.g. edited by
    staff) is left as it is and reported as ``kept``. ``clean(obj)`` is called on
    every row about to be written, after the access check (pass ``full_clean``
    for model validation).

    Calls ``access.require(actor, "create"|"change", obj)`` for each row it
    writes; ``None`` as ``actor`` raises ``NoActorError`` even when nothing would
    change. Raises ``ValueError`` when a key appears twice. Writes no audit
    entry: run it inside the caller's transaction and call :func:`load_audit`.
    """
    access.check_actor(actor, f"loading {model.__name__}")
    key_names = (keys,) if isinstance(keys, str) else tuple(keys)
    key_attnames = tuple(model._meta.get_field(name).attname for name in key_names)
    prepared, seen = [], set()
    for row in rows:
        values = _prepared(model, row)
        missing = [name for name, attname in zip(key_names, key_attnames) if attname not in values]
        if missing:
            raise ValueError(f"{model.__name__}: a row has no {', '.join(missing)}.")
        key = tuple(values[attname][1] for attname in key_attnames)
        if key in seen:
            raise ValueError(f"{model.__name__} {', '.join(map(str, key))} is listed twice.")
        seen.add(key)
        prepared.append((key, values))
    if not prepared:
        return Upsert(model=model, rows=(), protected=protect is not None)
    queryset = queryset if queryset is not None else model._default_manager.all()
    existing = _existing(queryset, key_attnames, seen)
    defaults = {attname: value for attname, (_, value) in _prepared(model, create_defaults or {}).items()}
    outcomes, new, changed, changed_fields = [], [], [], set()
    for key, values in prepared:
        obj = existing.get(key)
        if obj is None:
            obj = model(**defaults, **{attname: value for attname, (_, value) in values.items()})
            access.require(actor, access.Action.CREATE, obj)
            if clean:
                clean(obj)
            new.append(obj)
            written = tuple(name for attname, (name, _) in values.items() if attname not in key_attnames)
            outcomes.append(RowOutcome(obj, CREATED, written))
            continue
        if protect is not None and protect(obj):
            outcomes.append(RowOutcome(obj, KEPT))
            continue
        differ = [attname for attname, (_, value) in values.items() if getattr(obj, attname) != value]
        if not differ:
            outcomes.append(RowOutcome(obj, UNCHANGED))
            continue
        access.require(actor, access.Action.CHANGE, obj)
        for attname in differ:
            setattr(obj, attname, values[attname][1])
        if clean:
            clean(obj)
        changed.append(obj)
        changed_fields.update(differ)
        outcomes.append(RowOutcome(obj, UPDATED, tuple(values[attname][0] for attname in differ)))
    manager = model._default_manager
    if new:
        manager.bulk_create(new, batch_size=batch_size)
    if changed:
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False):
                for obj in changed:
                    field.pre_save(obj, False)
                changed_fields.add(field.attname)
        manager.bulk_update(changed, sorted(changed_fields), batch_size=batch_size)
    return Upsert(model=model, rows=tuple(outcomes), protected=protect is not None)


def load_audit(
    *,
    actor,
    action: str,
    counts: Mapping[str, int],
    upserts: Iterable[Upsert] = (),
    changed: bool = False,
    details: Mapping[str, Any] | None = None,
) -> AuditEntry | None:
    """Write the one audit entry of a load when it changed something; return it, or ``None``.

    The load changed something when ``changed`` is true (for writes made outside
    :func:`rows_upsert`, such as replaced sub-rows or deactivated rows) or when any
    of ``upserts`` created or updated a row. The entry's details hold ``counts``
    (what the loader reports), the counts of each upserted model and ``details``.
    Call it in the same transaction as the writes.
    """
    upserts = list(upserts)
    if not (changed or any(upsert.changed for upsert in upserts)):
        return None
    models = {upsert.model._meta.label_lower: upsert.counts for upsert in upserts}
    return audit_record(actor=actor, action=action,
                        details={"counts": dict(counts), **({"models": models} if models else {}), **(details or {})})


def rows_load(
    *,
    actor,
    model: type[Model],
    keys: str | Sequence[str],
    rows: Iterable[Mapping[str, Any]],
    action: str = "",
    details: Mapping[str, Any] | None = None,
    **options,
) -> dict[str, int]:
    """Upsert one model's rows (:func:`rows_upsert`, whose ``options`` it takes) and audit the load once.

    In one transaction: the writes and, when something changed, one audit entry
    ``action`` (default ``"<app>.<model>.load"``) holding the counts. Returns
    ``{"created": n, "updated": n, "unchanged": n}`` (and ``"kept"`` with ``protect``).
    """
    with transaction.atomic():
        result = rows_upsert(actor=actor, model=model, keys=keys, rows=rows, **options)
        load_audit(actor=actor, action=action or f"{model._meta.label_lower}.load", counts=result.counts,
                   upserts=[result], details=details)
    return result.counts


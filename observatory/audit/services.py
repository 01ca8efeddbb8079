"""Writing to and verifying the audit trail."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from observatory.access import SYSTEM, check_actor, is_system
from observatory.audit.models import GENESIS_HASH, AuditEntry

# Any 64-bit constant; PostgreSQL serialises appenders on it for the rest of the transaction.
_PG_LOCK_KEY = 0x0B5E_A7D1


def audit_record(
    *,
    actor,
    action: str,
    obj=None,
    object_type: str = "",
    object_id: str | int = "",
    object_repr: str = "",
    details: dict | None = None,
) -> AuditEntry:
    """Append one entry to the trail, inside the caller's transaction.

    Call it from the same ``transaction.atomic`` block as the change it records,
    so that a rolled-back change leaves no entry and a recorded change always has
    one. ``obj`` fills type, id and representation from a model instance;
    ``details`` must hold no identifying values (field names are fine).

    ``actor`` is the signed-in user, a visitor (``AnonymousUser``: recorded
    without a name) or ``access.SYSTEM`` (recorded as ``(system)``); ``None``
    raises ``NoActorError``.
    """
    check_actor(actor, "audit_record")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
        object_repr = object_repr or str(obj)
    if is_system(actor):
        actor_id, actor_username = None, SYSTEM.username
    elif getattr(actor, "is_authenticated", False):
        actor_id, actor_username = actor.pk, actor.get_username()
    else:
        actor_id, actor_username = None, ""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK_KEY])
        last = AuditEntry.objects.order_by("-seq").only("seq", "hash").first()
        entry = AuditEntry(
            seq=(last.seq + 1) if last else 1,
            created_at=timezone.now(),
            actor_id=actor_id,
            actor_username=actor_username,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            object_repr=str(object_repr)[:200],
            details=details or {},
            prev_hash=last.hash if last else GENESIS_HASH,
        )
        entry.hash = entry.compute_hash()
        entry.save()
    return entry


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""


def audit_verify(*, batch_size: int = 2000) -> VerifyResult:
    """Walk the chain from the first entry and report the first entry that breaks it.

    An altered row fails its own hash; a deleted row leaves a gap in ``seq`` or a
    ``prev_hash`` that no longer matches.
    """
    expected_seq = 1
    prev_hash = GENESIS_HASH
    checked = 0
    queryset = AuditEntry.objects.order_by("seq")
    for entry in queryset.iterator(chunk_size=batch_size):
        if entry.seq != expected_seq:
            return VerifyResult(
                False, checked, expected_seq, f"entry #{expected_seq} is missing (next entry found is #{entry.seq})"
            )
        if entry.prev_hash != prev_hash:
            return VerifyResult(False, checked, entry.seq, f"entry #{entry.seq} does not link to entry #{entry.seq - 1}")
        if entry.compute_hash() != entry.hash:
            return VerifyResult(False, checked, entry.seq, f"entry #{entry.seq} was altered (its hash does not match)")
        prev_hash = entry.hash
        expected_seq += 1
        checked += 1
    return VerifyResult(True, checked)

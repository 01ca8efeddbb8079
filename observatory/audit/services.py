"""Writing to and verifying the audit trail."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from observatory.access import SYSTEM, check_actor, is_system
from observatory.audit import chain
from observatory.audit.models import GENESIS_HASH, AuditEntry

def audit_key() -> bytes:
    return chain.decode_key(settings.AUDIT_KEY)


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
            scheme=chain.CURRENT_SCHEME,
        )
        entry.hash = entry.compute_hash(audit_key())
        entry.save()
    return entry


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""
    head_seq: int = 0
    head_hash: str = GENESIS_HASH
    legacy: int = 0  # entries under the unkeyed scheme, written before keyed hashing began


@dataclass(frozen=True)
class Anchor:
    """A head known from outside the database: a checkpoint, or a hash an auditor kept.

    ``seq`` is None when only the hash is known (``audit verify --head HASH``).
    """

    hash: str
    seq: int | None = None
    source: str = "the recorded head"


def audit_verify(*, anchors: list[Anchor] = (), batch_size: int = 2000) -> VerifyResult:
    """Walk the chain from the first entry and report the first entry that breaks it.

    - an altered row fails its own hash, and rewriting the hash needs the audit key;
    - a deleted row leaves a gap in ``seq`` or a ``prev_hash`` that no longer matches;
    - an unkeyed entry after a keyed one, or an unkeyed newest entry, is a downgrade;
    - each anchor must be found in the chain: a missing one means the entries after some
      point were removed (truncation, down to all of them) or rewritten.
    """
    key = audit_key()
    expected_seq = 1
    prev_hash = GENESIS_HASH
    checked = legacy = 0
    strongest = None
    last = None
    by_seq = {a.seq: a for a in anchors if a.seq is not None}
    by_hash = {a.hash: a for a in anchors if a.seq is None}
    found: set[str] = set()

    def broken(seq, reason):
        return VerifyResult(False, checked, seq, reason, expected_seq - 1, prev_hash, legacy)

    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=batch_size):
        if entry.seq != expected_seq:
            return broken(expected_seq, f"entry #{expected_seq} is missing (next entry found is #{entry.seq})")
        if entry.prev_hash != prev_hash:
            return broken(entry.seq, f"entry #{entry.seq} does not link to entry #{entry.seq - 1}")
        if entry.scheme not in chain.SCHEMES:
            return broken(entry.seq, f"entry #{entry.seq} names an unknown hash scheme")
        if strongest is not None and chain.STRENGTH[entry.scheme] < chain.STRENGTH[strongest]:
            return broken(entry.seq, f"entry #{entry.seq} is unkeyed although earlier entries are keyed (a downgrade)")
        if not chain.same(entry.compute_hash(key), entry.hash):
            return broken(entry.seq, f"entry #{entry.seq} was altered (its hash does not match)")
        anchor = by_seq.get(entry.seq)
        if anchor is not None and not chain.same(anchor.hash, entry.hash):
            return broken(entry.seq, f"entry #{entry.seq} differs from {anchor.source}: the trail was rewritten")
        if entry.hash in by_hash:
            found.add(entry.hash)
        strongest = entry.scheme
        legacy += entry.scheme == chain.SHA256
        prev_hash = entry.hash
        last = entry
        expected_seq += 1
        checked += 1
    if last is not None and last.scheme != chain.CURRENT_SCHEME:
        # Upgrading appends a keyed entry (migration audit/0003), so a keyed trail always ends keyed.
        return broken(last.seq, f"the newest entry #{last.seq} is unkeyed (a downgrade or a rewritten trail)")
    for anchor in anchors:
        if anchor.seq is not None and anchor.seq > checked:
            end = f"ends at entry #{checked}" if checked else "is empty"
            return broken(
                checked + 1, f"{anchor.source} records entry #{anchor.seq}, but the trail {end}: entries were removed"
            )
        if anchor.seq is None and anchor.hash not in found:
            return broken(
                checked + 1, f"{anchor.source} is not in the trail: entries were removed or rewritten"
            )
    return VerifyResult(True, checked, head_seq=checked, head_hash=prev_hash, legacy=legacy)

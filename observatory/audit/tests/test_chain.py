from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from observatory import access
from observatory.audit.models import AuditEntry
from observatory.audit.services import audit_key, audit_record, audit_verify


@pytest.fixture
def chain(db):
    return [audit_record(actor=access.SYSTEM, action="test.event", object_type="test", object_id=i, details={"n": i}) for i in range(1, 6)]


def verify_command():
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue()


def test_intact_chain_verifies(chain):
    assert audit_verify().ok
    assert "5 entries verified" in verify_command()
    assert [e.seq for e in chain] == [1, 2, 3, 4, 5]
    assert all(b.prev_hash == a.hash for a, b in zip(chain, chain[1:]))


def test_altered_row_is_named(chain):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET action = 'test.nothing' WHERE seq = 3")
    result = audit_verify()
    assert not result.ok and result.broken_seq == 3
    with pytest.raises(CommandError, match="broken at entry #3") as error:
        verify_command()
    assert error.value.returncode == 1


def test_deleted_row_is_named(chain):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE seq = 2")
    result = audit_verify()
    assert not result.ok and result.broken_seq == 2
    assert "missing" in result.reason


def test_rewritten_hash_still_breaks_the_link(chain):
    entry = AuditEntry.objects.get(seq=4)
    entry.details = {"n": 999}
    new_hash = entry.compute_hash(audit_key())
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET details = %s, hash = %s WHERE seq = 4", ['{"n": 999}', new_hash])
    result = audit_verify()
    assert not result.ok and result.broken_seq == 5


def test_entries_cannot_be_changed_or_deleted_through_the_orm(chain):
    entry = chain[0]
    with pytest.raises(RuntimeError):
        entry.save()
    with pytest.raises(RuntimeError):
        entry.delete()


def test_entry_rolls_back_with_the_change(db):
    with pytest.raises(ZeroDivisionError):
        with transaction.atomic():
            audit_record(actor=access.SYSTEM, action="test.event")
            1 / 0
    assert not AuditEntry.objects.exists()

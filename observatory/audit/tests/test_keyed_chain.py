"""The keyed chain and signed checkpoints catch forgery and truncation (issue: audit chain)."""

from __future__ import annotations

import hashlib
import io
import json

import pytest
from django.apps import apps as global_apps
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection

from observatory import access
from observatory.audit import chain, checkpoints
from observatory.audit.models import GENESIS_HASH, AuditEntry
from observatory.audit.services import audit_record, audit_verify


@pytest.fixture(autouse=True)
def checkpoint_dir(settings, tmp_path):
    settings.AUDIT_CHECKPOINT_DIR = tmp_path / "checkpoints"
    settings.AUDIT_SIGNING_KEY_FILE = tmp_path / "keys" / "audit-signing.key"
    return settings.AUDIT_CHECKPOINT_DIR


@pytest.fixture
def trail(db):
    return [audit_record(actor=access.SYSTEM, action="test.event", object_id=i, details={"n": i}) for i in range(1, 6)]


def run(*args):
    out = io.StringIO()
    call_command("audit", *args, stdout=out)
    return out.getvalue()


def sql(statement, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def plain_hash(entry):
    return hashlib.sha256(entry.payload()).hexdigest()


def test_new_entries_are_keyed_and_the_key_matters(trail, settings):
    assert {e.scheme for e in AuditEntry.objects.all()} == {chain.HMAC_SHA256}
    assert audit_verify().ok
    settings.AUDIT_KEY = "A" * 43  # another 32-byte key
    result = audit_verify()
    assert not result.ok and result.broken_seq == 1 and "altered" in result.reason


def test_a_forger_without_the_key_cannot_rewrite_an_entry(trail):
    # Someone with write access to the database edits entry 3 and recomputes every hash after it,
    # as they could with the old unkeyed chain.
    entries = list(AuditEntry.objects.order_by("seq"))
    entries[2].details = {"n": "changed"}
    prev = entries[1].hash
    for entry in entries[2:]:
        entry.prev_hash = prev
        entry.hash = plain_hash(entry)
        sql("UPDATE audit_auditentry SET details=%s, prev_hash=%s, hash=%s WHERE seq=%s",
            [json.dumps(entry.details), entry.prev_hash, entry.hash, entry.seq])
        prev = entry.hash
    result = audit_verify()
    assert not result.ok and result.broken_seq == 3 and "altered" in result.reason
    # Marking the rewritten entries as unkeyed is a downgrade.
    sql("UPDATE audit_auditentry SET scheme='sha256' WHERE seq >= 3")
    result = audit_verify()
    assert not result.ok and result.broken_seq == 3 and "downgrade" in result.reason
    # Rewriting the whole trail unkeyed is caught by a checkpoint or head kept earlier (below); the newest
    # entry being unkeyed is refused on its own too.
    prev = GENESIS_HASH
    for entry in AuditEntry.objects.order_by("seq"):
        entry.prev_hash = prev
        entry.hash = plain_hash(entry)
        sql("UPDATE audit_auditentry SET scheme='sha256', prev_hash=%s, hash=%s WHERE seq=%s",
            [entry.prev_hash, entry.hash, entry.seq])
        prev = entry.hash
    result = audit_verify()
    assert not result.ok and "newest entry #5 is unkeyed" in result.reason


def test_removing_the_newest_entries_is_caught_by_a_checkpoint(trail, checkpoint_dir):
    out = run("checkpoint")
    assert "Checkpoint of entry #5" in out
    assert "5 entries verified; matches 1 recorded head(s)" in run("verify")
    sql("DELETE FROM audit_auditentry WHERE seq >= 4")
    assert audit_verify().ok  # the chain alone cannot know it once had more entries
    with pytest.raises(CommandError, match=r"records entry #5, but the trail ends at entry #3: entries were removed"):
        run("verify")


def test_removing_every_entry_is_caught(trail):
    run("checkpoint")
    sql("DELETE FROM audit_auditentry")
    with pytest.raises(CommandError, match="the trail is empty: entries were removed") as error:
        run("verify")
    assert error.value.returncode == 1


def test_a_head_kept_by_an_auditor_catches_truncation(trail):
    head = run("head").strip()
    assert head.startswith("5 ")
    assert "matches 1 recorded head" in run("verify", "--head", head)
    assert "matches 1 recorded head" in run("verify", "--head", head.split()[1])
    audit_record(actor=access.SYSTEM, action="test.later")
    assert audit_verify().ok and "6 entries verified" in run("verify", "--head", head)
    sql("DELETE FROM audit_auditentry WHERE seq >= 5")
    with pytest.raises(CommandError, match="entries were removed"):
        run("verify", "--head", head)
    with pytest.raises(CommandError, match="not in the trail"):
        run("verify", "--head", head.split()[1])
    with pytest.raises(CommandError, match="64-character hex"):
        run("verify", "--head", "not-a-hash")


def test_a_rewritten_entry_before_the_checkpoint_is_named(trail, settings):
    run("checkpoint")
    # Even with the audit key stolen, the checkpoint pins entry 5's hash.
    entries = list(AuditEntry.objects.order_by("seq"))
    key = chain.decode_key(settings.AUDIT_KEY)
    prev = entries[0].hash
    entries[1].details = {"n": "changed"}
    for entry in entries[1:]:
        entry.prev_hash = prev
        entry.hash = entry.compute_hash(key)
        sql("UPDATE audit_auditentry SET details=%s, prev_hash=%s, hash=%s WHERE seq=%s",
            [json.dumps(entry.details), entry.prev_hash, entry.hash, entry.seq])
        prev = entry.hash
    with pytest.raises(CommandError, match="entry #5 differs from checkpoint .*rewritten"):
        run("verify")


def test_an_altered_or_foreign_checkpoint_is_refused(trail, checkpoint_dir, tmp_path):
    run("checkpoint")
    path = checkpoints.latest_checkpoint_path()
    record = json.loads(path.read_text())
    record["seq"] = 4
    path.write_text(json.dumps(record))
    with pytest.raises(CommandError, match="invalid signature"):
        run("verify")
    other = tmp_path / "other.pem"
    other.write_text(checkpoints.public_key_pem(checkpoints.Ed25519PrivateKey.generate().public_key()))
    path.unlink()
    run("checkpoint")
    with pytest.raises(CommandError, match="signed by another key"):
        run("verify", "--public-key", str(other))
    path.write_text("{not json")
    with pytest.raises(CommandError, match="cannot be read as a checkpoint"):
        run("verify", "--checkpoint", str(path), "--no-local-checkpoint")


def test_an_auditor_verifies_with_the_public_key_alone(trail, tmp_path):
    pem = tmp_path / "auditor.pem"
    pem.write_text(run("public-key"))
    assert pem.read_text().startswith("-----BEGIN PUBLIC KEY-----")
    run("checkpoint", "--to", str(tmp_path / "auditor"))
    [kept] = (tmp_path / "auditor").glob("*.json")
    out = run("verify", "--checkpoint", str(kept), "--public-key", str(pem), "--no-local-checkpoint")
    assert "5 entries verified; matches 1 recorded head(s)" in out


def test_a_checkpoint_of_an_empty_trail_verifies(db):
    run("checkpoint")
    assert "0 entries verified; matches 1" in run("verify")


def test_checkpoints_go_by_email_to_the_secretariat(trail, settings):
    settings.AUDIT_CHECKPOINT_EMAIL = ["secretariat@example.org"]
    run("checkpoint")
    [message] = mail.outbox
    assert message.to == ["secretariat@example.org"] and "#5" in message.subject
    assert json.loads(message.body)["seq"] == 5


def test_an_older_unkeyed_trail_still_verifies_and_is_then_keyed(db):
    prev = GENESIS_HASH
    from django.utils import timezone

    for seq in (1, 2, 3):
        entry = AuditEntry(seq=seq, created_at=timezone.now(), action="old.event", prev_hash=prev, scheme=chain.SHA256)
        entry.hash = entry.compute_hash()
        entry.save()
        prev = entry.hash
    result = audit_verify()
    assert not result.ok and "newest entry #3 is unkeyed" in result.reason
    migration = __import__("observatory.audit.migrations.0003_keyed_chain", fromlist=["append_keyed_entry"])
    migration.append_keyed_entry(global_apps, None)
    result = audit_verify()
    assert result.ok and result.checked == 4 and result.legacy == 3
    assert AuditEntry.objects.get(seq=4).action == "audit.chain.keyed"
    audit_record(actor=access.SYSTEM, action="test.event")
    assert "5 entries verified (3 older unkeyed)" in run("verify")
    # The older entries are still checked.
    sql("UPDATE audit_auditentry SET action='old.changed' WHERE seq=2")
    assert audit_verify().broken_seq == 2

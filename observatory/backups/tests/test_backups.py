"""Backups restore: create, wipe, restore, and the data, the audit trail and the encrypted cases are back."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from observatory.audit.services import audit_verify
from observatory.backups import snapshot
from observatory.cases.models import Case
from observatory.cases.tests.conftest import CLIENT_CODE, NAME, case_data


@pytest.fixture
def keys(settings, tmp_path):
    settings.BACKUP_KEY_FILE = tmp_path / "keys" / "backup.key"
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.AUDIT_CHECKPOINT_DIR = tmp_path / "checkpoints"
    settings.AUDIT_SIGNING_KEY_FILE = tmp_path / "keys" / "audit-signing.key"
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path / "media"}}}
    (tmp_path / "media" / "attachments").mkdir(parents=True)
    (tmp_path / "media" / "attachments" / "statement.pdf").write_bytes(b"%PDF-1.4 synthetic test file")
    call_command("backup", "key", stdout=io.StringIO())
    return tmp_path


def run(*args) -> str:
    out = io.StringIO()
    call_command("backup", *args, stdout=out)
    return out.getvalue()


def newest_backup(settings):
    return sorted(settings.BACKUP_DIR.glob("*.obk"))[-1]


@pytest.mark.django_db(transaction=True)
def test_create_wipe_restore_brings_everything_back(keys, settings, personas):
    from observatory.access import SYSTEM
    from observatory.cases import services

    from observatory.cases.selectors import case_identity

    services.vocabularies_load(actor=SYSTEM)

    created, _ = services.case_create(actor=personas["documenter_ukr"], data=case_data(), submit=True)
    before = snapshot.live_digests()
    out = run("create")
    assert "Backup written to" in out and "1 uploaded file(s)" in out
    path = newest_backup(settings)
    assert NAME.encode() not in path.read_bytes()  # encrypted, not merely archived
    assert "Backup intact" in run("verify", str(path))

    call_command("flush", interactive=False, verbosity=0)  # the loss
    (keys / "media" / "attachments" / "statement.pdf").unlink()
    assert Case.objects.count() == 0 and snapshot.live_digests() != before

    assert "tables match the backup" in run("restore", str(path), "--yes")
    after = snapshot.live_digests()
    assert {t: d["rows"] for t, d in after.items()} == {t: d["rows"] for t, d in before.items()}
    assert after == before  # every table's contents, not only its size
    assert audit_verify().ok
    case = Case.objects.get(pk=created.pk)
    identity = case_identity(user=personas["documenter_ukr"], case=case, via="web")
    assert identity.victims[0].name == NAME and identity.victims[0].client_code == CLIENT_CODE
    assert (keys / "media" / "attachments" / "statement.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_is_refused_and_changes_nothing(keys, settings, personas):
    run("create")
    path = newest_backup(settings)
    data = bytearray(path.read_bytes())
    altered = path.with_name("altered.obk")
    altered.write_bytes(bytes(data[:-100]) + bytes([data[-100] ^ 1]) + bytes(data[-99:]))
    cut = path.with_name("cut.obk")
    cut.write_bytes(bytes(data[: len(data) // 2]))
    before = snapshot.live_digests()
    with pytest.raises(CommandError, match="altered or belongs elsewhere"):
        run("verify", str(altered))
    with pytest.raises(CommandError, match="cut short"):
        run("restore", str(cut), "--yes")
    with pytest.raises(CommandError, match="not an Observatory backup"):
        run("verify", str(keys / "media" / "attachments" / "statement.pdf"))
    assert snapshot.live_digests() == before
    settings.BACKUP_KEY_FILE = keys / "other.key"
    run("key")
    with pytest.raises(CommandError, match="another backup key"):
        run("verify", str(path))


def test_no_backup_without_a_backup_key(settings, tmp_path, db):
    settings.BACKUP_KEY_FILE = tmp_path / "missing.key"
    with pytest.raises(CommandError, match="No backup key"):
        run("create", "--to", str(tmp_path))


def test_the_master_key_splits_two_of_three(settings):
    out = run("split-key", "--key", "master")
    lines = out.splitlines()
    shares = [lines[i + 1] for i, line in enumerate(lines) if line.startswith("Share ")]
    assert len(shares) == 3
    for pair in ([0, 1], [0, 2], [1, 2]):
        joined = io.StringIO()
        call_command("backup", "join-key", *[a for i in pair for a in ("--share", shares[i])], stdout=joined)
        assert joined.getvalue().strip().rstrip("=") == settings.MASTER_KEY.strip().rstrip("=")
    with pytest.raises(CommandError, match="do not rebuild a key"):
        call_command("backup", "join-key", "--share", shares[0], stdout=io.StringIO())

"""Encryption at rest: no plaintext in the database, ciphertexts bound to their row and field,
tamper detection, blind-index search and master-key rotation without losing data."""

from __future__ import annotations

import base64
import secrets

import pytest
from django.core.management import call_command
from django.db import connection

from observatory.cases import crypto
from observatory.cases.crypto import DecryptionError
from observatory.cases.models import Case, DataKey, Victim
from observatory.cases.selectors import case_find_by_client_code, case_identity
from observatory.cases.tests.conftest import CLIENT_CODE, CONTACT, NAME, NARRATIVE

SECRETS = [NAME, CONTACT, NARRATIVE, CLIENT_CODE, "Петренко", "123 45 67", "Садовой", "ул. Садовая"]


def _all_rows() -> str:
    """Every value of every table, as text and as decoded bytes: what someone with a database dump would read."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, (bytes, memoryview)):
                        raw = bytes(value)
                        chunks.append(raw.decode("utf-8", "ignore"))
                        chunks.append(raw.decode("latin-1"))
                    else:
                        chunks.append(str(value))
    return "\n".join(chunks)


def _new_key() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def test_raw_database_rows_hold_no_plaintext_identity(make_case, personas):
    from observatory.cases.services import ResponseData, attachment_add, response_update

    case = make_case(status="in_response")
    response = case.responses.get()
    response_update(actor=personas["coordinator_ukr"], response=response,
                    data=ResponseData(type="legal_consultation", notes=f"Звонок {NAME}, адвокат назначен"))
    attachment_add(actor=personas["case_manager_ukr"], case=case, filename=f"{NAME}.pdf",
                   content=b"%PDF-1.4\n" + NARRATIVE.encode() + b"\n%%EOF\n")
    case_identity(user=personas["documenter_ukr"], case=case, via="web")  # a read writes an audit entry too
    dump = _all_rows()
    for secret in SECRETS:
        assert secret not in dump
        assert secret.encode("utf-8").hex() not in dump
    # ...and the values really are stored: they decrypt for someone allowed to read them.
    identity = case_identity(user=personas["documenter_ukr"], case=case, via="web")
    assert identity.victim.name == NAME and identity.narrative == NARRATIVE


def test_a_ciphertext_copied_to_another_row_or_field_does_not_open(make_case, personas):
    first, second = make_case(), make_case()
    victim_a, victim_b = Victim.objects.get(case=first), Victim.objects.get(case=second)
    # Another person's name pasted into this row...
    Victim.objects.filter(pk=victim_b.pk).update(name_enc=victim_a.name_enc)
    with pytest.raises(DecryptionError):
        case_identity(user=personas["documenter_ukr"], case=second, via="web")
    # ...or this person's contact pasted into the name field.
    Victim.objects.filter(pk=victim_a.pk).update(name_enc=victim_a.contact_enc)
    with pytest.raises(DecryptionError):
        case_identity(user=personas["documenter_ukr"], case=first, via="web")
    # ...or a narrative moved between cases.
    Case.objects.filter(pk=second.pk).update(narrative_enc=first.narrative_enc)
    with pytest.raises(DecryptionError):
        crypto.unseal(Case.objects.get(pk=second.pk), "narrative")


def test_tampered_ciphertext_and_header_fail(make_case, personas):
    case = make_case()
    victim = Victim.objects.get(case=case)
    blob = bytearray(victim.name_enc)
    blob[-1] ^= 0x01  # one bit of the ciphertext
    Victim.objects.filter(pk=victim.pk).update(name_enc=bytes(blob))
    with pytest.raises(DecryptionError):
        case_identity(user=personas["documenter_ukr"], case=case, via="web")
    header = bytearray(victim.name_enc)
    header[20] ^= 0x01  # the key version in the header
    Victim.objects.filter(pk=victim.pk).update(name_enc=bytes(header))
    with pytest.raises(DecryptionError):
        crypto.unseal(Victim.objects.get(pk=victim.pk), "name")


def test_a_tampered_wrapped_data_key_fails(make_case, personas):
    case = make_case()
    key = DataKey.objects.get()
    wrapped = bytearray(key.wrapped_key)
    wrapped[-3] ^= 0xFF
    DataKey.objects.filter(pk=key.pk).update(wrapped_key=bytes(wrapped))
    crypto.clear_cache()
    with pytest.raises(DecryptionError):
        case_identity(user=personas["documenter_ukr"], case=case, via="web")


def test_each_organisation_has_its_own_data_key_and_ciphertexts_name_it(make_case):
    ukr, kgz = make_case("documenter_ukr"), make_case("documenter_kgz")
    keys = {k.organisation.slug: k for k in DataKey.objects.select_related("organisation")}
    assert set(keys) == {"alliance-ukr", "harm-reduction-kgz"}
    assert crypto.key_id_of(ukr.narrative_enc) == keys["alliance-ukr"].kid
    assert crypto.key_id_of(kgz.narrative_enc) == keys["harm-reduction-kgz"].kid
    assert keys["alliance-ukr"].wrapped_key != keys["harm-reduction-kgz"].wrapped_key


@pytest.mark.parametrize("typed", [CLIENT_CODE, "ол 1985 м", "OЛ-1985-M", " ол-1985-м "])
def test_blind_index_finds_a_client_code_by_exact_match(make_case, personas, typed):
    case = make_case()
    other = make_case()
    Victim.objects.filter(case=other).update(client_code_index=crypto.blind_index("ДРУГОЙ-КОД"))
    found = case_find_by_client_code(user=personas["documenter_ukr"], code=typed)
    assert [c.pk for c in found] == [case.pk]
    assert case_find_by_client_code(user=personas["documenter_ukr"], code="ОЛ-1985") == []
    # The index is a keyed hash: not the code, and not an unkeyed hash of it.
    index = Victim.objects.get(case=case).client_code_index
    import hashlib

    assert index != hashlib.sha256(b"OL1985M").hexdigest() and CLIENT_CODE not in index


def test_blind_index_search_stays_in_scope(make_case, personas):
    make_case("documenter_kgz")
    assert case_find_by_client_code(user=personas["documenter_ukr"], code=CLIENT_CODE) == []
    assert len(case_find_by_client_code(user=personas["documenter_kgz"], code=CLIENT_CODE)) == 1


def test_key_rotation_rewraps_data_keys_and_keeps_everything_readable(make_case, personas, settings, monkeypatch,
                                                                      tmp_path):
    old, new = _new_key(), _new_key()
    settings.MASTER_KEY = old
    crypto.clear_cache()
    cases = [make_case("documenter_ukr"), make_case("documenter_kgz")]
    before = {k.kid: (bytes(k.wrapped_key), k.master_key_id) for k in DataKey.objects.all()}
    old_fingerprint = crypto.parse_master_key(old).fingerprint

    # 1. The operator sets the new key; until the data keys are re-wrapped, the old one is read from the environment.
    settings.MASTER_KEY = new
    crypto.clear_cache()
    with pytest.raises(DecryptionError):
        case_identity(user=personas["documenter_ukr"], case=cases[0], via="web")
    monkeypatch.setenv("OBSERVATORY_MASTER_KEY_PREVIOUS", old)
    assert case_identity(user=personas["documenter_ukr"], case=cases[0], via="web").victim.name == NAME
    assert len(case_find_by_client_code(user=personas["documenter_ukr"], code=CLIENT_CODE)) == 1  # old index

    # 2. observatory keys rotate
    call_command("keys", "rotate")
    after = {k.kid: (bytes(k.wrapped_key), k.master_key_id) for k in DataKey.objects.all()}
    assert set(after) == set(before)
    for kid, (wrapped, master_id) in after.items():
        assert wrapped != before[kid][0]
        assert before[kid][1] == old_fingerprint and master_id == crypto.parse_master_key(new).fingerprint

    # 3. The old key is removed: the data, and client-code search, work with the new key alone.
    monkeypatch.delenv("OBSERVATORY_MASTER_KEY_PREVIOUS")
    crypto.clear_cache()
    assert case_identity(user=personas["documenter_kgz"], case=cases[1], via="web").victim.contact == CONTACT
    assert len(case_find_by_client_code(user=personas["documenter_ukr"], code=CLIENT_CODE)) == 1
    assert not Victim.objects.exclude(client_code_index_key=crypto.parse_master_key(new).fingerprint).exists()


def test_key_rotation_reads_the_old_key_from_a_file_and_refuses_without_it(make_case, personas, settings, tmp_path):
    from django.core.management.base import CommandError

    old, new = _new_key(), _new_key()
    settings.MASTER_KEY = old
    crypto.clear_cache()
    case = make_case()
    settings.MASTER_KEY = new
    crypto.clear_cache()
    with pytest.raises(CommandError, match="not given"):
        call_command("keys", "rotate")
    key_file = tmp_path / "old.key"
    key_file.write_text(old + "\n")
    call_command("keys", "rotate", "--old-key-file", str(key_file))
    crypto.clear_cache()
    assert case_identity(user=personas["documenter_ukr"], case=case, via="web").narrative == NARRATIVE


def test_new_data_key_versions_for_new_records_keep_old_records_readable(make_case, personas):
    first = make_case()
    call_command("keys", "rotate", "--new-data-keys")
    second = make_case()
    versions = sorted(DataKey.objects.filter(organisation__slug="alliance-ukr").values_list("version", flat=True))
    assert versions == [1, 2]
    assert crypto.key_id_of(first.narrative_enc) != crypto.key_id_of(second.narrative_enc)
    for case in (first, second):
        assert case_identity(user=personas["documenter_ukr"], case=case, via="web").narrative == NARRATIVE


def test_a_wrong_master_key_is_refused_at_use(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.MASTER_KEY = "too-short"
    with pytest.raises(ImproperlyConfigured):
        crypto.current_master_key()


def test_every_data_key_change_is_audited_with_the_change(make_case, settings, monkeypatch):
    from observatory.audit.models import AuditEntry

    old = _new_key()
    settings.MASTER_KEY = old
    crypto.clear_cache()
    make_case()
    created = AuditEntry.objects.filter(action="keys.create")
    assert created.count() == DataKey.objects.count() == 1
    assert created.get().actor_username == "(system)"  # the platform creates keys, never a user
    assert str(DataKey.objects.get().kid) == created.get().details["kid"]

    settings.MASTER_KEY = _new_key()
    monkeypatch.setenv("OBSERVATORY_MASTER_KEY_PREVIOUS", old)
    crypto.clear_cache()
    call_command("keys", "rotate", "--new-data-keys")
    assert AuditEntry.objects.filter(action="keys.rewrap").count() == 1
    reindexed = AuditEntry.objects.filter(action="keys.reindex").order_by("seq")
    # One batch of client-code indexes, one of linkage features (name, birth month).
    assert [sorted(e.details) for e in reindexed] == [["blind_indexes", "to"], ["linkage_indexes", "to"]]
    assert AuditEntry.objects.filter(action="keys.create").count() == DataKey.objects.count() == 2
    rotation = AuditEntry.objects.filter(action__startswith="keys.").order_by("seq")
    assert [e.action for e in rotation][-1] == "keys.rotate"  # the outcome, after each change's own entry


def test_a_data_key_written_without_its_audit_entry_is_rolled_back(organisations_for_keys, monkeypatch):
    from observatory.cases.services import keys

    def broken(**kwargs):
        raise RuntimeError("audit trail unavailable")

    monkeypatch.setattr(keys, "audit_record", broken)
    with pytest.raises(RuntimeError):
        keys.data_key_for(organisation=organisations_for_keys)
    assert not DataKey.objects.exists()


@pytest.fixture
def organisations_for_keys(orgs):
    return orgs["ukr"]

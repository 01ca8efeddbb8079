"""Key management: re-wrapping data keys under a new master key, and new data-key versions.

A master-key rotation runs while the site serves requests: each data key is
re-wrapped in its own short transaction, and until the last one is done the
site reads keys wrapped by the previous master key from
``OBSERVATORY_MASTER_KEY_PREVIOUS`` (or ``var/master.key.previous``). Client-code
blind indexes, whose key derives from the master key, are recomputed; searches
match the old index too until then. The procedure is in ``docs/security.md``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from observatory import access
from observatory.audit.services import audit_record
from observatory.cases import crypto
from observatory.cases.models import DataKey, Victim


@dataclass
class RotationResult:
    current: str
    rewrapped: int = 0
    already_current: int = 0
    reindexed: int = 0
    new_data_keys: int = 0
    unreadable: list[str] = field(default_factory=list)  # data-key ids whose master key was not given

    @property
    def ok(self) -> bool:
        return not self.unreadable


def keys_status() -> dict:
    """How many data keys each master key wraps, and how many blind indexes still use an old key."""
    current = crypto.current_master_key().fingerprint
    by_master = Counter(DataKey.objects.values_list("master_key_id", flat=True))
    stale_index = (Victim.objects.exclude(client_code_index="").exclude(client_code_index_key=current).count()
                   + Victim.objects.exclude(link_index_key="").exclude(link_index_key=current).count())
    return {"current_master_key": current, "data_keys_by_master_key": dict(by_master),
            "data_keys": sum(by_master.values()), "blind_indexes_to_recompute": stale_index}


def data_key_for(*, organisation=None, country=None) -> DataKey:
    """The newest data key of an organisation (or of a country's self-reports), created on first use.

    The platform creates keys, never a user: a documenter's first case triggers
    the creation, which is audited as SYSTEM.
    """
    key = DataKey.objects.filter(**crypto.data_key_owner(organisation=organisation, country=country)) \
        .order_by("-version").first()
    if key is not None:
        return key
    return data_key_create(actor=access.SYSTEM, organisation=organisation, country=country)


def data_key_create(*, actor, organisation=None, country=None) -> DataKey:
    """Add a new data key version for an owner (the first, or a new one when data keys are rotated).

    The key and its audit entry are written in one transaction. When another
    request created the same version first, theirs is returned and nothing is written.
    """
    owner = crypto.data_key_owner(organisation=organisation, country=country)
    latest = DataKey.objects.filter(**owner).order_by("-version").first()
    record = crypto.new_data_key(organisation=organisation, country=country,
                                 version=(latest.version + 1) if latest else 1)
    access.require(actor, access.Action.CREATE, record)
    try:
        with transaction.atomic():
            record.save()
            audit_record(actor=actor, action="keys.create", obj=record,
                         details={"kid": str(record.kid), "version": record.version,
                                  "owner": organisation.slug if organisation is not None else f"self-reports:{country.iso3}",
                                  "master_key": record.master_key_id})
    except IntegrityError:
        return DataKey.objects.filter(**owner).order_by("-version").first()
    return record


def _rewrap_one(pk: int, current: crypto.MasterKey, known: dict[str, crypto.MasterKey]) -> str:
    """Re-wrap one data key in its own transaction; returns 'rewrapped', 'current' or 'unreadable'."""
    with transaction.atomic():
        record = DataKey.objects.select_for_update().get(pk=pk)
        if record.master_key_id == current.fingerprint:
            return "current"
        old = known.get(record.master_key_id)
        if old is None:
            return "unreadable"
        dek = crypto.unwrap(bytes(record.wrapped_key), kid=record.kid, version=record.version, master=old)
        record.wrapped_key = crypto.wrap(dek, kid=record.kid, version=record.version, master=current)
        previous = record.master_key_id
        record.master_key_id = current.fingerprint
        record.rewrapped_at = timezone.now()
        record.save(update_fields=["wrapped_key", "master_key_id", "rewrapped_at"])
        audit_record(actor=access.SYSTEM, action="keys.rewrap", obj=record,
                     details={"kid": str(record.kid), "from": previous, "to": current.fingerprint})
    return "rewrapped"


def _reindex(current: crypto.MasterKey, batch: int = 500) -> int:
    done = 0
    while True:
        victims = list(Victim.objects.exclude(client_code_enc__isnull=True).exclude(client_code_index="")
                       .exclude(client_code_index_key=current.fingerprint).order_by("pk")[:batch])
        if not victims:
            return done
        keys = crypto.keys_for(*(v.client_code_enc for v in victims))
        with transaction.atomic():
            for victim in victims:
                code = crypto.unseal(victim, "client_code", keys=keys)
                victim.client_code_index = crypto.blind_index(code, master=current)
                victim.client_code_index_key = current.fingerprint
            Victim.objects.bulk_update(victims, ["client_code_index", "client_code_index_key"])
            audit_record(actor=access.SYSTEM, action="keys.reindex", object_type="cases.victim",
                         details={"to": current.fingerprint, "blind_indexes": len(victims)})
        done += len(victims)


def _relink(current: crypto.MasterKey, batch: int = 500) -> int:
    """Recompute the keyed linkage features made with an older master key (``cases.linkkeys``)."""
    from observatory.cases.linkkeys import link_keys

    fields = ["name_index", "name_sound_index", "birth_index", "link_index_key"]
    done = 0
    while True:
        victims = list(Victim.objects.exclude(link_index_key="").exclude(link_index_key=current.fingerprint)
                       .order_by("pk")[:batch])
        if not victims:
            return done
        keys = crypto.keys_for(*(v.name_enc for v in victims), *(v.date_of_birth_enc for v in victims))
        with transaction.atomic():
            for victim in victims:
                made = link_keys(name=crypto.unseal(victim, "name", keys=keys),
                                 date_of_birth=crypto.unseal(victim, "date_of_birth", keys=keys), master=current)
                for name in fields:
                    setattr(victim, name, made[name])
            Victim.objects.bulk_update(victims, fields)
            audit_record(actor=access.SYSTEM, action="keys.reindex", object_type="cases.victim",
                         details={"to": current.fingerprint, "linkage_indexes": len(victims)})
        done += len(victims)


def keys_rotate(*, old_keys: list[crypto.MasterKey] = (), new_data_keys: bool = False) -> RotationResult:
    """Re-wrap every data key under the current master key and recompute the blind indexes.

    ``old_keys`` are master keys the data keys may still be wrapped with (besides
    those in the environment or ``var/master.key.previous``). Data keys whose
    master key is unknown are listed in ``unreadable`` and left as they are.
    With ``new_data_keys``, every owner also gets a new data-key version for
    new writes (older versions stay to read older records).
    """
    current = crypto.current_master_key()
    for key in old_keys:
        crypto.add_previous_master_key(key)
    known = {k.fingerprint: k for k in [*crypto.previous_master_keys(), *old_keys]}
    result = RotationResult(current=current.fingerprint)
    for pk, kid in DataKey.objects.order_by("pk").values_list("pk", "kid"):
        outcome = _rewrap_one(pk, current, known)
        if outcome == "rewrapped":
            result.rewrapped += 1
        elif outcome == "current":
            result.already_current += 1
        else:
            result.unreadable.append(str(kid))
    if not result.unreadable:
        result.reindexed = _reindex(current) + _relink(current)
    if new_data_keys and not result.unreadable:
        owners = set(DataKey.objects.values_list("organisation_id", "country_id"))
        from observatory.accounts.models import Organisation
        from observatory.countries.models import Country

        for organisation_id, country_id in sorted(owners, key=str):
            if organisation_id:
                data_key_create(actor=access.SYSTEM, organisation=Organisation.objects.get(pk=organisation_id))
            else:
                data_key_create(actor=access.SYSTEM, country=Country.objects.get(pk=country_id))
            result.new_data_keys += 1
    # Each re-wrapped key, batch of blind indexes and new key has its entry in its own transaction
    # (written above); this one records the rotation's outcome as the operator saw it.
    with transaction.atomic():
        audit_record(actor=access.SYSTEM, action="keys.rotate", object_type="cases.datakey",
                     details={"to": current.fingerprint, "rewrapped": result.rewrapped,
                              "reindexed": result.reindexed, "new_data_keys": result.new_data_keys,
                              "unreadable": len(result.unreadable)})
    return result

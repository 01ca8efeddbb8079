"""Start keyed hashing: append one keyed entry after the unkeyed ones.

From here on every entry is keyed with the audit key, and ``audit verify`` refuses
a trail whose newest entry is unkeyed, so rewriting the whole trail in the old,
unkeyed scheme is caught. A new, empty trail gets no entry: its first is keyed.
"""

from django.conf import settings
from django.db import migrations
from django.utils import timezone

from observatory.audit import chain


def append_keyed_entry(apps, schema_editor):
    AuditEntry = apps.get_model("audit", "AuditEntry")
    last = AuditEntry.objects.order_by("-seq").first()
    if last is None or last.scheme == chain.HMAC_SHA256:
        return
    entry = AuditEntry(
        seq=last.seq + 1,
        created_at=timezone.now(),
        actor_id=None,
        actor_username="(system)",
        action="audit.chain.keyed",
        object_type="audit.auditentry",
        object_id=str(last.seq + 1),
        object_repr="",
        details={"unkeyed_entries": last.seq, "scheme": chain.HMAC_SHA256},
        prev_hash=last.hash,
        scheme=chain.HMAC_SHA256,
    )
    fields = {
        "seq": entry.seq,
        "created_at": entry.created_at.isoformat(timespec="microseconds"),
        "actor_id": entry.actor_id,
        "actor_username": entry.actor_username,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "object_repr": entry.object_repr,
        "details": entry.details,
        "prev_hash": entry.prev_hash,
    }
    entry.hash = chain.digest(chain.HMAC_SHA256, chain.canonical(fields), chain.decode_key(settings.AUDIT_KEY))
    entry.save()


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_entry_scheme")]

    operations = [migrations.RunPython(append_keyed_entry, migrations.RunPython.noop)]

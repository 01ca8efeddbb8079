"""The append-only, keyed hash chain of the audit trail.

Every entry stores who did what to which object and when, plus the hash of
the previous entry, so that altering or deleting any row breaks the chain and
``observatory audit verify`` names the first broken entry. Hashes are keyed
(``chain.HMAC_SHA256``) with a key kept outside the database, and signed
checkpoints kept outside it too catch the removal of the latest entries
(``observatory/audit/checkpoints.py``).

Entries never hold identifying data about people in case records: ``details``
lists which *fields* were read, never their values.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from observatory.audit import chain

GENESIS_HASH = "0" * 64


class AuditEntry(models.Model):
    seq = models.BigIntegerField(unique=True, editable=False)
    created_at = models.DateTimeField(editable=False, db_index=True)
    actor_id = models.BigIntegerField(null=True, blank=True, editable=False)
    actor_username = models.CharField(max_length=150, blank=True, editable=False)
    action = models.CharField(max_length=64, db_index=True, editable=False)
    object_type = models.CharField(max_length=64, blank=True, editable=False)
    object_id = models.CharField(max_length=64, blank=True, editable=False)
    object_repr = models.CharField(max_length=200, blank=True, editable=False)
    details = models.JSONField(default=dict, blank=True, editable=False)
    prev_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False)
    # Entries written before keyed hashing keep "sha256"; new ones are "hmac-sha256".
    scheme = models.CharField(max_length=16, default=chain.SHA256, editable=False)

    class Meta:
        ordering = ["seq"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id} by {self.actor_username or '-'}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("Audit entries are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Audit entries are append-only.")

    def payload(self) -> bytes:
        # The scheme is not in the hashed fields: a plain entry's hash must stay what it was.
        # Swapping the scheme column is caught instead by the downgrade rule and by the key.
        return chain.canonical(
            {
                "seq": self.seq,
                "created_at": self.created_at.isoformat(timespec="microseconds"),
                "actor_id": self.actor_id,
                "actor_username": self.actor_username,
                "action": self.action,
                "object_type": self.object_type,
                "object_id": self.object_id,
                "object_repr": self.object_repr,
                "details": self.details,
                "prev_hash": self.prev_hash,
            }
        )

    def compute_hash(self, key: bytes | None = None) -> str:
        return chain.digest(self.scheme, self.payload(), key)

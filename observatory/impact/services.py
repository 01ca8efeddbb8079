"""Publishing an impact finding for a country's brief."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from observatory import access
from observatory.audit.services import audit_record
from observatory.impact.models import PublishedFinding


@transaction.atomic
def finding_publish(*, actor, country, event_slug: str, indicator_code: str, family: str = "",
                    slope_change: bool = False, hac_lags: int | None = None) -> PublishedFinding:
    """Publish the analysis for ``country``'s brief, withdrawing the one published before (audited)."""
    finding = PublishedFinding(country=country, event_slug=event_slug, indicator_code=indicator_code,
                               family=family or "", slope_change=slope_change, hac_lags=hac_lags,
                               published_by=actor.get_username())
    access.require(actor, access.Action.CREATE, finding)
    now = timezone.now()
    PublishedFinding.objects.filter(country=country, withdrawn_at__isnull=True).update(withdrawn_at=now)
    finding.save()
    audit_record(actor=actor, action="impact.publish", obj=finding,
                 details={"country": country.iso3, "event": event_slug, "indicator": indicator_code})
    return finding

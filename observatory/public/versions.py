"""What a cached country page shows beyond the indicator data, summed up in one token read by one query."""

from __future__ import annotations

import hashlib

from django.db import connection


def records_version() -> str:
    """Changes when the advocacy log or the human rights records change (a row added, changed or removed).

    One statement of scalar subqueries (count and latest change of each table), so that a page served
    from the cache costs one query for all of them.
    """
    from observatory.advocacy.models import AdvocacyAction
    from observatory.rights.models import Alternative, Assessment, CourtCase, Recommendation

    parts = []
    for model, latest in ((AdvocacyAction, "updated_at"), (Recommendation, "updated_at"), (CourtCase, "updated_at"),
                          (Alternative, "updated_at"), (Assessment, "id")):
        table = connection.ops.quote_name(model._meta.db_table)
        column = connection.ops.quote_name(latest)
        parts += [f"(SELECT COUNT(*) FROM {table})", f"(SELECT MAX({column}) FROM {table})"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        row = cursor.fetchone()
    return hashlib.sha256(repr(row).encode()).hexdigest()[:16]

"""Writing the network's members (each write checks the access policy and is audited in its transaction).

Contacts and an individual's name are encrypted before they reach the database,
and never appear in the audit trail or an error report.
"""

from observatory.network.services.applications import ApplicationData, application_decide, application_submit
from observatory.network.services.exports import members_export
from observatory.network.services.imports import COLUMNS, MemberImportResult, RowIssue, email_index, members_import
from observatory.network.services.members import (
    MANAGED_STATUSES,
    MemberChange,
    member_status_change,
    member_update,
)

__all__ = ["COLUMNS", "MANAGED_STATUSES", "ApplicationData", "MemberChange", "MemberImportResult", "RowIssue",
           "application_decide", "application_submit", "email_index", "member_status_change", "member_update",
           "members_export", "members_import"]

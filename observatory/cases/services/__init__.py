"""Writes to the violations registry. Views, the API, commands and imports all call these services."""

from observatory.cases.services.attachments import attachment_add
from observatory.cases.services.cases import (
    case_close,
    case_create,
    case_reject,
    case_reopen,
    case_submit,
    case_update,
    case_validate,
    case_verify,
)
from observatory.cases.services.common import ActData, CaseData, Consent, VictimData
from observatory.cases.services.responses import ResponseData, response_create, response_update
from observatory.cases.services.self_reports import self_report_create, self_report_status
from observatory.cases.services.vocabularies import term_save, vocabularies_load

__all__ = [
    "ActData", "CaseData", "Consent", "ResponseData", "VictimData", "attachment_add", "case_close", "case_create",
    "case_reject", "case_reopen", "case_submit", "case_update", "case_validate", "case_verify", "response_create",
    "response_update", "self_report_create", "self_report_status", "term_save", "vocabularies_load",
]

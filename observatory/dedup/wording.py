"""Names of the compared fields and of the agreements, in the reader's language."""

from django.utils.translation import gettext_lazy as _

FIELD_LABELS = {
    "name": _("Name"), "birth": _("Birth month"), "client_code": _("Client code"), "sex": _("Sex"),
    "age_group": _("Age group"), "occurred": _("Date of the event"), "place": _("Place"),
    "violations": _("Violation types"),
}
AGREEMENT_LABELS = {
    "same": _("same"), "close": _("similar"), "different": _("different"), "missing": _("not recorded in both"),
}
METHOD_LABELS = {"model": _("linkage model"), "rule": _("matching rule (too few cases for the model)")}

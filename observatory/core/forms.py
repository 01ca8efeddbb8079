"""A service's verdict shown on the form the user filled in.

Forms check the shape of the input; services decide what is valid and raise a
``ValidationError`` keyed by their own field names. :func:`add_service_errors`
puts each message where the user looks for it.
"""

from __future__ import annotations

from collections.abc import Mapping

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def date_or_none(text: str | None):
    """A query parameter written YYYY-MM-DD as a date; ``None`` when empty or not a date (a filter left off)."""
    import datetime

    try:
        return datetime.date.fromisoformat(text or "")
    except ValueError:
        return None


def add_service_errors(form: forms.Form, error: ValidationError, *, formset: forms.BaseFormSet | None = None,
                       field_for: Mapping[str, str] | None = None) -> list[str]:
    """Show a service's ``ValidationError`` on ``form``; return the messages about ``formset`` as a whole.

    A message keyed by a field of ``form`` goes on that field; any other message (an
    error without keys, ``__all__``, a key the form has no field for) goes at the top
    of the form. ``field_for`` maps a service's key to the form field that shows it
    (``{"victim.name": "victim_name"}``). With ``formset``, a key
    ``<prefix>.<n>.<field>`` (``acts.1.violation``) goes on that field of the formset's
    form ``n`` (at the top of that form when it has no such field), and the messages
    keyed by the bare prefix (``sources``) are returned for the page to show beside
    the formset. Messages keep their text.
    """
    by_key = error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
    field_for = field_for or {}
    formset_messages: list[str] = []
    for key, messages in by_key.items():
        if formset is not None and key == formset.prefix:
            formset_messages.extend(messages)
            continue
        target, name = _formset_field(formset, key) or (form, field_for.get(key, key))
        for message in messages:
            target.add_error(name if name in target.fields else None, message)
    return formset_messages


def _formset_field(formset: forms.BaseFormSet | None, key: str) -> tuple[forms.Form, str] | None:
    """The form of ``formset`` and the field a key ``<prefix>.<n>.<field>`` names, or None."""
    if formset is None:
        return None
    prefix, _, rest = key.partition(".")
    index, _, name = rest.partition(".")
    if prefix != formset.prefix or not index.isdigit() or int(index) >= len(formset.forms):
        return None
    return formset.forms[int(index)], name

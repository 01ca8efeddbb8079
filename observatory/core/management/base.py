"""Shared plumbing for the project's commands: readable errors instead of tracebacks."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError


def validation_message(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
    return " ".join(error.messages)


def run_service(func, **kwargs):
    """Call a service and turn its validation or permission errors into a ``CommandError``."""
    try:
        return func(**kwargs)
    except ValidationError as error:
        raise CommandError(validation_message(error)) from None
    except PermissionDenied:
        raise CommandError("Not allowed.") from None

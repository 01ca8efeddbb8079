"""Background email: a message is queued with the change that causes it and sent by the worker.

A slow or unreachable mail server never holds up a page; a failed send is retried by queueing again
and shows in the worker's log (recipients are not logged).
"""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.tasks import task


class EmailFailed(Exception):
    """Sending failed; only the kind of error is kept (a mail server's message may name the recipient)."""


@task()
def email_task(*, subject: str, body: str, to: list[str], reply_to: list[str] | None = None) -> int:
    try:
        return EmailMessage(subject=subject, body=body, to=to, reply_to=reply_to or None).send()
    except Exception as error:
        raise EmailFailed(type(error).__name__) from None


def email_later(*, subject: str, body: str, to: list[str], reply_to: list[str] | None = None):
    """Queue one plain-text message (in the caller's transaction with the database backend)."""
    return email_task.enqueue(subject=str(subject), body=str(body), to=list(to), reply_to=list(reply_to or []))

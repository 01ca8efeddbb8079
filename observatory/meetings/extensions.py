"""Links other capabilities add to a meeting's pages, without the meetings app importing them.

The training app, for one, adds the pre- and post-tests and the feedback survey to a participant's private
page, and the test results to the organisers' pages. A provider is called with the registration (or the
meeting) and returns ``[{"label": ..., "url": ...}]``.
"""

from __future__ import annotations

from collections.abc import Callable

_PARTICIPANT: list[Callable] = []
_ORGANISER: list[Callable] = []


def register_participant_links(provider: Callable) -> None:
    if provider not in _PARTICIPANT:
        _PARTICIPANT.append(provider)


def register_organiser_links(provider: Callable) -> None:
    if provider not in _ORGANISER:
        _ORGANISER.append(provider)


def participant_links(registration, token: str) -> list[dict]:
    return [link for provider in _PARTICIPANT for link in provider(registration, token)]


def organiser_links(meeting) -> list[dict]:
    return [link for provider in _ORGANISER for link in provider(meeting)]

"""The signed-in menu: each app registers its staff pages with the model and action that open them.

An entry is shown when the access policy lets the reader do that action to some record of the model,
so the menu follows the same rules as the pages (no role is named here or in a template).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from observatory import access


@dataclass(frozen=True)
class MenuEntry:
    label: object  # a lazy translation
    url_name: str
    model: type
    action: str
    order: int


_ENTRIES: dict[str, MenuEntry] = {}


def register_menu_entry(*, label, url_name: str, model, action: str = "view", order: int = 100) -> None:
    _ENTRIES[url_name] = MenuEntry(label=label, url_name=url_name, model=model, action=action, order=order)


def menu_for(user) -> list[dict]:
    """The entries ``user`` may open, in order, as ``{"label", "url"}``."""
    shown = []
    for entry in sorted(_ENTRIES.values(), key=lambda e: (e.order, e.url_name)):
        if access.policy_for(entry.model).allows_any(user, entry.action):
            shown.append({"label": entry.label, "url": reverse(entry.url_name)})
    return shown

"""Navigation by role, assembled from each page area's `nav.py`.

An area lists `NAV_ITEMS`: the pages it offers, whom to, and a line for the home page.
Features not yet built have no entry, so nobody is shown a page that does nothing.
"""

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

# Page areas, in the order their entries appear.
AREAS = [
    "people",
    "assistance",
    "platform",
    "jobfairs",
    "stats",
    "accounts",
]


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    allowed: Callable[[object], bool]
    description: str = ""
    icon: str = ""

    @property
    def url(self) -> str:
        return reverse(self.url_name)


def all_items() -> list[NavItem]:
    items: list[NavItem] = []
    for area in AREAS:
        try:
            module = importlib.import_module(f"jiuye.web.{area}.nav")
        except ModuleNotFoundError as exc:
            if exc.name != f"jiuye.web.{area}.nav" and exc.name != f"jiuye.web.{area}":
                raise
            continue
        items.extend(module.NAV_ITEMS)
    return items


def items_for(user) -> list[NavItem]:
    return [item for item in all_items() if item.allowed(user)]

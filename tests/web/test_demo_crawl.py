"""Every role walks the demo city the way a person would: it logs in, opens its home page
and follows the links the pages show it, in Chinese and in English.

What a person must never meet: a server error; a link that leads to a page they may not
see or that is not there (a page offers only what its reader can use); a page in Chinese
that shows a message id, a template variable that was not filled in, or English; a form
that answers an empty submission with a server error.

The walk is breadth-first from the home page and visits at most `PER_ROUTE` addresses of
each route (the third person's page teaches nothing the first two did not), so it covers
every page a role can reach without visiting thousands of people.
"""

import random
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from jiuye.accounts.models import User
from jiuye.demo.management.commands.seed_demo import steps

pytestmark = pytest.mark.django_db(transaction=False)

DEMO_LOGINS = ["admin", "city", "county", "township", "village", "employer", "seeker", "trainer"]
PER_ROUTE = 2
MAX_PAGES = 400
# Routes a crawler must not follow: they end the session, write, or hand out files whose
# reading is audited (exports, reveals) and which other tests check on purpose.
SKIP_ROUTES = {"logout", "set_language"}
SKIP_PREFIXES = ("/admin/", "/api/", "/static/", "/media/", "/i18n/")
FILE_TYPES = ("application/vnd.openxmlformats", "text/csv", "application/pdf", "image/")


class _Links(HTMLParser):
    """The links of a page, and where its forms and buttons post to."""

    def __init__(self, path: str):
        super().__init__()
        self.path = path
        self.links: list[str] = []
        self.posts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.posts.append(urlsplit(attrs.get("action") or self.path).path)
        elif attrs.get("hx-post"):
            self.posts.append(urlsplit(attrs["hx-post"]).path)


def _links(html: str, path: str = "/") -> _Links:
    parser = _Links(path)
    parser.feed(html)
    return parser


def _route(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


@pytest.fixture(scope="module")
def demo_city(django_db_setup, django_db_blocker):
    """The whole demo city, built once for this module by the same steps `make demo` runs,
    on the slice of real divisions the other tests use."""
    from importlib import import_module

    from django.db import transaction

    from jiuye.geo.services import upsert_regions
    from jiuye.occupations.services import load_occupations
    from tests.conftest import _restore_data_migration_rows, _test_region_rows

    with django_db_blocker.unblock(), transaction.atomic():
        upsert_regions(_test_region_rows())
        load_occupations()
        _restore_data_migration_rows()
        for step in steps():
            import_module(step).run(random.Random(f"4512:{step}"))
        yield
        transaction.set_rollback(True)


def _walk(client: Client, language: str, start: str = "/", posts: set | None = None):
    """(visited {path: status}, problems met); the paths the pages' forms post to are
    added to `posts`."""
    seen_per_route: dict[str, int] = {}
    visited: dict[str, int] = {}
    broken: list[str] = []
    queue = deque([(start, "(start)")])
    while queue and len(visited) < MAX_PAGES:
        url, found_on = queue.popleft()
        path = urldefrag(url)[0]
        parts = urlsplit(path)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        if path in visited or parts.path.startswith(SKIP_PREFIXES):
            continue
        route = _route(parts.path)
        if route is None:
            broken.append(f"{path} (linked from {found_on}): no such page")
            visited[path] = 404
            continue
        if route.split(":")[-1] in SKIP_ROUTES or "export" in route or "reveal" in route:
            continue
        if seen_per_route.get(route, 0) >= PER_ROUTE:
            continue
        seen_per_route[route] = seen_per_route.get(route, 0) + 1
        response = client.get(path, follow=True)
        visited[path] = response.status_code
        if response.status_code != 200:
            broken.append(f"{path} (linked from {found_on}): {response.status_code}")
            continue
        content_type = response.get("Content-Type", "")
        if content_type.startswith(FILE_TYPES) or "html" not in content_type:
            continue
        html = response.content.decode()
        for problem in _page_problems(html, language):
            broken.append(f"{path}: {problem}")
        found = _links(html, parts.path)
        queue.extend((link, path) for link in found.links)
        if posts is not None:
            posts.update(found.posts)
    return visited, broken


# A message id left untranslated or a template variable the test settings mark as missing.
_MISSING = re.compile(r"MISSING-VARIABLE|\{\{|\{%|%\(\w+\)s")


# Scripts, styles, and what a page marks as English on purpose (the report's English
# version beside its Chinese one), then every tag.
_TAGS = re.compile(
    r"<(script|style)\b.*?</\1>|<(\w+)\b[^>]*\blang=\"en\"[^>]*>.*?</\2>|<[^>]+>", re.S
)
_ENGLISH = re.compile(r"\b[A-Za-z]{2,}(?:[ ,'’-]+[A-Za-z]{2,}){2,}")


def _english_in(html: str) -> list[str]:
    """Runs of three or more English words in a page's text: a string left untranslated."""
    text = _TAGS.sub(" ", html)
    return _ENGLISH.findall(text)


def _page_problems(html: str, language: str) -> list[str]:
    problems = []
    if language == "zh-hans":
        problems += [f"English on a Chinese page: {words!r}" for words in _english_in(html)]
    for match in _MISSING.finditer(html):
        start = max(0, match.start() - 60)
        problems.append(f"unrendered text near {html[start : match.end() + 20]!r}")
    return problems


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("login", DEMO_LOGINS)
def test_every_role_walks_the_demo_city_without_a_dead_end(demo_city, login, language):
    client = Client(HTTP_ACCEPT_LANGUAGE=language, raise_request_exception=False)
    client.cookies["django_language"] = language
    client.force_login(User.objects.get(username=login))
    posts: set[str] = set()
    visited, broken = _walk(client, language, posts=posts)
    assert len(visited) > 3, f"{login} reached only {sorted(visited)}"
    assert not broken, f"{login} ({language}) met:\n" + "\n".join(broken)
    if language == "en":
        # Bad input gets an answer, never a server error: every form the walk met, sent
        # empty (after the walk: a post may change what the pages show).
        failed = []
        for path in sorted(posts - {"/accounts/logout/", "/i18n/setlang/"}):
            response = client.post(path, {})
            if response.status_code >= 500:
                failed.append(f"POST {path}: {response.status_code}")
        assert posts and not failed, f"{login}: " + "; ".join(failed)

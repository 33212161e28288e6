"""Reads for the public job board: search by keyword (characters or pinyin), area, occupation
group, wage, employment type and freshness; relevance, then freshness.

Keyword terms are matched as substrings of the stored `search_text` (normalised title,
occupation and employer name) or, for Latin letters, of `pinyin_keys` (厨师 -> "chushi cs").
On PostgreSQL those LIKE '%term%' filters use the pg_trgm GIN indexes of migration 0002;
the area filter by county uses the partial index (county_code, posted_on desc, id desc).
Pagination fetches one row more than a page instead of counting: counting every match of a
city-wide query costs more than the page itself.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import BooleanField, Case, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.utils import timezone

from jiuye.occupations.models import group_prefix
from jiuye.vacancies.models import Vacancy
from jiuye.vacancies.search_text import cjk_bigrams, normalise

PAGE_SIZE = 20
_PINYIN = re.compile(r"^[a-z]+$")
_CJK = re.compile(r"^[\u3400-\u9fff]{2,}$")


def _grams_match(tsquery: str) -> RawSQL:
    # The same expression as the GIN index of migration 0005, so PostgreSQL uses it.
    return RawSQL(
        "to_tsvector('simple'::regconfig, search_grams) @@ to_tsquery('simple'::regconfig, %s)",
        [tsquery],
        output_field=BooleanField(),
    )


def _term_filter(qs, term: str, grams: list[str]):
    """Narrow to vacancies containing the term. On PostgreSQL, a Chinese term of two or more
    characters becomes a phrase of its bigrams and a pinyin term a token prefix, added to
    `grams` for one GIN lookup; the LIKE filter keeps a Chinese term's meaning exact."""
    postgres = connection.vendor == "postgresql"
    if _PINYIN.match(term):
        if postgres:
            grams.append(f"{term}:*")
            return qs
        return qs.filter(Q(pinyin_keys__contains=term) | Q(search_text__contains=term))
    if postgres and _CJK.match(term):
        grams.append("(" + " <-> ".join(cjk_bigrams(term)) + ")")
    return qs.filter(search_text__contains=term)


@dataclass
class BoardQuery:
    q: str = ""
    area: str = ""  # a region code: results lie inside it
    near: str = ""  # a home region code: results in its city, nearest first
    occupation: str = ""  # an occupation group code such as 4-03-00-00
    min_wage: int | None = None
    employment_type: str = ""
    posted_within_days: int | None = None
    page: int = 1


@dataclass
class BoardPage:
    vacancies: list = field(default_factory=list)
    page: int = 1
    has_next: bool = False

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def keyword_terms(q: str) -> list[str]:
    return [t for t in normalise(q).split() if t][:5]


def _nearest_first(qs, near: str, order: list[str], start: int, wanted: int) -> list:
    """Rows by distance from the home area: its township, then the rest of its county, then
    the rest of its city; within each ring in the board's order. Each ring is one indexed
    query, so a city of 150,000 vacancies is never sorted as a whole."""
    rings = [n for n in (9, 6, 4) if len(near) >= n]
    rows: list = []
    inner = ""
    for length in rings:
        prefix = near[:length]
        ring = (
            qs.filter(county_code=prefix)
            if length == 6
            else qs.filter(region__code__startswith=prefix)
        )
        if inner:
            ring = ring.exclude(region__code__startswith=inner)
        inner = prefix
        if start:
            size = ring.count()
            if start >= size:
                start -= size
                continue
        rows += list(ring.order_by(*order)[start : start + wanted - len(rows)])
        start = 0
        if len(rows) >= wanted:
            break
    return rows


def search_board(query: BoardQuery, *, today: datetime.date | None = None) -> BoardPage:
    today = today or timezone.localdate()
    qs = Vacancy.objects.public().select_related("employer", "region")
    terms = keyword_terms(query.q)
    relevance = []
    grams: list[str] = []
    for term in terms:
        qs = _term_filter(qs, term, grams)
        if _PINYIN.match(term):
            relevance.append(When(pinyin_keys__startswith=term, then=Value(3)))
            relevance.append(When(pinyin_keys__contains=f" {term}", then=Value(2)))
        else:
            relevance.append(When(title__startswith=term, then=Value(3)))
            relevance.append(When(title__contains=term, then=Value(1)))
    area = query.area.strip()
    if grams:
        if len(area) in (4, 6, 9):
            grams.append(f"a{area}")
        qs = qs.filter(_grams_match(" & ".join(grams)))
    if len(area) == 6:
        qs = qs.filter(county_code=area)
    elif area:
        qs = qs.filter(region__code__startswith=area)
    if query.occupation:
        qs = qs.filter(occupation_code__startswith=group_prefix(query.occupation))
    if query.min_wage:
        qs = qs.filter(wage_max__gte=query.min_wage)
    if query.employment_type:
        qs = qs.filter(employment_type=query.employment_type)
    if query.posted_within_days:
        qs = qs.filter(posted_on__gte=today - datetime.timedelta(days=query.posted_within_days))
    order = ["-posted_on", "-id"]
    if relevance:
        qs = qs.annotate(relevance=Case(*relevance, default=Value(0), output_field=IntegerField()))
        order = ["-relevance", *order]
    page = max(1, query.page)
    start = (page - 1) * PAGE_SIZE
    near = query.near.strip()
    if near and len(near) >= 6:
        rows = _nearest_first(qs, near, order, start, PAGE_SIZE + 1)
    else:
        rows = list(qs.order_by(*order)[start : start + PAGE_SIZE + 1])
    return BoardPage(vacancies=rows[:PAGE_SIZE], page=page, has_next=len(rows) > PAGE_SIZE)

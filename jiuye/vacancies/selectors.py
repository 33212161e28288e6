"""Reads for the public job board: search by keyword (characters or pinyin), area, occupation
group, wage, employment type and freshness; ordered by relevance, then newest first.

Three ways to the rows, each giving them in board order without sorting a whole city:
- one keyword, with no area, a city or a county: the keyword postings
  (`vacancies.search_terms`), read rank by rank, newest first, through the covering index
  (term, rank, posted_on, vacancy), which carries the other filters too; matches only in
  the employer's name come last, through the employers table;
- several keywords, a keyword postings cannot serve (one character, one pinyin syllable),
  or a keyword in a township: the text. On PostgreSQL a GIN index over
  `to_tsvector('simple', search_grams)` (migration 0005) finds Chinese bigram phrases, pinyin
  token prefixes and the area in one lookup; on SQLite substrings (LIKE);
- no keyword: the partial index (county_code, posted_on desc, id desc) or (posted_on desc,
  id desc) among live vacancies, in board order; "near my home area" one ring at a time.

Every page says how many vacancies match, capped at COUNT_CAP ("more than 1,000"): exactly
(index-only ranges of the postings; the area terms such as `*451228` count an area), or
"about" for a longer word (its rarest pair's count) or when employer-name matches are left
uncounted beside hundreds of others.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import BooleanField, Case, Count, IntegerField, Q, Value, When, Window
from django.db.models.expressions import RawSQL
from django.utils import timezone

from jiuye.employers.models import Employer
from jiuye.occupations.models import Occupation, group_prefix
from jiuye.vacancies.enums import CONFIRMATION_DAYS
from jiuye.vacancies.models import Vacancy, VacancyTerm
from jiuye.vacancies.search_terms import (
    CJK_RANKS,
    EVERY_VACANCY,
    PINYIN_RANKS,
    PINYIN_TERM,
    driving_term,
    term_pairs,
)
from jiuye.vacancies.search_text import cjk_bigrams, normalise

PAGE_SIZE = 20
COUNT_CAP = 1000
# Matches only in the employer's name are counted when the other matches are this few, up
# to ELSEWHERE_COUNT_CAP (then the page says "more than"): each is a vacancy row read.
ELSEWHERE_COUNTED_UP_TO = 500
ELSEWHERE_COUNT_CAP = 200
# Postings serve a keyword within an area code this long or shorter (city, county); in a
# township the text lookup, which holds the area as a token, is narrower.
POSTINGS_MAX_AREA = 6
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
    if PINYIN_TERM.match(term):
        if postgres:
            grams.append(f"{term}:*")
            return qs
        return qs.filter(Q(pinyin_keys__contains=term) | Q(search_text__contains=term))
    if postgres and _CJK.match(term):
        grams.append("(" + " <-> ".join(cjk_bigrams(term)) + ")")
    return qs.filter(search_text__contains=term)


def _text_match(qs, terms: list[str], area: str):
    grams: list[str] = []
    for term in terms:
        qs = _term_filter(qs, term, grams)
    if grams:
        if len(area) in (4, 6, 9):
            grams.append(f"a{area}")
        qs = qs.filter(_grams_match(" & ".join(grams)))
    return qs


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
    total: int = 0  # how many vacancies match: exact, "about" or "more than"
    total_exact: bool = True
    total_capped: bool = False  # more than `total` match

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def keyword_terms(q: str) -> list[str]:
    return [t for t in normalise(q).split() if t][:5]


def _capped_count(qs, already: int = 0) -> int:
    return qs[: COUNT_CAP + 1 - already].count() if already <= COUNT_CAP else 0


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


def _rank_tiers(term: str) -> list[tuple[int, Q]]:
    """The relevance ranks of a one-term query, highest first, each with the condition on
    the vacancy that gives a match that rank (the rule `search_terms.term_rank` stores)."""
    if PINYIN_TERM.match(term):
        starts = Q(pinyin_keys__startswith=term)
        later = Q(pinyin_keys__contains=f" {term}")
        anywhere = Q(pinyin_keys__contains=term) | Q(search_text__contains=term)
        return [(3, starts), (2, ~starts & later), (0, ~starts & ~later & anywhere)]
    starts, inside = Q(title__startswith=term), Q(title__contains=term)
    return [(3, starts), (1, ~starts & inside), (0, ~inside & Q(search_text__contains=term))]


def _posting_filters(query: BoardQuery, today: datetime.date, area: str) -> Q:
    """The board's filters on the copies a posting carries (see `_filtered`); an area below
    a county is checked on the vacancy."""
    now = timezone.now()
    condition = Q(
        valid_until__gte=today,
        confirmed_at__gte=now - datetime.timedelta(days=CONFIRMATION_DAYS),
    )
    if len(area) == 6:
        condition &= Q(county_code=area)
    elif len(area) > 6:
        condition &= Q(county_code=area[:6], vacancy__region__code__startswith=area)
    elif area:
        condition &= Q(county_code__startswith=area)
    if query.occupation:
        condition &= Q(occupation_code__startswith=group_prefix(query.occupation))
    if query.min_wage:
        condition &= Q(wage_max__gte=query.min_wage)
    if query.employment_type:
        condition &= Q(employment_type=query.employment_type)
    if query.posted_within_days:
        condition &= Q(posted_on__gte=today - datetime.timedelta(days=query.posted_within_days))
    return condition


def _walks(postings, term: str, drive: str, exact: bool) -> tuple[dict, int | None]:
    """For each query rank, the (posting term, stored ranks) ranges holding its matches;
    and for a longer word, the size of its rarest pair's postings.

    When the driving term is the query term, a posting's rank is the query's. Otherwise
    (服务员 is found through 服务 and 务员) the top rank, the title starting with the word,
    lies among the first pair's rank-3 postings; the other ranks are read from the rarest
    pair's postings (fewest to check against the word itself), at every stored rank that can
    hold them: a later pair's rank says little about the word's."""
    pinyin = bool(PINYIN_TERM.match(term))
    ranks = PINYIN_RANKS if pinyin else CJK_RANKS
    if exact:
        return {rank: [(drive, [rank])] for rank in ranks}, None
    pairs = term_pairs(term)[:4]
    in_titles = postings if pinyin else postings.filter(rank__gte=1)
    sizes = {pair: _capped_count(in_titles.filter(term=pair)) for pair in pairs}
    rarest = min(pairs, key=lambda pair: (sizes[pair], pair))
    walks = {rank: [(rarest, list(ranks))] for rank in ranks}
    walks[3] = [(drive, [3])]
    if not pinyin:  # a word in the title puts each of its pairs there: stored rank 3 or 1
        walks[1] = [(rarest, [3, 1])]
    return walks, sizes[rarest]


def _by_postings(postings, vacancies, term: str, drive: str, exact: bool, needed: int):
    """The (posted_on, id) of the first `needed` matches in board order, the number of
    matches, whether it is exact, and whether it is only a floor.

    Each (query rank, posting term, stored rank) is one index range of the postings, walked
    newest first (`_walks`); unless the posting term is the word itself, each row is checked
    against the word's own rule on the vacancy. A Chinese word only in the employer's name
    comes with rank 0, from the employers table. A longer word's count is that of its rarest
    pair's postings: about right, never less."""
    pinyin = bool(PINYIN_TERM.match(term))
    employers_only = None  # looked up only when wanted: rank 0 reached, or a small count
    walks, rarest_size = _walks(postings, term, drive, exact)
    ranges = _ranges_at_once(postings, walks, needed) if exact else {}
    rows: list = []
    for rank, condition in _rank_tiers(term):
        if len(rows) >= needed:
            break
        tier: list = []
        for posting_term, stored_ranks in walks[rank]:
            for stored_rank in stored_ranks:
                walk = postings.filter(term=posting_term, rank=stored_rank)
                walk = walk.order_by("-posted_on", "-vacancy_id").values_list(
                    "posted_on", "vacancy_id"
                )
                wanted = needed - len(rows)
                if (posting_term, stored_rank) in ranges:
                    tier += ranges[posting_term, stored_rank][:wanted]
                else:
                    tier += list(walk[:wanted]) if exact else _checked(walk, condition, wanted)
        if rank == 0 and not pinyin:
            employers_only = _only_in_employer_name(vacancies, term)
        if rank == 0 and employers_only is not None:
            walk = employers_only.order_by("-posted_on", "-id").values_list("posted_on", "id")
            tier += list(walk[: needed - len(rows)])
        rows += sorted(set(tier), reverse=True)[: needed - len(rows)]

    total = _capped_count(postings.filter(term=drive)) if rarest_size is None else rarest_size
    total_exact, floor = exact, False
    if not pinyin and total > ELSEWHERE_COUNTED_UP_TO:
        total_exact = False  # employer-name matches beside hundreds: not worth counting
    elif not pinyin:
        if employers_only is None:
            employers_only = _only_in_employer_name(vacancies, term)
        if employers_only is not None:
            elsewhere = employers_only[: ELSEWHERE_COUNT_CAP + 1].count()
            total += min(elsewhere, ELSEWHERE_COUNT_CAP)
            floor = elsewhere > ELSEWHERE_COUNT_CAP
    return rows, total, total_exact, floor


def _ranges_at_once(postings, walks: dict, needed: int) -> dict:
    """Where the database allows (PostgreSQL: LIMIT inside UNION ALL), the first `needed`
    postings of every (term, stored rank) range in one round trip rather than one each."""
    if not connection.features.supports_slicing_ordering_in_compound:
        return {}
    keys = [(term, rank) for ranges in walks.values() for term, ranks in ranges for rank in ranks]
    parts = [
        postings.filter(term=term, rank=rank)
        .order_by("-posted_on", "-vacancy_id")
        .values_list("rank", "posted_on", "vacancy_id")[:needed]
        for term, rank in keys
    ]
    found: dict = {key: [] for key in keys}
    term = keys[0][0]  # exact walks: one term
    for rank, posted_on, pk in parts[0].union(*parts[1:], all=True):
        found[term, rank].append((posted_on, pk))
    return {key: sorted(rows, reverse=True) for key, rows in found.items()}


def _checked(walk, condition: Q, wanted: int) -> list:
    """The first `wanted` postings of `walk` whose vacancy meets `condition`, read in
    growing batches (a join would let the planner scan every vacancy title instead)."""
    found: list = []
    start, batch = 0, max(2 * wanted, 50)
    while len(found) < wanted:
        keys = list(walk[start : start + batch])
        meeting = set(
            Vacancy.objects.filter(condition, pk__in=[pk for _posted, pk in keys]).values_list(
                "pk", flat=True
            )
        )
        found += [key for key in keys if key[1] in meeting]
        if len(keys) < batch:
            break
        start, batch = start + batch, min(batch * 2, 2000)  # SQLite binds at most 32,766
    return found[:wanted]


def _only_in_employer_name(vacancies, term: str):
    """Vacancies whose employer's name holds a Chinese word that neither their title nor
    their occupation's name does (those are in the postings), or None when no employer's
    name holds it: the employers table is small, read first; the index of live vacancies
    by date gives theirs in board order."""
    employers = list(Employer.objects.filter(name__contains=term).values_list("pk", flat=True))
    if not employers:
        return None
    occupations = Occupation.objects.filter(name__contains=term).values_list("code", flat=True)
    return (
        vacancies.filter(employer__in=employers)
        .exclude(title__contains=term)
        .exclude(occupation_code__in=list(occupations))
    )


def _filtered(query: BoardQuery, today: datetime.date):
    qs = Vacancy.objects.public()
    area = query.area.strip()
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
    return qs


def _page_of(
    rows: list, page: int, total: int, *, exact: bool = True, floor: bool = False
) -> BoardPage:
    """`rows`: this page's rows and, when there is a next page, one more. `floor`: more
    than `total` match."""
    floor = floor or total > COUNT_CAP
    return BoardPage(
        vacancies=rows[:PAGE_SIZE],
        page=page,
        has_next=len(rows) > PAGE_SIZE,
        total=min(total, COUNT_CAP),
        total_exact=exact and not floor,
        total_capped=floor,
    )


def search_board(query: BoardQuery, *, today: datetime.date | None = None) -> BoardPage:
    today = today or timezone.localdate()
    qs = _filtered(query, today)
    terms = keyword_terms(query.q)
    area = query.area.strip()
    near = query.near.strip() if len(query.near.strip()) >= 6 else ""
    page = max(1, query.page)
    start = (page - 1) * PAGE_SIZE
    needed = start + PAGE_SIZE + 1
    drive = driving_term(terms[0]) if len(terms) == 1 else None
    if drive and not near and len(area) <= POSTINGS_MAX_AREA:
        postings = VacancyTerm.objects.filter(_posting_filters(query, today, area))
        keys, total, exact, floor = _by_postings(postings, qs, terms[0], *drive, needed=needed)
        wanted = [pk for _posted, pk in keys[start:]]
        found = qs.select_related("employer", "region").in_bulk(wanted)
        rows = [found[pk] for pk in wanted if pk in found]
        return _page_of(rows, page, total, exact=exact, floor=floor)

    relevance = []
    for term in terms:
        if PINYIN_TERM.match(term):
            relevance.append(When(pinyin_keys__startswith=term, then=Value(3)))
            relevance.append(When(pinyin_keys__contains=f" {term}", then=Value(2)))
        else:
            relevance.append(When(title__startswith=term, then=Value(3)))
            relevance.append(When(title__contains=term, then=Value(1)))
    qs = _text_match(qs, terms, area).select_related("employer", "region")
    order = ["-posted_on", "-id"]
    if relevance:
        qs = qs.annotate(relevance=Case(*relevance, default=Value(0), output_field=IntegerField()))
        order = ["-relevance", *order]
    if near:
        rows = _nearest_first(qs, near, order, start, PAGE_SIZE + 1)
        if terms:
            return _page_of(rows, page, _capped_count(qs.filter(county_code__startswith=near[:4])))
        return _page_of(rows, page, _count_all(query, today, near[:4]))
    if terms:
        # Every match is read to sort by relevance anyway: count them in the same pass.
        qs = qs.annotate(matches=Window(Count("id")))
    rows = list(qs.order_by(*order)[start : start + PAGE_SIZE + 1])
    if terms:
        total = rows[0].matches if rows else _capped_count(qs)
    else:
        total = _count_all(query, today, area)
    return _page_of(rows, page, total)


def _count_all(query: BoardQuery, today: datetime.date, area: str) -> int:
    """The public vacancies passing the filters (no keyword), capped: from the postings'
    covering index (the area's term: `*451228`), without reading a vacancy row (but for a
    village's, checked on the vacancy)."""
    held = area[:9] if len(area) in (4, 6, 9, 12) else ""
    condition = _posting_filters(query, today, "" if held == area else area)
    return _capped_count(VacancyTerm.objects.filter(condition, term=EVERY_VACANCY + held))

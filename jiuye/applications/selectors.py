"""Reads for the platform: "jobs for you" and "candidates for this vacancy".

A simple score (the full matching engine comes later), computed over a bounded set of
candidates the database pre-filters:
- occupation: 3 for the same occupation, 2 for the same minor group (first 7 characters of
  the code, `4-03-02`), 1 for the same medium group (`4-03`), 0 otherwise;
- area: the length of the shared prefix of the two region codes, in levels (province 1,
  city 2, county 3, township 4), so nearer places score higher;
- wage: 1 when the vacancy's top wage meets the seeker's minimum.
"""

from django.db.models import Q

from jiuye.applications.models import JobSeeker
from jiuye.geo.enums import CODE_LENGTHS
from jiuye.vacancies.models import Vacancy

_LENGTHS = sorted(CODE_LENGTHS.values())
CANDIDATE_POOL = 500


def occupation_score(a: str, b: str) -> int:
    if not a or not b:
        return 0
    if a == b:
        return 3
    if a[:7] == b[:7]:
        return 2
    if a[:4] == b[:4]:
        return 1
    return 0


def area_score(a: str, b: str) -> int:
    return sum(1 for n in _LENGTHS[:4] if len(a) >= n and len(b) >= n and a[:n] == b[:n])


def match_score(*, seeker_codes: list[str], seeker_areas: list[str], min_wage: int, vacancy) -> int:
    occ = max((occupation_score(c, vacancy.occupation_code) for c in seeker_codes), default=0)
    area = max((area_score(a, vacancy.region_id) for a in seeker_areas), default=0)
    wage = 1 if vacancy.wage_max >= min_wage else 0
    return occ * 3 + area * 2 + wage


def _seeker_areas(seeker: JobSeeker) -> list[str]:
    person = seeker.person
    return seeker.region_codes or [person.current_region_id or person.region_id]


def seeker_occupation_codes(seeker: JobSeeker) -> list[str]:
    """The codes the seeker gave, or else the job-title coder's codes for the jobs they
    named (nothing when the coder is not installed)."""
    if seeker.occupation_codes:
        return seeker.occupation_codes
    from jiuye.vacancies.services import suggest_occupation_code

    titles = seeker.desired_titles.replace("，", ",").replace("、", ",").split(",")
    titles = [title.strip() for title in titles if title.strip()]
    return [code for title in titles if (code := suggest_occupation_code(title))]


def _codes_hold_group(field: str, group: str) -> Q:
    # Space-separated codes: one starts with the group's prefix.
    return Q(**{f"{field}__startswith": group}) | Q(**{f"{field}__contains": f" {group}"})


def jobs_for(seeker: JobSeeker, *, limit: int = 10) -> list[Vacancy]:
    """Public vacancies the seeker has not applied to, in the cities of their areas: the
    newest of their occupations' medium groups and the newest near them make the pool,
    ranked by `match_score`, then newest first."""
    areas = _seeker_areas(seeker)
    codes = seeker_occupation_codes(seeker)
    city = Q()
    for prefix in {a[:4] for a in areas}:
        city |= Q(region__code__startswith=prefix)
    pool = (
        Vacancy.objects.public()
        .filter(city)
        .exclude(applications__seeker=seeker)
        .select_related("employer", "region")
        .order_by("-posted_on", "-pk")
    )
    candidates = {}
    groups = Q()
    for group in {code[:4] for code in codes}:
        groups |= Q(occupation_code__startswith=group)
    if codes:
        candidates.update((v.pk, v) for v in pool.filter(groups)[:CANDIDATE_POOL])
    near = Q()
    for area in areas:
        near |= Q(region__code__startswith=area)
    candidates.update((v.pk, v) for v in pool.filter(near)[:CANDIDATE_POOL])
    if len(candidates) < limit:
        candidates.update((v.pk, v) for v in pool[:CANDIDATE_POOL])

    def score(vacancy: Vacancy) -> int:
        return match_score(
            seeker_codes=codes, seeker_areas=areas, min_wage=seeker.min_wage, vacancy=vacancy
        )

    ranked = sorted(candidates.values(), key=lambda v: (-score(v), -v.posted_on.toordinal(), -v.pk))
    return ranked[:limit]


def candidates_for(vacancy: Vacancy, *, user, limit: int = 20) -> list[JobSeeker]:
    """Seekers visible to the user (staff: their area; employers: every registered seeker,
    shown masked) who have not applied, in the vacancy's city: the newest who want its
    occupation's medium group and the newest living in its county make the pool, ranked
    by `match_score`."""
    seekers = JobSeeker.objects.select_related("person")
    if user.is_area_staff:
        seekers = seekers.visible_to(user)
    seekers = (
        seekers.filter(person__region__code__startswith=vacancy.region_id[:4])
        .exclude(applications__vacancy=vacancy)
        .order_by("-created_at", "-pk")
    )
    pool = {}
    if vacancy.occupation_code:
        wanting = _codes_hold_group("desired_occupations", vacancy.occupation_code[:4])
        pool.update((s.pk, s) for s in seekers.filter(wanting)[:CANDIDATE_POOL])
    nearby = seekers.filter(person__region__code__startswith=vacancy.region_id[:6])
    pool.update((s.pk, s) for s in nearby[:CANDIDATE_POOL])
    if len(pool) < limit:
        pool.update((s.pk, s) for s in seekers[:CANDIDATE_POOL])

    def score(seeker: JobSeeker) -> int:
        return match_score(
            seeker_codes=seeker.occupation_codes,
            seeker_areas=_seeker_areas(seeker),
            min_wage=0 if vacancy.wage_max >= seeker.min_wage else 10**9,
            vacancy=vacancy,
        )

    return sorted(pool.values(), key=lambda s: (-score(s), -s.pk))[:limit]

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


def jobs_for(seeker: JobSeeker, *, limit: int = 10) -> list[Vacancy]:
    areas = _seeker_areas(seeker)
    pool = Vacancy.objects.public().select_related("employer", "region")
    county_prefixes = {a[:4] for a in areas}
    area_q = Q()
    for prefix in county_prefixes:
        area_q |= Q(region__code__startswith=prefix)
    candidates = list(pool.filter(area_q).order_by("-posted_on", "-pk")[:CANDIDATE_POOL])
    scored = sorted(
        candidates,
        key=lambda v: (
            -match_score(
                seeker_codes=seeker.occupation_codes,
                seeker_areas=areas,
                min_wage=seeker.min_wage,
                vacancy=v,
            ),
            -v.pk,
        ),
    )
    return scored[:limit]


def candidates_for(vacancy: Vacancy, *, user, limit: int = 20) -> list[JobSeeker]:
    """Seekers visible to the user (staff: their area; employers: every registered seeker,
    shown masked) ranked for this vacancy."""
    seekers = JobSeeker.objects.select_related("person")
    if user.is_area_staff:
        seekers = seekers.visible_to(user)
    seekers = seekers.filter(person__region__code__startswith=vacancy.region_id[:4])
    seekers = seekers.exclude(applications__vacancy=vacancy)
    pool = list(seekers.order_by("-created_at", "-pk")[:CANDIDATE_POOL])

    def score(seeker: JobSeeker) -> int:
        return match_score(
            seeker_codes=seeker.occupation_codes,
            seeker_areas=_seeker_areas(seeker),
            min_wage=0 if vacancy.wage_max >= seeker.min_wage else 10**9,
            vacancy=vacancy,
        )

    return sorted(pool, key=lambda s: (-score(s), -s.pk))[:limit]

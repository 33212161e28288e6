"""Yearly targets for the demo city, set from above and cascaded to counties and to Du'an's
townships, so the statistics dashboard shows progress against targets.

The city figures are of Hechi's order (67,700 new rural labour jobs in 2020; about 420,000
poor migrant workers; a poverty-labour employment rate above 90 %). The demo ledger holds a
sample of the city, not its 2.2 million labourers, so count targets are scaled to the
sample's size (the summary line says by how much) and progress reads as it would for real.
When no ledger step has made people, a small sample is made here so the page is not empty.
"""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from jiuye.accounts.models import User
from jiuye.demo.city import CITY_CODE
from jiuye.demo.ids import make_id_number
from jiuye.geo.models import Region
from jiuye.people.enums import EmploymentStatus, PersonGroup, SpellSource
from jiuye.people.models import EmploymentSpell, GroupMembership, Person
from jiuye.people.services import identity_fields
from jiuye.stats import tally
from jiuye.stats.catalogue import COUNT, get
from jiuye.stats.models import Target
from jiuye.stats.services import set_city_target, split_target

DEMO_COUNTY = "451228"
REAL_LABOUR_FORCE = 2_200_000
# Targets the region sets for the city for a year.
CITY_TARGETS = {
    "new_rural_labour_jobs": 65_000,
    "new_urban_jobs": 13_000,
    "poverty_labour_employed": 420_000,
    "poverty_labour_employment_rate": 90,
    "migrant_return_to_work_rate": 95,
}
# Registered population of each county, in ten thousands (weights for the split).
COUNTY_WEIGHTS = {
    "451202": 37,  # 金城江区
    "451203": 65,  # 宜州区
    "451221": 31,  # 南丹县
    "451222": 17,  # 天峨县
    "451223": 22,  # 凤山县
    "451224": 31,  # 东兰县
    "451225": 38,  # 罗城仫佬族自治县
    "451226": 38,  # 环江毛南族自治县
    "451227": 27,  # 巴马瑶族自治县
    "451228": 71,  # 都安瑶族自治县
    "451229": 47,  # 大化瑶族自治县
}


def split_by_weight(total: int, weights: dict[str, float]) -> dict[str, Decimal]:
    """Whole shares proportional to the weights that add up to `total` (largest remainder)."""
    whole = sum(weights.values())
    raw = {code: total * w / whole for code, w in weights.items()}
    shares = {code: int(v) for code, v in raw.items()}
    left = total - sum(shares.values())
    for code in sorted(raw, key=lambda c: raw[c] - shares[c], reverse=True)[:left]:
        shares[code] += 1
    return {code: Decimal(v) for code, v in shares.items()}


def _sample_ledger(rng: random.Random, year: int, size: int = 1500) -> int:
    """A small ledger when no other step made one: people with groups and spells."""
    villages = list(
        Region.objects.filter(code__startswith=CITY_CODE, level=5).values_list("code", flat=True)
    )
    towns = list(
        Region.objects.filter(code__startswith=CITY_CODE, level=4).values_list("code", flat=True)
    )
    if not villages:
        return 0
    people, seen = [], set()
    for index in range(size):
        # One in ten is registered in a town (an urban registration).
        area = rng.choice(towns) if rng.random() < 0.1 else rng.choice(villages)
        birth = datetime.date(rng.randint(1970, 2005), rng.randint(1, 12), rng.randint(1, 28))
        sex = rng.choice("MF")
        number = make_id_number(area, birth, index, sex)
        if number in seen:
            continue
        seen.add(number)
        fields = identity_fields(number)
        people.append(Person(**fields, name=f"示例{index:04d}", region_id=area))
    Person.objects.bulk_create(people, batch_size=500)
    people = list(Person.objects.filter(name__startswith="示例").order_by("pk"))
    start_of_year = datetime.date(year, 1, 1)
    days_so_far = max(1, (timezone.localdate() - start_of_year).days)
    statuses = [
        EmploymentStatus.EMPLOYED_OUTSIDE_PROVINCE,
        EmploymentStatus.EMPLOYED_IN_PROVINCE,
        EmploymentStatus.EMPLOYED_IN_COUNTY,
        EmploymentStatus.SELF_EMPLOYED,
        EmploymentStatus.UNEMPLOYED,
    ]
    spells, groups = [], []
    for who in people:
        if rng.random() < 0.3:
            groups.append(GroupMembership(person=who, group=PersonGroup.LIFTED_OUT_OF_POVERTY))
        since = datetime.date(rng.randint(year - 6, year - 1), rng.randint(1, 12), 1)
        status = rng.choices(statuses, weights=[32, 13, 25, 10, 20])[0]
        change = rng.random()
        if change < 0.015 or (status == EmploymentStatus.UNEMPLOYED and change < 0.06):
            # Started work this year (about 3 % of labourers a year, as in Hechi).
            switch = start_of_year + datetime.timedelta(days=rng.randint(0, days_so_far - 1))
            spells.append(
                EmploymentSpell(
                    person=who,
                    status=EmploymentStatus.UNEMPLOYED,
                    start=since,
                    end=switch,
                    source=SpellSource.IMPORT,
                )
            )
            spells.append(
                EmploymentSpell(
                    person=who,
                    status=rng.choice(statuses[:4]),
                    start=switch,
                    source=SpellSource.VISIT,
                )
            )
        elif status in statuses[:2] and change > 0.94:
            # Came home this year and has not found work yet.
            switch = start_of_year + datetime.timedelta(days=rng.randint(0, days_so_far - 1))
            spells.append(
                EmploymentSpell(
                    person=who, status=status, start=since, end=switch, source=SpellSource.IMPORT
                )
            )
            spells.append(
                EmploymentSpell(
                    person=who,
                    status=EmploymentStatus.UNEMPLOYED,
                    start=switch,
                    source=SpellSource.VISIT,
                )
            )
        else:
            spells.append(
                EmploymentSpell(person=who, status=status, start=since, source=SpellSource.IMPORT)
            )
    GroupMembership.objects.bulk_create(groups, batch_size=1000)
    EmploymentSpell.objects.bulk_create(spells, batch_size=1000)
    return len(people)


def run(rng: random.Random) -> str:
    year = timezone.localdate().year
    admin = User.objects.get(username="admin")
    city_user = User.objects.get(username="city")
    county_user = User.objects.get(username="county")
    made = 0
    if not Person.objects.filter(region__code__startswith=CITY_CODE).exists():
        made = _sample_ledger(rng, year)
    sample = Person.objects.filter(region__code__startswith=CITY_CODE).count()
    scale = min(1.0, sample / REAL_LABOUR_FORCE) if sample else 1.0
    townships = {r.code: 1 for r in Region.objects.children_of(DEMO_COUNTY).order_by("code")}
    for code, value in CITY_TARGETS.items():
        indicator = get(code)
        counted = indicator.kind == COUNT
        city_value = max(1, round(value * scale)) if counted else value
        set_city_target(
            indicator_code=code, year=year, region_code=CITY_CODE, value=city_value, by=admin
        )
        if counted:
            shares = split_by_weight(city_value, COUNTY_WEIGHTS)
        else:
            shares = {c: Decimal(value + rng.choice([-3, -2, 0, 0, 1, 2])) for c in COUNTY_WEIGHTS}
        split_target(
            indicator_code=code, year=year, parent_code=CITY_CODE, shares=shares, by=city_user
        )
        county_value = Target.objects.get(indicator_code=code, year=year, region_id=DEMO_COUNTY)
        if counted:
            township_shares = split_by_weight(int(county_value.value), townships)
        else:
            township_shares = dict.fromkeys(townships, county_value.value)
        split_target(
            indicator_code=code,
            year=year,
            parent_code=DEMO_COUNTY,
            shares=township_shares,
            by=county_user,
        )
    sample_note = f"; made a sample ledger of {made} people" if made else ""
    # The ledger figures are read from tallies the triggers keep queued: bring them up to
    # date now, so the first dashboard of the demo does not pay for the whole city.
    queued = tally.drain()
    return (
        f"targets {year}: {len(CITY_TARGETS)} indicators for the city, split among "
        f"{len(COUNTY_WEIGHTS)} counties and Du'an's {len(townships)} townships "
        f"(count targets scaled to the {sample:,}-person sample: x{scale:.5f}){sample_note}; "
        f"ledger tallies brought up to date ({queued:,} queued changes)"
    )

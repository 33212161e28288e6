"""The demo ledger: a few thousand people in households across the made-up villages of
all eleven counties, Du'an in depth, with the real mix: many lifted out of poverty, most working
age people away for work (above all in Guangdong), histories of one to three spells, and a
few zero-employment households for the assistance pages to find."""

import datetime
import random

from stdnum.cn import ric

from jiuye.geo.enums import RegionLevel
from jiuye.geo.models import Region
from jiuye.people.enums import CertificateKind, SkillLevel, SpellSource
from jiuye.people.enums import EmploymentStatus as S
from jiuye.people.enums import PersonGroup as G
from jiuye.people.models import (
    Certificate,
    EmploymentSpell,
    GroupMembership,
    Household,
    Person,
    Skill,
)
from jiuye.people.services import identity_fields

# Households per county: Du'an, where the demo staff work, in depth; every other county
# roughly by its population (step_90_stats.COUNTY_WEIGHTS), so that no county's figures
# stand at zero beside its targets.
COUNTIES = {
    "451228": 420,  # 都安瑶族自治县
    "451221": 90,  # 南丹县
    "451227": 90,  # 巴马瑶族自治县
    "451229": 100,  # 大化瑶族自治县
    "451202": 80,  # 金城江区
    "451203": 140,  # 宜州区
    "451222": 40,  # 天峨县
    "451223": 50,  # 凤山县
    "451224": 70,  # 东兰县
    "451225": 85,  # 罗城仫佬族自治县
    "451226": 85,  # 环江毛南族自治县
}
SURNAMES = "韦蓝覃黄莫潘蒙罗陆梁卢谢李王陈刘杨吴兰廖"
GIVEN = "小明华丽芳强军红英秀兰玉梅春生福贵金海林平安国建忠志勇德文光荣美香凤桂娟燕"
MOBILE = [
    "138",
    "139",
    "135",
    "136",
    "150",
    "151",
    "152",
    "157",
    "158",
    "159",
    "182",
    "183",
    "187",
    "188",
    "130",
    "131",
    "132",
    "155",
    "156",
    "185",
    "186",
    "133",
    "153",
    "180",
    "181",
    "189",
    "177",
    "199",
]
EMPLOYERS = {
    "outside": [
        "深圳市宝安区某电子厂",
        "东莞市长安镇某制衣厂",
        "广州市番禺区某鞋厂",
        "佛山市顺德区某家具厂",
        "中山市某灯饰厂",
        "惠州市某物流公司",
    ],
    "province": ["南宁市某建筑公司", "柳州市某汽车配件厂", "桂林市某酒店", "河池市某食品厂"],
    "county": ["都安某农产品合作社", "县城某超市", "某扶贫车间", "某养殖场"],
}
OCCUPATIONS = {  # as written on the ledger; the job-title coder may code them later
    "outside": ["电子设备装配工", "缝纫工", "普工", "保安员"],
    "province": ["砌筑工", "中式烹调师", "小工", "快递员"],
    "county": ["农作物种植工", "帮工", "", "保洁员"],
}
TODAY = datetime.date(2026, 10, 1)
# Hechi is mostly Zhuang, with Yao (Du'an and Bama are Yao autonomous counties), Han, Mulao
# (Luocheng) and Maonan (Huanjiang): GB 3304 codes and weights.
ETHNICITY_MIX = {
    "451228": ([("08", 55), ("13", 30), ("01", 14), ("32", 1)]),
    "451221": ([("08", 45), ("13", 20), ("01", 33), ("36", 2)]),
    "451227": ([("08", 60), ("13", 25), ("01", 15)]),
    "451229": ([("08", 70), ("13", 12), ("01", 16), ("32", 2)]),
    "451202": ([("08", 62), ("01", 30), ("13", 6), ("32", 2)]),
    "451203": ([("08", 68), ("01", 28), ("13", 3), ("32", 1)]),
    "451222": ([("08", 75), ("01", 15), ("13", 10)]),
    "451223": ([("08", 80), ("13", 10), ("01", 10)]),
    "451224": ([("08", 87), ("13", 8), ("01", 5)]),
    "451225": ([("32", 35), ("08", 35), ("01", 25), ("13", 3), ("06", 2)]),  # 仫佬族
    "451226": ([("08", 50), ("36", 30), ("01", 12), ("13", 5), ("06", 3)]),  # 毛南族
}
# Skills the field records (occupations of the 2022 classification, by name) and the
# certificates that go with them: (occupation name, certificate kind, certificate name).
SKILLS = [
    ("砌筑工", CertificateKind.SKILL_LEVEL, "砌筑工"),
    ("电工", CertificateKind.SPECIAL_OPERATIONS, "低压电工作业"),
    ("焊工", CertificateKind.SPECIAL_OPERATIONS, "熔化焊接与热切割作业"),
    ("中式烹调师", CertificateKind.SKILL_LEVEL, "中式烹调师"),
    ("家政服务员", CertificateKind.TRAINING, "家政服务员培训合格证"),
    ("保育师", CertificateKind.SKILL_LEVEL, "保育师"),
    ("缝纫工", CertificateKind.TRAINING, "缝纫工培训合格证"),
    ("农艺工", CertificateKind.TRAINING, "高素质农民培训证书"),
    ("汽车维修工", CertificateKind.SKILL_LEVEL, "汽车维修工"),
    ("保安员", CertificateKind.QUALIFICATION, "保安员证"),
]
ISSUERS = {  # who issues each kind of certificate
    CertificateKind.SKILL_LEVEL: "河池市职业技能鉴定中心",
    CertificateKind.SPECIAL_OPERATIONS: "广西壮族自治区应急管理厅",
    CertificateKind.QUALIFICATION: "河池市公安局",
    CertificateKind.TRAINING: "都安瑶族自治县人力资源和社会保障局",
}


def _id_number(rng, county, birth, sex, used):
    while True:
        seq = rng.randint(0, 499) * 2 + (1 if sex == "M" else 0)
        body = f"{county}{birth:%Y%m%d}{seq:03d}"
        if body not in used:
            used.add(body)
            return body + ric.calc_check_digit(body + "0")


def _history(rng, working_age):
    """One to three spells, oldest first: (status, place kind, start)."""
    if not working_age:
        return [
            (S.NOT_IN_LABOUR_FORCE, "", TODAY - datetime.timedelta(days=rng.randint(400, 3000)))
        ]
    final = rng.choices(
        [
            S.EMPLOYED_OUTSIDE_PROVINCE,
            S.EMPLOYED_IN_PROVINCE,
            S.EMPLOYED_IN_COUNTY,
            S.SELF_EMPLOYED,
            S.FLEXIBLE,
            S.WELFARE_POST,
            S.UNEMPLOYED,
            S.IN_TRAINING,
        ],
        [36, 14, 15, 4, 9, 3, 17, 2],
    )[0]
    count = rng.choice([1, 1, 2, 2, 3])
    earlier = [S.UNEMPLOYED, S.EMPLOYED_OUTSIDE_PROVINCE, S.EMPLOYED_IN_COUNTY, S.IN_TRAINING]
    statuses = [rng.choice(earlier) for _ in range(count - 1)] + [final]
    start = TODAY - datetime.timedelta(days=rng.randint(900, 2200))
    spells = []
    for status in statuses:
        spells.append((status, _place_kind(status), start))
        start += datetime.timedelta(days=rng.randint(120, 700))
        if start >= TODAY:
            break
    # no two spells on the same day, and none in the future
    seen, kept = set(), []
    for spell in spells:
        if spell[2] not in seen and spell[2] < TODAY:
            seen.add(spell[2])
            kept.append(spell)
    return kept


def _town_job_this_year(rng, spells):
    """A quarter of the town's working-age people lost work last year and found a job in
    the county this year: the city's new urban jobs."""
    first_of_year = TODAY.replace(month=1, day=1)
    days_so_far = (TODAY - first_of_year).days
    if days_so_far < 2 or rng.random() >= 0.25:
        return spells
    laid_off = first_of_year - datetime.timedelta(days=rng.randint(30, 300))
    hired = first_of_year + datetime.timedelta(days=rng.randint(0, days_so_far - 1))
    kept = [spell for spell in spells if spell[2] < laid_off]
    return [*kept, (S.UNEMPLOYED, "", laid_off), (S.EMPLOYED_IN_COUNTY, "county", hired)]


def _place_kind(status):
    return {
        S.EMPLOYED_OUTSIDE_PROVINCE: "outside",
        S.EMPLOYED_IN_PROVINCE: "province",
        S.EMPLOYED_IN_COUNTY: "county",
        S.SELF_EMPLOYED: "county",
        S.FLEXIBLE: "county",
        S.WELFARE_POST: "county",
    }.get(status, "")


def run(rng: random.Random) -> str:
    villages = {
        county: list(
            Region.objects.filter(
                level=RegionLevel.VILLAGE, is_made_up=True, code__startswith=county
            ).values_list("code", flat=True)
        )
        for county in COUNTIES
    }
    if Person.objects.filter(region__code__startswith="4512").exists():
        if not Skill.objects.exists() and not Certificate.objects.exists():
            return "people: already there; " + _skills_and_certificates(rng)
        return "people: already there"
    guangdong = list(
        Region.objects.filter(
            level=RegionLevel.COUNTY, code__regex=r"^44(03|19|20|06|01|13)"
        ).values_list("code", flat=True)
    )
    guangxi = list(
        Region.objects.filter(level=RegionLevel.COUNTY, code__startswith="45")
        .exclude(code__startswith="4512")
        .values_list("code", flat=True)
    )
    used: set[str] = set()
    households, people, members = [], [], []  # members: (household index, person index)
    plans = []  # per person: (spells, groups)
    for county, count in COUNTIES.items():
        if not villages[county]:
            continue
        for _ in range(count):
            village = rng.choice(villages[county])
            # About one household in eight is registered in the township's town (an urban
            # registration: counted by new_urban_jobs, never poor-village or farmer groups).
            urban = rng.random() < 0.12
            home = village[:9] if urban else village
            index = len(households)
            households.append(Household(number=f"{home}{index + 1:04d}", region_id=home))
            lifted = rng.random() < 0.45 and not urban
            monitored = not lifted and rng.random() < 0.06
            zero = rng.random() < 0.04  # everyone of working age out of work
            surname = rng.choice(SURNAMES)
            size = rng.choice([1, 2, 3, 3, 4, 4, 4, 5, 5, 6])
            for member in range(size):
                relation = (
                    "head"
                    if member == 0
                    else rng.choice(
                        ["spouse", "child", "child", "child_in_law", "grandchild", "parent"]
                    )
                )
                age = {
                    "head": rng.randint(30, 62),
                    "spouse": rng.randint(28, 60),
                    "child": rng.randint(14, 35),
                    "child_in_law": rng.randint(20, 35),
                    "grandchild": rng.randint(3, 15),
                    "parent": rng.randint(60, 80),
                }[relation]
                sex = (
                    rng.choice("MF")
                    if relation not in ("head", "spouse")
                    else ("M" if relation == "head" else "F")
                )
                birth = TODAY - datetime.timedelta(days=age * 365 + rng.randint(0, 364))
                number = _id_number(rng, county, birth, sex, used)
                person = Person(
                    name=surname + "".join(rng.sample(GIVEN, rng.choice([1, 2])))
                    if relation in ("head", "child", "grandchild")
                    else rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, 2)),
                    phone=rng.choice(MOBILE) + f"{rng.randint(0, 99999999):08d}"
                    if 16 <= age < 65 and rng.random() < 0.85
                    else "",
                    region_id=home,
                    education=rng.choices(
                        ["80", "70", "60", "40", "30", "20", "90"], [20, 45, 12, 9, 7, 4, 3]
                    )[0],
                    relation=relation,
                    ethnicity=rng.choices(*zip(*ETHNICITY_MIX[county], strict=True))[0],
                    **identity_fields(number),
                )
                working_age = 16 <= age < (60 if sex == "M" else 55)
                spells = _history(rng, working_age and age < 59)
                if urban and working_age and age < 59:
                    spells = _town_job_this_year(rng, spells)
                if zero and working_age:
                    spells = [
                        (S.UNEMPLOYED, "", TODAY - datetime.timedelta(days=rng.randint(60, 600)))
                    ]
                groups = []
                if lifted:  # registered poor until lifted out, in 2016-2020
                    lifted_on = datetime.date(rng.randint(2016, 2020), 12, 31)
                    groups.append((G.LIFTED_OUT_OF_POVERTY, "", lifted_on))
                if monitored:
                    groups.append((G.MONITORED, "", datetime.date(rng.randint(2021, 2025), 7, 1)))
                if rng.random() < 0.05:
                    level = rng.choice(["一级", "二级", "三级", "四级"])
                    groups.append((G.DISABLED, level, None))
                if sex == "M" and age > 22 and rng.random() < 0.03:
                    groups.append((G.VETERAN, "", None))
                if 21 <= age <= 28 and rng.random() < 0.12:
                    year = TODAY.year - rng.randint(0, 5)
                    groups.append((G.COLLEGE_GRADUATE, str(year), datetime.date(year, 7, 1)))
                if spells and spells[-1][1] in ("outside", "province"):
                    groups.append((G.MIGRANT_WORKER, "", spells[-1][2]))
                    if rng.random() < 0.3 and guangdong and spells[-1][1] == "outside":
                        person.current_region_id = rng.choice(guangdong)
                if working_age and not urban:
                    groups.append((G.FARMER, "", None))
                members.append((index, len(people)))
                people.append(person)
                plans.append((spells, groups, county))
    Household.objects.bulk_create(households, batch_size=1000)
    for household_index, person_index in members:
        people[person_index].household = households[household_index]
    Person.objects.bulk_create(people, batch_size=1000)
    heads = {}
    for household_index, person_index in members:
        if people[person_index].relation == "head":
            heads[household_index] = people[person_index]
    for household_index, head in heads.items():
        households[household_index].head = head
    Household.objects.bulk_update(households, ["head"], batch_size=1000)

    spell_rows, group_rows = [], []
    for person, (spells, groups, county) in zip(people, plans, strict=True):
        for position, (status, kind, start) in enumerate(spells):
            end = spells[position + 1][2] if position + 1 < len(spells) else None
            if kind == "outside":
                region = rng.choice(guangdong) if guangdong else None
            elif kind == "province":
                region = rng.choice(guangxi) if guangxi else None
            else:
                region = county if kind == "county" else None
            title = rng.choice(OCCUPATIONS[kind]) if kind else ""
            spell_rows.append(
                EmploymentSpell(
                    person=person,
                    status=status,
                    region_id=region,
                    start=start,
                    end=end,
                    employer_name=rng.choice(EMPLOYERS[kind])
                    if kind and rng.random() < 0.7
                    else "",
                    occupation_code="",
                    occupation_text=title,
                    monthly_income=rng.randrange(2200, 8000, 100) if kind else None,
                    source=rng.choice([SpellSource.IMPORT, SpellSource.IMPORT, SpellSource.VISIT]),
                )
            )
        for group, detail, since in groups:
            group_rows.append(
                GroupMembership(person=person, group=group, detail=detail, start=since)
            )
    EmploymentSpell.objects.bulk_create(spell_rows, batch_size=2000)
    GroupMembership.objects.bulk_create(group_rows, batch_size=2000)
    return (
        f"people: {len(people)} in {len(households)} households, "
        f"{len(spell_rows)} employment spells, {len(group_rows)} group memberships, "
        + _skills_and_certificates(rng)
    )


def _skills_and_certificates(rng: random.Random) -> str:
    """About one worker in five has a recorded skill, half of them with a certificate."""
    from jiuye.occupations.models import Occupation

    codes = dict(
        Occupation.objects.filter(level=4, name__in=[name for name, _k, _c in SKILLS]).values_list(
            "name", "code"
        )
    )
    workers = Person.objects.filter(
        region__code__startswith="4512",
        spells__end__isnull=True,
        spells__status__in=[
            S.EMPLOYED_OUTSIDE_PROVINCE,
            S.EMPLOYED_IN_PROVINCE,
            S.EMPLOYED_IN_COUNTY,
            S.SELF_EMPLOYED,
            S.FLEXIBLE,
            S.IN_TRAINING,
        ],
    ).order_by("pk")
    skills, certificates = [], []
    for person in workers.iterator():
        if rng.random() >= 0.2:
            continue
        name, kind, title = rng.choice(SKILLS)
        code = codes.get(name)
        if code:
            skills.append(Skill(person=person, occupation_code=code))
        if rng.random() < 0.5:
            issued = TODAY - datetime.timedelta(days=rng.randint(60, 2500))
            certificates.append(
                Certificate(
                    person=person,
                    kind=kind,
                    name=title,
                    occupation_code=code or "",
                    level=rng.choice([SkillLevel.LEVEL_5, SkillLevel.LEVEL_4, SkillLevel.LEVEL_3])
                    if kind == CertificateKind.SKILL_LEVEL
                    else "",
                    number=f"{issued.year}{rng.randint(0, 10**10):010d}",
                    issuer=ISSUERS[kind],
                    issued_on=issued,
                    valid_until=issued + datetime.timedelta(days=6 * 365)
                    if kind == CertificateKind.SPECIAL_OPERATIONS
                    else None,
                )
            )
    Skill.objects.bulk_create(skills, batch_size=2000, ignore_conflicts=True)
    Certificate.objects.bulk_create(certificates, batch_size=2000)
    return f"{len(skills)} skills, {len(certificates)} certificates"

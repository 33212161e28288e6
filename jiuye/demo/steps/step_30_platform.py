"""The labour supply-and-demand platform: employers (enterprises, poverty alleviation
workshops, park companies, Guangdong partner-city firms), ~1,500 live vacancies, job seekers
and applications in every state. Hires go through the service, so the ledger sees them."""

import datetime
import random

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from stdnum.cn import ric

from jiuye.accounts.enums import Role
from jiuye.accounts.models import User
from jiuye.applications.enums import ApplicationStatus, Availability, Channel
from jiuye.applications.models import Application, ApplicationEvent, JobSeeker
from jiuye.applications.services import transition_application
from jiuye.demo.users import ensure_user
from jiuye.employers.enums import EmployerKind, EmployerStatus, Industry
from jiuye.employers.models import Employer
from jiuye.geo.enums import RegionLevel
from jiuye.geo.models import Region
from jiuye.people.models import Person
from jiuye.people.services import identity_fields
from jiuye.vacancies.enums import VacancyStatus
from jiuye.vacancies.models import Vacancy, VacancyEvent
from jiuye.vacancies.samples import JOB_SAMPLES
from jiuye.vacancies.search_terms import rebuild_vacancy_terms

CITY = "4512"
PARK_COUNTIES = ("451229", "451226", "451228")  # Dahua, Huanjiang, Du'an
PARTNER_COUNTIES = ("440306", "440307", "440309", "440113", "440114")  # Shenzhen, Guangzhou
FIRST_EMPLOYER = "都安瑶山食品有限公司"
NAME_HEADS = [
    "瑶山",
    "红水河",
    "金城",
    "宜州",
    "南丹",
    "巴马",
    "长寿",
    "凤山",
    "东兰",
    "环江",
    "大化",
    "罗城",
    "天峨",
    "都安",
    "桂西",
    "八桂",
    "壮乡",
]
NAME_TRADES = [
    ("食品", Industry.C),
    ("服饰", Industry.C),
    ("电子", Industry.C),
    ("建筑工程", Industry.E),
    ("物流", Industry.G),
    ("餐饮管理", Industry.H),
    ("酒店", Industry.H),
    ("商贸", Industry.F),
    ("农业开发", Industry.A),
    ("茶业", Industry.A),
    ("家政服务", Industry.O),
    ("物业服务", Industry.O),
    ("汽车服务", Industry.O),
    ("电子商务", Industry.I),
    ("旅游开发", Industry.R),
    ("养老服务", Industry.Q),
]
SURNAMES = "韦覃蓝黄莫潘罗蒙李陆卢梁吴谢"
GIVEN = "秀丽春华建国志强海燕金凤文明小红永福桂兰德胜玉梅"


def _employers(rng: random.Random, now) -> list[Employer]:
    counties = list(Region.objects.filter(level=RegionLevel.COUNTY, code__startswith=CITY))
    townships = list(Region.objects.filter(level=RegionLevel.TOWNSHIP, code__startswith=CITY))
    partner = [c for c in PARTNER_COUNTIES if Region.objects.filter(code=c).exists()]
    rows, used = [], set()

    def name(suffix: str) -> tuple[str, str]:
        while True:
            trade, industry = rng.choice(NAME_TRADES)
            text = f"{rng.choice(NAME_HEADS)}{rng.choice(NAME_HEADS)}{trade}{suffix}"
            if text not in used:
                used.add(text)
                return text, industry

    def add(kind, region, suffix, verified=True):
        text, industry = name(suffix)
        rows.append(
            Employer(
                name=text,
                kind=kind,
                industry=industry,
                region_id=region,
                contact_name=rng.choice(SURNAMES) + "经理",
                contact_phone=f"139{rng.randrange(10**8):08d}",
                status=EmployerStatus.VERIFIED if verified else EmployerStatus.PENDING,
                verified_at=now if verified else None,
                self_registered=not verified,
            )
        )

    rows.append(
        Employer(
            name=FIRST_EMPLOYER,
            kind=EmployerKind.ENTERPRISE,
            industry=Industry.C,
            region_id="451228",
            status=EmployerStatus.VERIFIED,
            verified_at=now,
        )
    )
    used.add(FIRST_EMPLOYER)
    for _ in range(150):
        add(EmployerKind.ENTERPRISE, rng.choice(counties).code, "有限公司")
    for _ in range(60):
        add(EmployerKind.WORKSHOP, rng.choice(townships).code, "帮扶车间")
    parks = [t.code for t in townships if t.code[:6] in PARK_COUNTIES]
    for _ in range(40):
        add(EmployerKind.PARK_COMPANY, rng.choice(parks), "有限公司")
    for _ in range(40 if partner else 0):
        add(EmployerKind.PARTNER_CITY, rng.choice(partner), "科技有限公司")
    for _ in range(15):
        add(EmployerKind.ENTERPRISE, rng.choice(counties).code, "有限公司", verified=False)
    Employer.objects.bulk_create(rows, batch_size=500)
    return list(Employer.objects.filter(name__in=used).order_by("pk"))


def _vacancies(rng, employers, now, count=1500) -> list[Vacancy]:
    today = timezone.localdate(now)
    verified = [e for e in employers if e.status == EmployerStatus.VERIFIED]
    townships_by_county: dict[str, list[str]] = {}
    for code in (
        Region.objects.filter(level=RegionLevel.TOWNSHIP)
        .filter(Q(code__startswith=CITY) | Q(code__startswith="44"))
        .values_list("code", flat=True)
    ):
        townships_by_county.setdefault(code[:6], []).append(code)
    rows = []
    for index in range(count + 60):
        employer = (
            verified[index % len(verified)] if index < len(verified) else rng.choice(verified)
        )
        titles, code, low, high, kind = rng.choice(JOB_SAMPLES)
        bump = 1.3 if employer.kind == EmployerKind.PARTNER_CITY else 1.0
        wage_min = int(rng.randint(low, (low + high) // 2) * bump) // 100 * 100
        wage_max = max(wage_min, int(rng.randint((low + high) // 2, high) * bump) // 100 * 100)
        region = employer.region_id
        if len(region) == 6 and townships_by_county.get(region) and rng.random() < 0.6:
            region = rng.choice(townships_by_county[region])
        posted = today - datetime.timedelta(days=rng.randint(0, 28))
        status = VacancyStatus.LIVE
        if index >= count:
            status = rng.choice([VacancyStatus.DRAFT, VacancyStatus.EXPIRED, VacancyStatus.CLOSED])
        vacancy = Vacancy(
            employer=employer,
            title=rng.choice(titles),
            occupation_code=code,
            description=rng.choice(
                [
                    "吃苦耐劳，服从安排。",
                    "有相关经验者可面议工资。",
                    "缴纳五险，节假日福利。",
                    "新手可带，岗前免费培训。",
                ]
            ),
            headcount=rng.choice([1, 1, 2, 3, 5, 10, 20]),
            wage_min=wage_min,
            wage_max=wage_max,
            region_id=region,
            housing=rng.random() < 0.4,
            meals=rng.random() < 0.5,
            transport=employer.kind == EmployerKind.PARTNER_CITY,
            employment_type=kind,
            status=status,
            posted_on=posted if status != VacancyStatus.DRAFT else None,
            confirmed_at=now - datetime.timedelta(days=(today - posted).days)
            if status != VacancyStatus.DRAFT
            else None,
            valid_until=posted + datetime.timedelta(days=rng.choice([30, 60, 90])),
        )
        vacancy.set_derived_fields()
        rows.append(vacancy)
    Vacancy.objects.bulk_create(rows, batch_size=500)
    created = list(
        Vacancy.objects.filter(employer__in=employers).select_related("employer").order_by("pk")
    )
    VacancyEvent.objects.bulk_create(
        [VacancyEvent(vacancy=v, from_status="", to_status=v.status, note="demo") for v in created],
        batch_size=1000,
    )
    rebuild_vacancy_terms(created)  # the job board's keyword postings
    return created


def _seekers(rng, count=400) -> list[JobSeeker]:
    people = list(Person.objects.filter(seeker__isnull=True).order_by("pk")[:count])
    if len(people) < count:
        villages = list(
            Region.objects.filter(level=RegionLevel.VILLAGE, code__startswith="451228").values_list(
                "code", flat=True
            )
        ) or ["451228"]
        new = []
        for index in range(count - len(people)):
            sex = rng.choice("MF")
            birth = datetime.date(rng.randint(1968, 2004), rng.randint(1, 12), rng.randint(1, 28))
            body = f"452122{birth:%Y%m%d}{(index % 499) * 2 + (1 if sex == 'M' else 0) + 1:03d}"
            number = body + ric.calc_check_digit(body + "0")
            new.append(
                Person(
                    name=rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, 2)),
                    region_id=rng.choice(villages),
                    **identity_fields(number),
                )
            )
        Person.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)
        people = list(Person.objects.filter(seeker__isnull=True).order_by("pk")[:count])
    seekers = []
    for person in people:
        titles, code, low, _high, _kind = rng.choice(JOB_SAMPLES)
        seekers.append(
            JobSeeker(
                person=person,
                desired_titles=titles[0],
                desired_occupations=code,
                desired_region_codes=person.region_id[:6],
                min_wage=low,
                availability=rng.choice(Availability.values),
            )
        )
    JobSeeker.objects.bulk_create(seekers, batch_size=500)
    return list(JobSeeker.objects.filter(person__in=people).select_related("person"))


# Paths through the state machine, ending in each status.
PATHS = {
    ApplicationStatus.SUBMITTED: [ApplicationStatus.SUBMITTED],
    ApplicationStatus.SEEN: [ApplicationStatus.SUBMITTED, ApplicationStatus.SEEN],
    ApplicationStatus.INTERVIEW: [
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.SEEN,
        ApplicationStatus.INTERVIEW,
    ],
    ApplicationStatus.OFFERED: [
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.INTERVIEW,
        ApplicationStatus.OFFERED,
    ],
    ApplicationStatus.REJECTED: [
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.SEEN,
        ApplicationStatus.REJECTED,
    ],
    ApplicationStatus.WITHDRAWN: [ApplicationStatus.SUBMITTED, ApplicationStatus.WITHDRAWN],
    ApplicationStatus.EXPIRED: [ApplicationStatus.SUBMITTED, ApplicationStatus.EXPIRED],
}


def _applications(rng, seekers, vacancies, now, count=900) -> int:
    live = [v for v in vacancies if v.status == VacancyStatus.LIVE]
    weights = [30, 15, 10, 6, 15, 6, 4]
    finals = list(PATHS)
    rows, paths, seen_pairs = [], [], set()
    while len(rows) < count:
        seeker, vacancy = rng.choice(seekers), rng.choice(live)
        if (seeker.pk, vacancy.pk) in seen_pairs:
            continue
        seen_pairs.add((seeker.pk, vacancy.pk))
        path = PATHS[rng.choices(finals, weights)[0]]
        when = now - datetime.timedelta(hours=rng.randint(1, 24 * 20))
        rows.append(
            Application(
                vacancy=vacancy,
                seeker=seeker,
                status=path[-1],
                channel=rng.choices([Channel.ONLINE, Channel.COUNTER], [75, 25])[0],
                created_at=when,
                status_changed_at=when,
            )
        )
        paths.append(path)
    created = Application.objects.bulk_create(rows, batch_size=500)
    events = []
    for application, path in zip(created, paths, strict=True):
        previous = ""
        for step in path:
            events.append(
                ApplicationEvent(
                    application=application, from_status=previous, to_status=step, note="demo"
                )
            )
            previous = step
    ApplicationEvent.objects.bulk_create(events, batch_size=1000)
    # Hires go through the service so the ledger opens an employment spell for each.
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    offered = [a for a in created if a.status == ApplicationStatus.OFFERED][:40]
    for application in offered:
        try:
            transition_application(application=application, to=ApplicationStatus.HIRED, by=admin)
        except ValidationError:
            continue  # the person's ledger already records a later status
    return len(created)


def run(rng: random.Random) -> str:
    if Employer.objects.filter(name=FIRST_EMPLOYER).exists():
        return "platform: already built"
    now = timezone.now()
    employers = _employers(rng, now)
    vacancies = _vacancies(rng, employers, now)
    seekers = _seekers(rng)
    applications = _applications(rng, seekers, vacancies, now)
    first = employers[0]
    ensure_user("employer", role=Role.EMPLOYER, first_name="瑶山食品 韦经理", employer=first)
    seeker = seekers[0]
    ensure_user("seeker", role=Role.JOB_SEEKER, first_name=seeker.person.name, person=seeker.person)
    live = sum(1 for v in vacancies if v.status == VacancyStatus.LIVE)
    return (
        f"platform: {len(employers)} employers, {live} live vacancies, {len(seekers)} job seekers, "
        f"{applications} applications"
    )

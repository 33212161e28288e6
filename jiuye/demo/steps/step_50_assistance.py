"""Employment assistance in Du'an (451228): certifications in every state, zero-employment
cases (some overdue, some cleared), home visits with follow-ups, welfare posts with
placements and monthly records. Uses the ledger's people when step_20 made them, and
creates the few it needs through jiuye.people.services otherwise."""

import datetime
import random

from stdnum.cn import ric

from jiuye.accounts.models import User
from jiuye.assistance.allocation_runs import start_allocation_run
from jiuye.assistance.enums import (
    CaseCloseReason,
    CertificationAction,
    PlacementEndReason,
    PostType,
    VisitNeed,
)
from jiuye.assistance.models import Certification, DifficultyCategory, Placement, WelfarePost
from jiuye.assistance.services import (
    apply_for_certification,
    close_case,
    detect_zero_employment_households,
    expire_certifications,
    mark_refused_offers,
    record_job_offer,
    record_visit,
    transition_certification,
)
from jiuye.assistance.welfare import (
    create_post,
    end_placement,
    propose_allocation,
    record_post_month,
)
from jiuye.geo.models import Region
from jiuye.people.enums import EmploymentStatus, PersonGroup, Relation, SpellSource
from jiuye.people.models import GroupMembership, Household, Person
from jiuye.people.services import create_person, current_spell, record_employment_status

COUNTY = "451228"
SURNAMES = "韦蓝覃黄潘罗蒙陆莫梁卢兰"
GIVEN = "丽华志强秀英建国春梅海燕德明桂芳永福金凤世军玉兰光荣美玲"
DAY = datetime.timedelta(days=1)


def _id_number(rng: random.Random, birth: datetime.date, sex: str, seq: int) -> str:
    # Du'an's code is 451228 since 2002 and 452730 before: the number must use the code in
    # force in the birth year.
    area = COUNTY if birth.year >= 2002 else "452730"
    digits = seq % 500 * 2 + (1 if sex == "M" else 0)
    body = f"{area}{birth:%Y%m%d}{digits:03d}"
    return body + ric.calc_check_digit(body + "0")


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice([1, 2])))


def _make_household(rng, village: Region, index: int, by, today) -> list[Person]:
    household = Household.objects.create(
        # Numbered like the ledger's own households (village code + 4 digits), from 9001 up
        number=f"{village.code}{9001 + index}",
        region=village,
        address=f"{village.name}",
    )
    members = []
    for k in range(rng.choice([2, 2, 3])):
        sex = "M" if k == 0 else rng.choice("MF")
        birth = datetime.date(rng.randint(1966, 2004), rng.randint(1, 12), rng.randint(1, 28))
        for attempt in range(20):
            number = _id_number(rng, birth, sex, rng.randint(1, 499) + attempt)
            if not Person.objects.with_id_number(number).exists():
                break
        person = create_person(
            id_number=number,
            name=_name(rng),
            region_code=village.code,
            household=household,
            relation=Relation.HEAD if k == 0 else Relation.SPOUSE,
            by=by,
        )
        members.append(person)
    household.head = members[0]
    household.save(update_fields=["head"])
    return members


def _refusals_closures_and_person_visits(rng, area, township_user, village_user, today) -> int:
    """One household that refused three suitable offers (marked), one case closed because
    the household moved away, and visits to single people (certified, not in a household
    case) with a follow-up by the village cadre. Returns the visits made."""
    from jiuye.assistance.models import ZeroEmploymentCase

    open_cases = list(
        ZeroEmploymentCase.objects.filter(region__code__startswith=area, status="open")
        .order_by("id")
        .select_related("household")
    )
    if len(open_cases) >= 2:
        refusing, moved = open_cases[-1], open_cases[-2]
        for weeks, job in enumerate(
            (
                "都安县工业园 普工 月薪2800元",
                "县城物业公司 保安 月薪2600元",
                "镇上扶贫车间 缝纫工 计件",
            )
        ):
            record_job_offer(
                case=refusing,
                offered_on=today - (30 - 7 * weeks) * DAY,
                description=job,
                refused=True,
                note="本人以照顾老人为由拒绝",
                by=township_user,
            )
        mark_refused_offers(case=refusing, on=today - 5 * DAY, by=township_user)
        close_case(
            case=moved,
            reason=CaseCloseReason.MOVED_AWAY,
            note="全家户口迁往南宁市西乡塘区",
            by=township_user,
        )
    visits = 0
    certified = (
        Certification.objects.filter(region__code__startswith=area, status="certified")
        .select_related("person")
        .order_by("id")[:4]
    )
    for certification in certified:
        owner = (
            village_user
            if village_user and village_user.covers(certification.region_id)
            else township_user
        )
        record_visit(
            person=certification.person,
            visited_on=today - rng.randint(2, 12) * DAY,
            visitors="韦海燕",
            needs=[VisitNeed.WELFARE_POST, VisitNeed.BENEFIT],
            findings="本人腿脚不便，希望在村里就近就业。",
            outcome="已推荐村级公益性岗位，协助申请灵活就业社保补贴。",
            tasks=[("协助提交社保补贴申请材料", owner, today + 5 * DAY)],
            by=township_user,
        )
        visits += 1
    return visits


def run(rng: random.Random) -> str:
    if Certification.objects.filter(region__code__startswith=COUNTY).exists():
        return "assistance: already there"
    today = datetime.date.today()
    county = User.objects.filter(username="county").first()
    township_user = User.objects.filter(username="township").first() or county
    townships = list(Region.objects.filter(parent_id=COUNTY).order_by("code")[:3])
    villages = list(Region.objects.filter(parent__in=townships).order_by("code"))
    if not villages:
        return "assistance: no villages in Du'an (run step_00_base first)"
    long_ago = today - 120 * DAY

    # Households: some zero-employment since long ago (overdue cases), some whose member
    # finds work (cleared), some recently out of work (open, not overdue).
    households = []
    for index, village in enumerate(villages * 4):
        members = _make_household(rng, village, index, county, today)
        households.append(members)
        for person in members:
            record_employment_status(
                person=person,
                status=EmploymentStatus.UNEMPLOYED,
                start=long_ago,
                source=SpellSource.VISIT,
            )
            if rng.random() < 0.8:
                GroupMembership.objects.create(
                    person=person, group=PersonGroup.LIFTED_OUT_OF_POVERTY
                )
            if rng.random() < 0.1:
                GroupMembership.objects.create(person=person, group=PersonGroup.DISABLED)
    for members in households[-6:]:  # out of work only lately: fresh cases
        record_employment_status(
            person=members[0],
            status=EmploymentStatus.EMPLOYED_IN_COUNTY,
            start=long_ago + DAY,
            source=SpellSource.VISIT,
            employer_name="都安县某建材厂",
        )
        record_employment_status(
            person=members[0],
            status=EmploymentStatus.UNEMPLOYED,
            start=today - 10 * DAY,
            source=SpellSource.VISIT,
        )
    detect_zero_employment_households(as_of=today - 45 * DAY, area_code=COUNTY)
    for members in households[: len(households) // 5]:
        record_employment_status(
            person=members[0],
            status=EmploymentStatus.EMPLOYED_OUTSIDE_PROVINCE,
            start=today - 20 * DAY,
            source=SpellSource.VISIT,
            employer_name="深圳市某电子厂",
        )
    result = detect_zero_employment_households(as_of=today, area_code=COUNTY)

    # Certifications in every state.
    category_list = list(DifficultyCategory.objects.filter(province_code=""))
    people = [p for members in households[len(households) // 5 :] for p in members]
    rng.shuffle(people)
    states = (
        ["applied"] * 3
        + ["verified"] * 3
        + ["on_notice"] * 5
        + ["certified"] * 12
        + ["rejected"] * 2
        + ["revoked"] * 2
        + ["expired"] * 2
    )
    A = CertificationAction
    for person, state in zip(people, states, strict=False):
        back = {"certified": 40, "revoked": 40, "expired": 800}.get(state, 8)
        applied = today - back * DAY
        local = (
            township_user if township_user and township_user.covers(person.region_id) else county
        )
        c = apply_for_certification(
            person=person,
            category=rng.choice(category_list),
            applied_on=applied,
            by=local,
            by_person=rng.random() < 0.4,
            statement="本人申请认定为就业困难人员",
        )
        steps = {
            "applied": [],
            "verified": [(A.VERIFY, 2)],
            "on_notice": [(A.VERIFY, 2), (A.PUBLISH, 4)],
            "certified": [(A.VERIFY, 2), (A.PUBLISH, 4), (A.APPROVE, 20)],
            "rejected": [(A.VERIFY, 2), (A.REJECT, 3)],
            "revoked": [(A.VERIFY, 2), (A.PUBLISH, 4), (A.APPROVE, 20), (A.REVOKE, 30)],
            # Certified two years ago: the daily run below marks it expired.
            "expired": [(A.VERIFY, 2), (A.PUBLISH, 4), (A.APPROVE, 20)],
        }[state]
        for action, offset in steps:
            by = county if action in (A.APPROVE, A.REVOKE) else local
            note = {
                A.VERIFY: "入户核实：家庭情况属实",
                A.REJECT: "家庭成员有稳定收入，不符合认定条件",
                A.REVOKE: "本人已稳定就业",
            }.get(action, "")
            c = transition_certification(
                certification=c, action=action, by=by, on=applied + offset * DAY, note=note
            )

    expire_certifications(today=today)

    # Home visits, with follow-ups (some overdue, some owned by the village cadre) and job
    # offers.
    from jiuye.assistance.models import ZeroEmploymentCase

    village_user = User.objects.filter(username="village").first()
    visits = 0
    area = township_user.area_code if township_user else COUNTY
    for case in ZeroEmploymentCase.objects.filter(
        region__code__startswith=area, status="open"
    ).select_related("household")[:15]:
        visited = case.opened_on + rng.randint(3, 20) * DAY
        if visited > today:
            continue
        record_visit(
            household=case.household,
            visited_on=visited,
            visitors="蓝志强、覃秀英",
            needs=rng.sample([n.value for n in VisitNeed], 2),
            findings="夫妻二人在家务农，有外出务工意愿，缺少技能。",
            outcome="已登记求职意向，推荐参加电工培训。",
            tasks=[("推荐县城工业园岗位", township_user, visited + 14 * DAY)]
            + (
                [("一周后电话回访就业意向", village_user, visited + 7 * DAY)]
                if village_user is not None and village_user.covers(case.region_id)
                else []
            ),
            by=township_user,
        )
        record_job_offer(
            case=case,
            offered_on=visited,
            description="都安县工业园 包装工 月薪3000元",
            refused=rng.random() < 0.5,
            by=township_user,
        )
        visits += 1
    visits += _refusals_closures_and_person_visits(rng, area, township_user, village_user, today)

    # Welfare posts in the demo villages and the county seat, allocated optimally.
    titles = {
        PostType.VILLAGE_TEMPORARY: ("护林员", "生态护林"),
        PostType.VILLAGE_WELFARE: ("保洁员", "村屯保洁"),
        PostType.URBAN_WELFARE: ("社区协管员", "社区服务"),
    }
    posts = 0
    for index, village in enumerate(villages):
        post_type = [PostType.VILLAGE_TEMPORARY, PostType.VILLAGE_WELFARE][index % 2]
        title, duty = titles[post_type]
        create_post(
            by=county,
            post_type=post_type,
            title=title,
            region_code=village.code,
            host_unit=f"{village.name}村民委员会",
            duties=duty,
            funding_source="中央财政衔接推进乡村振兴补助资金",
            monthly_subsidy=rng.choice([600, 800, 880]),
            places=rng.randint(1, 3),
            start_date=today - 90 * DAY,
        )
        posts += 1
    create_post(
        by=county,
        post_type=PostType.URBAN_WELFARE,
        title="社区协管员",
        region_code=townships[0].code,
        host_unit=f"{townships[0].name}社区服务中心",
        duties="社区服务",
        funding_source="就业补助资金",
        monthly_subsidy=1500,
        places=3,
        start_date=today - 90 * DAY,
    )
    posts += 1
    start = today - 60 * DAY
    proposals = propose_allocation(area_code=COUNTY, as_of=start)
    # Confirmed on the allocation page two months ago (placed at once here, not by the
    # background worker).
    run = start_allocation_run(
        area_code=COUNTY,
        pairs=[(p.post_id, p.person_id) for p in proposals],
        start_date=start,
        by=county,
        background=False,
    )
    placed = list(
        Placement.objects.filter(post__region__code__startswith=COUNTY, start_date=start)
        .select_related("post", "person")
        .order_by("pk")
    )
    # Each host unit reports its people's days worked month by month.
    for month_offset in (0, 1):
        month = (start.replace(day=1) + 32 * month_offset * DAY).replace(day=1)
        by_post: dict[WelfarePost, dict[int, int]] = {}
        for placement in placed:
            days = rng.choice([22, 22, 20, 18])
            by_post.setdefault(placement.post, {})[placement.pk] = days
        for welfare_post, days in by_post.items():
            record_post_month(post=welfare_post, month=month, days_worked=days, by=township_user)
    if placed:
        last = placed[-1]
        if current_spell(last.person, today) is not None:
            end_placement(
                placement=last,
                end_date=today - 5 * DAY,
                reason=PlacementEndReason.FOUND_JOB,
                by=county,
            )
    return (
        f"assistance: {len(households)} households ({result['opened']} new zero-employment "
        f"cases, {result['cleared']} cleared), {len(states)} certifications, {visits} visits, "
        f"{posts} welfare posts, {run.placed} placed"
    )

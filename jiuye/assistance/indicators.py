"""Employment assistance indicators (see docs/indicators.md). People count in the area of
their household registration, households in the household's area, welfare placements in
the post's area. Labels live in jiuye/stats/texts.py."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.functional import lazy

from jiuye.assistance.enums import CaseStatus, CertificationStatus, PostType
from jiuye.assistance.models import Certification, HomeVisit, Placement, ZeroEmploymentCase
from jiuye.people.enums import PersonGroup
from jiuye.people.models import GroupMembership, Household, Person
from jiuye.stats import texts as t
from jiuye.stats.catalogue import PERIOD, CountIndicator, Query, register
from jiuye.stats.indicators import started_work_spells

# A certification that was granted (and may have lapsed since).
HELD = (CertificationStatus.CERTIFIED, CertificationStatus.EXPIRED)


@register
class DifficultyPeopleEmployed(CountIndicator):
    code = "difficulty_people_employed"
    version = 2  # 2: certifications that have lapsed since count (1: only those still certified)
    label = t.DIFFICULTY_PEOPLE_EMPLOYED
    unit = t.PEOPLE
    timing = PERIOD
    description = t.DIFFICULTY_PEOPLE_EMPLOYED_DESC
    live = True  # reads employment spells

    def rows(self, q: Query) -> QuerySet:
        certified = Certification.objects.filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=OuterRef("start")),
            person=OuterRef("person"),
            # A certification that has lapsed since still held on the day the job started.
            status__in=HELD,
            certified_on__lte=OuterRef("start"),
        )
        spells = started_work_spells(q.period_start, q.as_of).filter(
            Exists(certified), person=OuterRef("pk")
        )
        # Only certified people can count: the planner starts from their (few) ids instead
        # of testing every person of the area for a new job (the same rows).
        ever = Certification.objects.filter(status__in=HELD)
        return Person.objects.filter(Exists(spells), pk__in=ever.values("person_id"))


PLACEMENT_COLUMNS = (
    (t.COL_PERSON, "person__name"),
    (t.COL_POST, "post__title"),
    (t.COL_POST_TYPE, "post__get_post_type_display"),
    (t.COL_FROM, "start_date"),
    (t.COL_AREA, "post__region__name"),
)


class WelfarePlacements(CountIndicator):
    timing = PERIOD
    unit = t.PLACEMENTS
    subject = "placement"
    area_field = "post__region_id"
    columns = PLACEMENT_COLUMNS
    select_related = ("person", "post__region")

    def rows(self, q: Query) -> QuerySet:
        return Placement.objects.filter(start_date__gte=q.period_start, start_date__lte=q.as_of)


@register
class WelfarePostsFilled(WelfarePlacements):
    code = "welfare_posts_filled"
    label = t.WELFARE_POSTS_FILLED
    description = t.WELFARE_POSTS_FILLED_DESC


class WelfarePostsFilledOfType(WelfarePlacements):
    description = t.WELFARE_POSTS_FILLED_TYPE_DESC

    def __init__(self, post_type: PostType):
        self.post_type = post_type
        self.code = f"welfare_posts_filled_{post_type.value}"
        # Translated when shown, not at import.
        self.label = lazy(
            lambda: str(t.WELFARE_POSTS_FILLED_TYPE) % {"type": post_type.label}, str
        )()
        self.module = "jiuye.assistance"

    def rows(self, q: Query) -> QuerySet:
        return super().rows(q).filter(post__post_type=self.post_type)


for _post_type in PostType:
    register(WelfarePostsFilledOfType(_post_type))


@register
class WelfarePostsDisabled(WelfarePlacements):
    code = "welfare_posts_disabled"
    label = t.WELFARE_POSTS_DISABLED
    description = t.WELFARE_POSTS_DISABLED_DESC
    live = True  # reads group memberships

    def rows(self, q: Query) -> QuerySet:
        disabled = GroupMembership.objects.filter(
            Q(start__isnull=True) | Q(start__lte=OuterRef("start_date")),
            Q(end__isnull=True) | Q(end__gt=OuterRef("start_date")),
            person=OuterRef("person"),
            group=PersonGroup.DISABLED,
        )
        return super().rows(q).filter(Exists(disabled))


@register
class ZeroEmploymentHouseholdsCleared(CountIndicator):
    code = "zero_employment_households_cleared"
    label = t.CLEARED
    unit = t.HOUSEHOLDS
    timing = PERIOD
    subject = "household"
    description = t.CLEARED_DESC

    def rows(self, q: Query) -> QuerySet:
        cleared = ZeroEmploymentCase.objects.filter(
            household=OuterRef("pk"),
            status=CaseStatus.CLEARED,
            cleared_on__gte=q.period_start,
            cleared_on__lte=q.as_of,
        )
        return Household.objects.filter(Exists(cleared))


@register
class HouseholdsVisited(CountIndicator):
    code = "households_visited"
    label = t.VISITED
    unit = t.HOUSEHOLDS
    timing = PERIOD
    subject = "household"
    description = t.VISITED_DESC

    def rows(self, q: Query) -> QuerySet:
        visits = HomeVisit.objects.filter(
            household=OuterRef("pk"), visited_on__gte=q.period_start, visited_on__lte=q.as_of
        )
        return Household.objects.filter(Exists(visits))

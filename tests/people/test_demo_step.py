import random

from django.db.models import Count, Q

from jiuye.demo.steps import step_20_people
from jiuye.geo.enums import RegionLevel
from jiuye.occupations.models import Occupation
from jiuye.people.models import (
    Certificate,
    EmploymentSpell,
    GroupMembership,
    Household,
    Person,
    Skill,
)


def test_demo_ledger_is_realistic_and_consistent(regions):
    Occupation.objects.create(code="6-29-01-03", level=4, name="砌筑工")
    Occupation.objects.create(code="4-10-01-03", level=4, name="保育师")
    message = step_20_people.run(random.Random(1))
    assert message.startswith("people:")
    assert Person.objects.count() > 500
    assert Household.objects.filter(head__isnull=True).count() == 0
    # Most households live in villages; some are registered in a township's town (urban)
    in_towns = Person.objects.filter(region__level=RegionLevel.TOWNSHIP)
    assert 0 < in_towns.count() < Person.objects.count() / 4
    assert not GroupMembership.objects.filter(person__in=in_towns, group="farmer").exists()
    open_spells = Person.objects.annotate(n=Count("spells", filter=Q(spells__end__isnull=True)))
    assert not open_spells.filter(n__gt=1).exists()
    for spell in EmploymentSpell.objects.filter(end__isnull=False):
        assert spell.end > spell.start
    away = EmploymentSpell.objects.filter(end__isnull=True, status="employed_outside")
    assert away.filter(region__code__startswith="44").count() == away.count() > 0
    assert Skill.objects.filter(occupation_code="6-29-01-03").exists()
    assert Certificate.objects.filter(kind="skill_level").exclude(level="").exists()
    # Hechi is mostly Zhuang and Yao; groups carry their dates
    assert Person.objects.filter(ethnicity="08").count() > Person.objects.count() / 3
    assert Person.objects.filter(ethnicity="13").exists()
    lifted = GroupMembership.objects.filter(group="lifted")
    assert lifted.exists() and not lifted.filter(start__isnull=True).exists()
    assert step_20_people.run(random.Random(1)) == "people: already there"

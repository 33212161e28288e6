import random

from django.db.models import Count, Q

from jiuye.demo.steps import step_20_people
from jiuye.people.models import EmploymentSpell, Household, Person


def test_demo_ledger_is_realistic_and_consistent(regions):
    message = step_20_people.run(random.Random(1))
    assert message.startswith("people:")
    assert Person.objects.count() > 500
    assert Household.objects.filter(head__isnull=True).count() == 0
    open_spells = Person.objects.annotate(n=Count("spells", filter=Q(spells__end__isnull=True)))
    assert not open_spells.filter(n__gt=1).exists()
    for spell in EmploymentSpell.objects.filter(end__isnull=False):
        assert spell.end > spell.start
    away = EmploymentSpell.objects.filter(end__isnull=True, status="employed_outside")
    assert away.filter(region__code__startswith="44").count() == away.count() > 0
    assert step_20_people.run(random.Random(1)) == "people: already there"

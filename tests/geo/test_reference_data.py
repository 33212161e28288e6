from io import StringIO

import pytest
from django.core.management import call_command

from jiuye.geo.enums import RegionLevel
from jiuye.geo.models import Region
from jiuye.occupations.models import Occupation
from jiuye.occupations.services import DATA_FILE


def load() -> str:
    out = StringIO()
    call_command("load_reference", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_reference_data_counts_are_exact():
    load()
    counts = {level: Region.objects.filter(level=level).count() for level in RegionLevel}
    assert counts[RegionLevel.PROVINCE] == 31
    assert counts[RegionLevel.CITY] == 342
    assert counts[RegionLevel.COUNTY] == 2978
    assert counts[RegionLevel.TOWNSHIP] == 41352
    # 2,051 published rows; three are repeated word for word, so 2,048 distinct nodes.
    assert Occupation.objects.count() == 2048
    published = DATA_FILE.read_text(encoding="utf-8").strip().splitlines()[1:]
    assert len(published) == 2051
    # 1,634 occupation rows, two of them repeats.
    assert Occupation.objects.filter(level=4).count() == 1632


@pytest.mark.django_db
def test_load_reference_twice_changes_nothing():
    load()
    before = list(Region.objects.order_by("code").values_list("code", "name", "parent_id"))
    occupations = list(Occupation.objects.order_by("pk").values_list("pk", "parent_id", "name"))
    second = load()
    assert "0 created, 0 updated, 44703 unchanged" in second
    assert "occupations: 0 created, 0 updated, 2048 unchanged" in second
    assert list(Region.objects.order_by("code").values_list("code", "name", "parent_id")) == before
    assert list(Occupation.objects.order_by("pk").values_list("pk", "parent_id", "name")) == (
        occupations
    )


@pytest.mark.django_db
def test_hierarchy_follows_code_prefixes():
    load()
    du_an = Region.objects.get(code="451228")
    assert du_an.name == "都安瑶族自治县"
    assert du_an.parent_id == "4512"
    assert [r.code for r in du_an.ancestors()] == ["45", "4512"]
    assert Region.objects.filter(parent_id="4512").count() == 11
    township = Region.objects.filter(parent_id="451228").first()
    assert township.level == RegionLevel.TOWNSHIP and township.code.startswith("451228")


@pytest.mark.django_db
def test_occupation_tree_links_to_the_nearest_existing_group():
    load()
    unit = Occupation.objects.get(code="4-01-02-01", level=4)
    assert [unit.parent.code, unit.parent.parent.code] == ["4-01-02-00", "4-01-00-00"]
    # Published irregularities: an occupation directly under a medium group...
    assert Occupation.objects.get(code="1-01-00-01").parent.code == "1-01-00-00"
    # ...and a code that is both a minor group and its own single occupation.
    leaf = Occupation.objects.get(code="2-03-01-00", level=4)
    assert leaf.parent.code == "2-03-01-00" and leaf.parent.level == 3
    assert Occupation.objects.filter(level=1, parent__isnull=False).count() == 0
    assert Occupation.objects.filter(level__gt=1, parent__isnull=True).count() == 0

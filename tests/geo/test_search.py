"""Finding an area by what a person types: names, parts of names, names with the areas
above them, and codes."""

import pytest
from django.utils import translation

from jiuye.geo.enums import RegionLevel
from jiuye.geo.search import (
    AreaNames,
    AreaNotFound,
    bare_name,
    covers,
    resolve_area,
    search_areas,
)
from jiuye.geo.services import upsert_regions


@pytest.fixture
def two_changans(regions):
    """Two townships called 长安镇: one in Dongguan, one in Fengkai county (Zhaoqing)."""
    upsert_regions(
        [
            ("4419", "东莞市", RegionLevel.CITY),
            ("441900", "东莞市", RegionLevel.COUNTY),
            ("441900119", "长安镇", RegionLevel.TOWNSHIP),
            ("4412", "肇庆市", RegionLevel.CITY),
            ("441225", "封开县", RegionLevel.COUNTY),
            ("441225115", "长安镇", RegionLevel.TOWNSHIP),
        ]
    )
    return regions


def test_a_county_by_part_of_its_name_comes_first_with_its_full_name(regions):
    found = search_areas("都安")
    assert found[0].code == "451228"
    assert found[0].full_name == "广西壮族自治区河池市都安瑶族自治县"


def test_a_township_by_its_bare_name_inside_an_area(regions):
    found = search_areas("安阳", within="451228")
    assert [a.code for a in found] == ["451228100"]
    assert found[0].full_name.endswith("河池市都安瑶族自治县安阳镇")


def test_words_before_the_last_narrow_by_the_areas_above(two_changans):
    both = {a.code for a in search_areas("长安")}
    assert {"441900119", "441225115"} <= both
    assert [a.code for a in search_areas("东莞 长安")] == ["441900119"]
    assert [a.code for a in search_areas("肇庆，长安镇")] == ["441225115"]


def test_a_code_or_its_start_finds_the_areas_under_it(regions):
    found = search_areas("4512 28")
    assert found[0].code == "451228" and all(a.code.startswith("451228") for a in found)
    assert [a.code for a in search_areas(regions["village"])] == [regions["village"]]


def test_min_level_keeps_larger_areas_out(regions):
    found = search_areas("451228", min_level=RegionLevel.TOWNSHIP)
    assert found and all(a.level >= RegionLevel.TOWNSHIP for a in found)


def test_nothing_typed_finds_nothing(regions):
    assert search_areas("  ") == []


def test_resolve_a_unique_name_a_code_and_a_name_with_its_city(two_changans):
    assert resolve_area("安阳镇").code == "451228100"
    assert resolve_area(" 4512 28100 ").code == "451228100"
    assert resolve_area("东莞 长安").code == "441900119"
    assert resolve_area("长安", within="4412").code == "441225115"


@pytest.mark.parametrize(
    ("text", "kwargs", "message"),
    [
        ("长安", {}, "Several areas"),
        ("没有这个地方", {}, "No area here"),
        ("999999", {}, "no area with the code 999999"),
        ("451221", {"within": "451228"}, "outside your own"),
        ("4512", {"min_level": RegionLevel.TOWNSHIP}, "Pick a smaller area"),
        ("", {}, "Pick an area"),
    ],
)
def test_resolve_says_why_it_cannot(two_changans, text, kwargs, message):
    with translation.override("en"), pytest.raises(AreaNotFound, match=message):
        resolve_area(text, **kwargs)


@pytest.mark.parametrize(
    ("name", "bare"),
    [
        ("安阳镇", "安阳"),
        ("东莞市", "东莞"),
        ("长安街道", "长安"),
        ("下良屯村", "下良屯"),
        ("乡", "乡"),
        ("都安瑶族自治县", "都安"),
        ("黔南布依族苗族自治州", "黔南"),
        ("广西壮族自治区", "广西"),
    ],
)
def test_bare_name_drops_the_kind_of_area(name, bare):
    assert bare_name(name) == bare


def test_a_name_repeated_by_the_level_below_is_said_once(two_changans):
    assert resolve_area("东莞 长安").full_name == "广东省东莞市长安镇"


def test_among_equal_matches_the_users_own_city_comes_first(regions):
    upsert_regions([("520102999", "都安乡", RegionLevel.TOWNSHIP)])  # made up, in Guiyang
    assert [a.code for a in search_areas("都安", near="4512")][:2] == ["451228", "520102999"]
    assert [a.code for a in search_areas("都安", near="5201")][:2] == ["520102999", "451228"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("深圳市南山区", "440305"),
        ("深圳南山", "440305"),  # 南山区 holds its 南山街道: the district is meant
        ("广东省深圳市南山区", "440305"),
        ("广东东莞长安镇", "441900119"),
        ("都安安阳镇", "451228100"),
    ],
)
def test_names_run_together_as_a_spreadsheet_writes_them(two_changans, text, code):
    assert resolve_area(text).code == code


def test_run_together_names_must_be_in_order(two_changans):
    with pytest.raises(AreaNotFound):
        resolve_area("南山深圳")


def test_area_names_in_memory_resolve_villages_by_name_and_township(regions):
    names = AreaNames("451228", min_level=RegionLevel.TOWNSHIP)
    assert names.resolve("安阳镇") == "451228100"
    assert names.resolve("安阳镇测试1村") == regions["village"]
    assert names.resolve("安阳 测试1村") == regions["village"]
    assert names.resolve("都安县安阳镇测试1村") == regions["village"]  # a plainer kind
    with translation.override("en"):
        with pytest.raises(AreaNotFound, match="Several areas"):
            names.resolve("测试1村")  # every township of the slice has one
        with pytest.raises(AreaNotFound, match="No area here"):
            names.resolve("南丹县")  # outside the area


@pytest.mark.parametrize(
    ("prefix", "names", "covered"),
    [
        ("广东深圳", ["广东省", "深圳市"], True),
        ("广东省深圳市", ["广东省", "深圳市"], True),
        ("深圳", ["广东省", "深圳市"], True),  # a level left out
        ("深圳广东", ["广东省", "深圳市"], False),  # out of order
        ("都安县", ["广西壮族自治区", "河池市", "都安瑶族自治县"], True),
        ("贵州镇宁", ["贵州省", "安顺市", "镇宁布依族苗族自治县"], True),  # 镇 starts a name
        ("", ["广东省"], True),
        ("上海", ["广东省", "深圳市"], False),
    ],
)
def test_covers_reads_the_areas_above_in_any_plain_form(prefix, names, covered):
    assert covers(prefix, names) is covered

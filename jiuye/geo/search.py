"""Finding an area by what a person types: its name (or part of it, with the names of the
areas above it to tell apart the many 长安镇), or its code.

Staff know a village as 下良屯村 in 安阳镇, and a migrant's workplace as 东莞 长安, not as
twelve digits; forms pick areas through `search_areas` and accept a typed name through
`resolve_area`."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from jiuye.geo.enums import CODE_LENGTHS, RegionLevel
from jiuye.geo.models import Region

# Names that only say "the districts under this city": left out of a full name.
_FILLER_NAMES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
_LENGTHS = sorted(CODE_LENGTHS.values())
CANDIDATES = 400  # areas whose own name matches, before the other words narrow them


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    level: int
    full_name: str  # 广东省东莞市长安镇


class AreaNotFound(ValueError):
    """`resolve_area` found no area, or more than one, for what was typed."""


def _ancestor_codes(code: str) -> list[str]:
    return [code[:n] for n in _LENGTHS if n < len(code)]


def name_chains(regions: list[tuple[str, str, int]]) -> dict[str, list[str]]:
    """{code: its names from the province down, itself last} for (code, name, level) rows,
    in one query; filler names left out and a name repeated by the level below said once
    (东莞市 is a city and, under it, the county-level 东莞市 again)."""
    wanted = {a for code, _name, _level in regions for a in _ancestor_codes(code)}
    names = dict(Region.objects.filter(code__in=wanted).values_list("code", "name"))
    chains = {}
    for code, name, _level in regions:
        chain: list[str] = []
        for part in [names.get(a, "") for a in _ancestor_codes(code)] + [name]:
            if part and part not in _FILLER_NAMES and (not chain or chain[-1] != part):
                chain.append(part)
        chains[code] = chain
    return chains


def full_names(regions: list[tuple[str, str, int]]) -> dict[str, str]:
    """{code: the names from the province down, run together} (广东省东莞市长安镇)."""
    return {code: "".join(chain) for code, chain in name_chains(regions).items()}


_SUFFIXES = sorted(
    ["街道办事处", "街道", "社区居委会", "居委会", "村委会", "社区", "自治县", "自治州",
     "自治区", "镇", "乡", "村", "屯", "市", "县", "区", "省"],
    key=len,
    reverse=True,
)  # fmt: skip


# 都安瑶族自治县, 黔南布依族苗族自治州, 广西壮族自治区: the place, then its peoples.
_AUTONOMOUS = re.compile(r"^(.{2,}?)(?:[^族]{1,4}族)+自治[县州旗区]$")


def bare_name(name: str) -> str:
    """The name without its kind: 安阳镇 → 安阳, 东莞市 → 东莞, 都安瑶族自治县 → 都安 (what
    people say)."""
    autonomous = _AUTONOMOUS.match(name)
    if autonomous:
        return autonomous.group(1)
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def _words(text: str) -> list[str]:
    return [w for w in text.replace("，", " ").replace(",", " ").split() if w]


def search_areas(
    text: str, *, within: str = "", min_level: int = 1, near: str = "", limit: int = 12
) -> list[Area]:
    """The areas that match `text`, best first: a code or the start of one, or words each
    found in the area's full name, the last in the area's own name (`东莞 长安` is 长安镇
    of 东莞市). Only areas under `within` (a code prefix) and at `min_level` or below; among
    equally good matches, those under `near` (the user's city) first."""
    words = _words(text)
    if not words:
        return []
    regions = Region.objects.filter(level__gte=min_level)
    if within:
        regions = regions.filter(code__startswith=within)
    digits = "".join(words)
    if digits.isdigit():
        rows = list(
            regions.filter(code__startswith=digits)
            .order_by("level", "code")
            .values_list("code", "name", "level")[:limit]
        )
        names = full_names(rows)
        return [Area(code, name, level, names[code]) for code, name, level in rows]
    last, others = words[-1], words[:-1]
    rows = list(
        regions.filter(name__contains=last)
        .order_by("level", "code")
        .values_list("code", "name", "level")[:CANDIDATES]
    )
    names = full_names(rows)
    found = [
        Area(code, name, level, names[code])
        for code, name, level in rows
        if all(word in names[code][: -len(name)] or word in name for word in others)
    ]

    if not found and not others:
        found = _run_together(last, regions)

    def rank(area: Area) -> tuple:
        exact = last in (area.name, bare_name(area.name)) or area.full_name.endswith(last)
        nearby = bool(near) and area.code.startswith(near)
        return (not exact, not nearby, not area.name.startswith(last), area.level, area.code)

    return sorted(found, key=rank)[:limit]


_KINDS = ["省", "市", "区", "县", "镇", "乡", "街道", "村", "自治县", "自治州", "自治区"]


def covers(prefix: str, names: list[str]) -> bool:
    """Whether `prefix` is some of `names` in order, each whole, without its kind, or with
    a plainer kind (都安县 for 都安瑶族自治县): 广东深圳 and 广东省深圳市 are covered by
    [广东省, 深圳市]; 深圳广东 is not. Every reading is tried, so that 贵州镇宁 is 贵州 and
    镇宁, not 贵州 with a stray 镇."""
    if not prefix:
        return True
    if not names:
        return False
    name, rest = names[0], names[1:]
    readings = []
    if prefix.startswith(name):
        readings.append(prefix[len(name) :])
    bare = bare_name(name)
    if bare != name and prefix.startswith(bare):
        after = prefix[len(bare) :]
        readings.append(after)
        readings.extend(after[len(kind) :] for kind in _KINDS if after.startswith(kind))
    return any(covers(reading, rest) for reading in readings) or covers(prefix, rest)


def names_this(text: str, name: str, chain: list[str]) -> bool:
    """Whether `text` (no spaces) names the area called `name` whose names from the province
    down are `chain`: it ends with the name (or the name without its kind), and what comes
    before names areas above it (`covers`)."""
    return any(
        text.endswith(form) and covers(text[: -len(form)], chain[:-1])
        for form in (name, bare_name(name))
    )


def _run_together(text: str, regions) -> list[Area]:
    """Areas named as written in one run, the way a spreadsheet cell does it: 深圳市南山区,
    深圳南山, 广东东莞长安镇. The area's own name (or its name without its kind) ends the
    text, and what comes before it names areas above it, in order."""
    if len(text) < 3:
        return []
    ends = {text[i:] for i in range(len(text) - 1)}
    candidates = ends | {end + kind for end in ends for kind in _KINDS}
    rows = list(
        regions.filter(name__in=candidates)
        .order_by("level", "code")
        .values_list("code", "name", "level")[:CANDIDATES]
    )
    chains = name_chains(rows)
    return [
        Area(code, name, level, "".join(chains[code]))
        for code, name, level in rows
        if names_this(text, name, chains[code])
    ]


def resolve_area(text: str, *, within: str = "", min_level: int = 1) -> Area:
    """The one area `text` names: its code, or a name that only one area under `within`
    carries (or only one is called exactly so). Raises `AreaNotFound` with a message for
    the person who typed it."""
    text = text.strip()
    if not text:
        raise AreaNotFound(_("Pick an area."))
    compact = "".join(text.split())
    if compact.isdigit():
        row = Region.objects.filter(code=compact).values_list("code", "name", "level").first()
        if row is None:
            raise AreaNotFound(_("There is no area with the code %(code)s.") % {"code": compact})
        if within and not compact.startswith(within):
            raise AreaNotFound(_("That area lies outside your own."))
        if row[2] < min_level:
            raise AreaNotFound(
                _("Pick a smaller area: a %(level)s or one below it.")
                % {"level": RegionLevel(min_level).label.lower()}
            )
        return Area(*row, full_names([row])[row[0]])
    found = search_areas(text, within=within, min_level=min_level, limit=50)
    last = _words(text)[-1]
    exact = [a for a in found if last in (a.name, bare_name(a.name))]
    choices = exact if exact else found
    if len(choices) == 1:
        return choices[0]
    # 南山 is both 南山区 and its 南山街道: the area that holds all the others is meant.
    outer = min(choices, key=lambda a: len(a.code), default=None)
    if outer is not None and all(a.code.startswith(outer.code) for a in choices):
        return outer
    if not choices:
        raise AreaNotFound(_("No area here is called “%(text)s”.") % {"text": text})
    raise AreaNotFound(
        _("Several areas are called “%(text)s”: pick one from the list, or add the county.")
        % {"text": text}
    )


class AreaNames:
    """Areas known by name within one area, in memory: what a spreadsheet's 下良屯村,
    下良屯, 安阳镇下良屯村 or 都安县安阳镇 means, without a query per cell (an import's parser
    runs in a process that has no database connection). Built with one query for the
    areas and one for their ancestors' names."""

    def __init__(self, within: str, min_level: int = 1):
        rows = list(
            Region.objects.filter(code__startswith=within, level__gte=min_level).values_list(
                "code", "name", "level"
            )
        )
        chains = name_chains(rows)
        self._areas = [(code, name, chains[code]) for code, name, _level in rows]

    def resolve(self, text: str) -> str:
        """The code of the one area `text` names (spaces ignored): the end of its full name,
        or its name without its kind. Raises `AreaNotFound` saying why not."""
        compact = "".join(text.split())
        found = [code for code, name, chain in self._areas if names_this(compact, name, chain)]
        if len(found) == 1:
            return found[0]
        if not found:
            raise AreaNotFound(_("No area here is called “%(text)s”.") % {"text": text})
        raise AreaNotFound(
            _("Several areas are called “%(text)s”: add the township (安阳镇下良屯村).")
            % {"text": text}
        )

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


def full_names(regions: list[tuple[str, str, int]]) -> dict[str, str]:
    """{code: the names from the province down} for (code, name, level) rows, in one query."""
    wanted = {a for code, _name, _level in regions for a in _ancestor_codes(code)}
    names = dict(Region.objects.filter(code__in=wanted).values_list("code", "name"))
    full = {}
    for code, name, _level in regions:
        parts: list[str] = []
        for part in [names.get(a, "") for a in _ancestor_codes(code)] + [name]:
            # 东莞市 is a city and, under it, the county-level 东莞市 again: said once.
            if part and part not in _FILLER_NAMES and (not parts or parts[-1] != part):
                parts.append(part)
        full[code] = "".join(parts)
    return full


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

    def rank(area: Area) -> tuple:
        exact = last in (area.name, bare_name(area.name))
        nearby = bool(near) and area.code.startswith(near)
        return (not exact, not nearby, not area.name.startswith(last), area.level, area.code)

    return sorted(found, key=rank)[:limit]


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

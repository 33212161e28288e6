"""The city's areas by name, for pickers: people know their county and township by name,
not by division code."""

from jiuye.geo.enums import RegionLevel
from jiuye.geo.models import Region


def city_areas(city: str) -> tuple[str, list, list]:
    """The city's name, its counties, and its townships grouped by county, for the board's
    area and "near my home area" pickers (people know the names, not the codes)."""
    levels = [RegionLevel.CITY, RegionLevel.COUNTY, RegionLevel.TOWNSHIP]
    regions = Region.objects.filter(code__startswith=city, level__in=levels).order_by("code")
    city_name, counties, townships = "", [], {}
    for code, name, level in regions.values_list("code", "name", "level"):
        if level == RegionLevel.CITY:
            city_name = name
        elif level == RegionLevel.COUNTY:
            counties.append((code, name))
            townships[code] = (name, [])
        elif code[:6] in townships:
            townships[code[:6]][1].append((code, name))
    return city_name, counties, list(townships.values())


def area_choices(city: str, *, counties_too: bool = False) -> list:
    """Form choices: the city's townships grouped by county (an optgroup per county), each
    group led by the county itself when `counties_too`."""
    _name, counties, townships = city_areas(city)
    groups = []
    for (code, name), (_label, places) in zip(counties, townships, strict=True):
        groups.append((name, [(code, name)] * counties_too + places))
    return [("", "---"), *groups]

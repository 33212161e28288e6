"""The demo city: Hechi, Guangxi (4512), its real counties and townships, made-up villages."""

import random

from jiuye.geo.enums import RegionLevel
from jiuye.geo.models import Region
from jiuye.geo.services import upsert_regions

CITY_CODE = "4512"
VILLAGE_WORDS = "弄拉坡那板巴坤洞平江岭龙山塘岩水桥良福新和安东西南北中上下".replace(" ", "")
VILLAGE_SUFFIXES = ["村", "屯村", "社区"]


def ensure_villages(rng: random.Random, per_township: int = 3) -> int:
    """Invent villages (12-digit codes, `is_made_up`) under every real township of the city."""
    rows = []
    townships = Region.objects.filter(level=RegionLevel.TOWNSHIP, code__startswith=CITY_CODE)
    for township in townships.order_by("code"):
        used = set()
        for index in range(1, per_township + 1):
            name = ""
            while not name or name in used:
                name = "".join(rng.sample(VILLAGE_WORDS, 2)) + rng.choice(VILLAGE_SUFFIXES)
            used.add(name)
            rows.append((f"{township.code}{200 + index:03d}", name, RegionLevel.VILLAGE))
    result = upsert_regions(rows, made_up=True)
    return result.created

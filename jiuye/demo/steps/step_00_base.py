"""The city's villages and the staff logins."""

import random

from jiuye.demo import city, users
from jiuye.geo.models import Region

DEMO_COUNTY = "451228"  # Du'an Yao Autonomous County


def run(rng: random.Random) -> str:
    created = city.ensure_villages(rng)
    township = Region.objects.filter(parent_id=DEMO_COUNTY).order_by("code").first()
    village = Region.objects.filter(parent=township).order_by("code").first()
    users.ensure_staff(city.CITY_CODE, DEMO_COUNTY, township.code, village.code)
    return f"villages: {created} made up under the city's real townships"

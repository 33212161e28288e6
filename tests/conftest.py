"""Shared fixtures: a small slice of the real division tree and a user for every role.

Tests build their data through the same services the product uses. The areas below are
real Hechi codes: Du'an (451228) with its townships, and Nandan (451221) as "elsewhere".
"""

import functools

import pytest
from hypothesis import settings as hypothesis_settings

from jiuye.accounts.enums import Role
from jiuye.geo.enums import RegionLevel
from jiuye.geo.services import reference_rows, upsert_regions
from tests.factories import UserFactory

# Property tests check what holds, not how fast: a slow example on a loaded two-core CI
# machine must not fail a test (hypothesis's default deadline is 200 ms an example).
hypothesis_settings.register_profile("jiuye", deadline=None)
hypothesis_settings.load_profile("jiuye")

# Playwright fixtures (`browser`, `page`) for tests marked `browser`, registered once here.
pytest_plugins = ["tests.browser_support"]

CITY = "4512"
COUNTY = "451228"  # 都安瑶族自治县
OTHER_COUNTY = "451221"  # 南丹县
SLICE_CITIES = ("4512", "5201", "4403")  # Hechi, Guiyang, Shenzhen


@functools.cache
def _test_region_rows():
    """Provinces, Hechi and Guiyang with their counties and townships, plus Shenzhen."""
    rows = []
    for code, name, level in reference_rows():
        if level == RegionLevel.PROVINCE or code.startswith(SLICE_CITIES):
            rows.append((code, name, level))
    return rows


def _village_rows():
    from jiuye.geo.models import Region

    rows = []
    for township in Region.objects.filter(parent_id__in=[COUNTY, OTHER_COUNTY]).order_by("code"):
        for index in (1, 2):
            rows.append((f"{township.code}2{index:02d}", f"测试{index}村", RegionLevel.VILLAGE))
    return rows


def _restore_data_migration_rows():
    """Rows that data migrations load (assistance's default categories and rules) are
    flushed by any transactional test on the same worker; put them back (idempotent)."""
    from importlib import import_module

    from django.apps import apps

    import_module("jiuye.assistance.migrations.0002_default_configuration").load(apps, None)


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in the site's default language (Simplified Chinese): a request
    made by an earlier test on the same worker must not leave its language active."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def regions(db):
    """The test slice of the division tree, with two made-up villages per township of
    Du'an and Nandan. Returns a dict of handy codes."""
    upsert_regions(_test_region_rows())
    upsert_regions(_village_rows(), made_up=True)
    _restore_data_migration_rows()
    from jiuye.geo.models import Region

    townships = list(
        Region.objects.filter(parent_id=COUNTY).order_by("code").values_list("code", flat=True)
    )
    other_townships = list(
        Region.objects.filter(parent_id=OTHER_COUNTY)
        .order_by("code")
        .values_list("code", flat=True)
    )
    return {
        "city": CITY,
        "county": COUNTY,
        "other_county": OTHER_COUNTY,
        "township": townships[0],
        "other_township": townships[1],
        "village": f"{townships[0]}201",
        "other_village": f"{townships[0]}202",
        "far_township": other_townships[0],
    }


@pytest.fixture
def city_admin(regions):
    return UserFactory(username="city", role=Role.CITY_ADMIN, region_id=regions["city"])


@pytest.fixture
def county_officer(regions):
    return UserFactory(username="county", role=Role.COUNTY_OFFICER, region_id=regions["county"])


@pytest.fixture
def other_county_officer(regions):
    return UserFactory(
        username="county2", role=Role.COUNTY_OFFICER, region_id=regions["other_county"]
    )


@pytest.fixture
def township_officer(regions):
    return UserFactory(
        username="township", role=Role.TOWNSHIP_OFFICER, region_id=regions["township"]
    )


@pytest.fixture
def other_township_officer(regions):
    return UserFactory(
        username="township2", role=Role.TOWNSHIP_OFFICER, region_id=regions["other_township"]
    )


@pytest.fixture
def village_cadre(regions):
    return UserFactory(username="village", role=Role.VILLAGE_CADRE, region_id=regions["village"])

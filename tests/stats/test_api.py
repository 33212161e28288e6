import pytest

from jiuye.accounts.enums import Role
from tests.factories import PersonFactory, UserFactory
from tests.stats.factories import WORK, D, person, spell

pytestmark = pytest.mark.django_db
URL = "/api/v1/stats/indicators"


def test_api_requires_login(client, regions):
    assert client.get(URL).status_code == 401


def test_api_gives_the_callers_area(client, county_officer, regions):
    spell(person(regions["village"]), WORK, D(2026, 3, 1))
    client.force_login(county_officer)
    data = client.get(URL, {"as_of": "2026-06-30"}).json()
    assert data["area"]["code"] == regions["county"]
    assert data["indicators"]["new_rural_labour_jobs"]["value"] == 1


def test_api_refuses_other_areas_and_roles(client, county_officer, regions):
    client.force_login(county_officer)
    assert client.get(URL, {"area": regions["other_county"]}).status_code == 404
    assert client.get(URL, {"as_of": "2026-01-01", "period_start": "2026-02-01"}).status_code == 400
    seeker = UserFactory(role=Role.JOB_SEEKER, person=PersonFactory())
    client.force_login(seeker)
    assert client.get(URL).status_code == 404


def test_api_lists_definitions(client, county_officer):
    client.force_login(county_officer)
    codes = [d["code"] for d in client.get("/api/v1/stats/definitions").json()]
    assert "poverty_labour_employment_rate" in codes

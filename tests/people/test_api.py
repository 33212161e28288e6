import datetime

from jiuye.people.services import record_employment_status
from tests.factories import PersonFactory


def test_api_search_is_scoped_and_masked(client, county_officer, regions):
    mine = PersonFactory(name="韦一", region_id=regions["village"])
    PersonFactory(name="莫二", region_id=regions["far_township"] + "201")
    client.force_login(county_officer)
    data = client.get("/api/v1/people/", {"q": "一"}).json()
    assert [p["name"] for p in data] == ["韦一"]
    assert data[0]["id_number_masked"] == mine.id_number_masked
    assert mine.reveal_id_number() not in str(data)


def test_api_person_history_and_404_outside_area(client, township_officer, regions):
    mine = PersonFactory(region_id=regions["village"])
    record_employment_status(
        person=mine, status="flexible", start=datetime.date(2025, 1, 1), source="form"
    )
    other = PersonFactory(region_id=regions["other_township"] + "201")
    client.force_login(township_officer)
    body = client.get(f"/api/v1/people/{mine.pk}").json()
    assert body["current_status"] == "flexible" and body["spells"][0]["start"] == "2025-01-01"
    assert client.get(f"/api/v1/people/{other.pk}").status_code == 404


def test_api_needs_login(client, regions):
    assert client.get("/api/v1/people/").status_code == 401


def test_api_person_has_groups_with_details_skills_and_certificates(
    client, county_officer, regions
):
    from jiuye.people.models import Certificate, GroupMembership, Skill

    mine = PersonFactory(region_id=regions["village"], ethnicity="13")
    GroupMembership.objects.create(person=mine, group="disabled", detail="二级")
    GroupMembership.objects.create(
        person=mine,
        group="lifted",
        start=datetime.date(2019, 12, 31),
        end=datetime.date(2020, 1, 1),
    )
    Skill.objects.create(person=mine, occupation_code="6-29-01-03")
    Certificate.objects.create(person=mine, kind="skill_level", name="砌筑工", level="4")
    client.force_login(county_officer)
    body = client.get(f"/api/v1/people/{mine.pk}").json()
    assert body["ethnicity"] == "13"
    assert body["groups"] == ["disabled"]  # open memberships only
    assert body["group_details"] == [{"group": "disabled", "detail": "二级", "start": None}]
    assert body["skills"] == ["6-29-01-03"]
    assert [(c["name"], c["level"]) for c in body["certificates"]] == [("砌筑工", "4")]

"""Skills (occupations of the 2022 classification) and certificates on a person's page, and
the person fields beyond the ID number: ethnicity and the current address area."""

import datetime

import pytest
from django.urls import reverse

from jiuye.accounts.models import AuditEvent
from jiuye.occupations.models import Occupation
from jiuye.people.models import Certificate, Skill


@pytest.fixture
def occupations(db):
    Occupation.objects.create(code="6-29-01-03", level=4, name="砌筑工", aliases="泥瓦工、砖瓦工")
    Occupation.objects.create(code="6-31-01-03", level=4, name="电工")


def test_a_skill_is_added_by_name_alias_or_code_and_shown(
    client, county_officer, family, occupations
):
    client.force_login(county_officer)
    head = family["head"]
    url = reverse("people:skills", args=[head.pk])
    for written in ("泥瓦工", "6-31-01-03", "砌筑工"):
        response = client.post(url, {"form": "skill", "skill-occupation": written})
        assert response.status_code == 302
    assert sorted(head.skills.values_list("occupation_code", flat=True)) == [
        "6-29-01-03",
        "6-31-01-03",
    ]
    page = client.get(reverse("people:detail", args=[head.pk])).content.decode()
    assert "砌筑工" in page and "电工" in page
    assert AuditEvent.objects.filter(action="person.skill_add", actor=county_officer).count() == 2


def test_an_unknown_occupation_is_refused(client, county_officer, family, occupations):
    client.force_login(county_officer)
    url = reverse("people:skills", args=[family["head"].pk])
    response = client.post(url, {"form": "skill", "skill-occupation": "搬砖的"})
    assert response.status_code == 200
    assert set(response.context["skill_form"].errors) == {"occupation"}
    assert Skill.objects.count() == 0


def test_a_certificate_is_recorded_with_its_occupation_and_can_be_removed(
    client, county_officer, family, occupations
):
    client.force_login(county_officer)
    head = family["head"]
    url = reverse("people:skills", args=[head.pk])
    response = client.post(
        url,
        {
            "form": "certificate",
            "certificate-kind": "special_operations",
            "certificate-name": "电工",
            "certificate-number": "T452702198005011234",
            "certificate-issuer": "广西应急管理厅",
            "certificate-issued_on": "2023-05-01",
            "certificate-valid_until": "2029-05-01",
        },
    )
    assert response.status_code == 302
    certificate = head.certificates.get()
    assert (certificate.occupation_code, certificate.issued_on) == (
        "6-31-01-03",
        datetime.date(2023, 5, 1),
    )
    assert "广西应急管理厅" in client.get(url).content.decode()
    client.post(reverse("people:certificate_remove", args=[head.pk, certificate.pk]))
    assert not Certificate.objects.exists()
    assert AuditEvent.objects.filter(action="person.certificate_remove").exists()


def test_a_certificate_expiring_before_its_issue_is_refused(client, county_officer, family):
    client.force_login(county_officer)
    response = client.post(
        reverse("people:skills", args=[family["head"].pk]),
        {
            "form": "certificate",
            "certificate-kind": "skill_level",
            "certificate-name": "砌筑工",
            "certificate-level": "4",
            "certificate-issued_on": "2023-05-01",
            "certificate-valid_until": "2022-05-01",
        },
    )
    assert response.status_code == 200
    assert set(response.context["certificate_form"].errors) == {"valid_until"}
    assert not Certificate.objects.exists()


def test_skills_of_a_person_outside_the_area_are_a_404(
    client, other_township_officer, family, occupations
):
    client.force_login(other_township_officer)
    head = family["head"]
    skill = Skill.objects.create(person=head, occupation_code="6-31-01-03")
    assert client.get(reverse("people:skills", args=[head.pk])).status_code == 404
    response = client.post(reverse("people:skill_remove", args=[head.pk, skill.pk]))
    assert response.status_code == 404
    assert Skill.objects.filter(pk=skill.pk).exists()


def test_ethnicity_and_current_address_are_edited_and_shown(client, county_officer, family):
    client.force_login(county_officer)
    head = family["head"]
    response = client.post(
        reverse("people:edit", args=[head.pk]),
        {
            "name": head.name,
            "phone": head.phone,
            "region_code": head.region_id,
            "current_region_code": "440306",
            "ethnicity": "13",
            "household_number": "H-TEST-1",
            "relation": "head",
        },
    )
    assert response.status_code == 302
    head.refresh_from_db()
    assert (head.ethnicity, head.current_region_id) == ("13", "440306")
    page = client.get(reverse("people:detail", args=[head.pk])).content.decode()
    assert "瑶族" in page and "宝安区" in page
    changes = AuditEvent.objects.filter(action="person.update").latest("pk").changes
    assert changes["ethnicity"] == ["", "13"]


def test_an_unknown_current_address_area_is_refused(client, county_officer, family):
    client.force_login(county_officer)
    head = family["head"]
    response = client.post(
        reverse("people:edit", args=[head.pk]),
        {"name": head.name, "region_code": head.region_id, "current_region_code": "999999"},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"current_region_code"}


def test_disability_level_and_graduation_year_are_kept_with_their_groups(
    client, township_officer, regions
):
    from jiuye.people.models import Person
    from tests.people.ids import valid_id_number

    client.force_login(township_officer)
    number = valid_id_number("451228", datetime.date(2001, 3, 3))
    response = client.post(
        reverse("people:create"),
        {
            "id_number": number,
            "name": "覃志勇",
            "region_code": regions["village"],
            "groups": ["lifted"],
            "disability_level": "三级",
            "graduation_year": "2023",
        },
    )
    assert response.status_code == 302
    person = Person.objects.with_id_number(number).get()
    details = dict(person.groups.values_list("group", "detail"))
    assert details == {"lifted": "", "disabled": "三级", "graduate": "2023"}
    edit = client.get(reverse("people:edit", args=[person.pk]))
    assert edit.context["form"].initial["disability_level"] == "三级"
    client.post(
        reverse("people:edit", args=[person.pk]),
        {
            "name": person.name,
            "region_code": person.region_id,
            "groups": ["lifted", "disabled", "graduate"],
            "disability_level": "二级",
            "graduation_year": "2023",
        },
    )
    assert person.groups.get(group="disabled", end__isnull=True).detail == "二级"
    assert person.groups.count() == 3

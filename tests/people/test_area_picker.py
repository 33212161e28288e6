"""The area picker on the forms: suggestions by name, a picked code, a typed name resolved
without JavaScript, and the forms that post a code alone."""

import datetime
import re

from django.urls import reverse

from jiuye.people.models import EmploymentSpell, Person
from jiuye.web.people.forms import PersonForm, StatusForm
from tests.people.ids import valid_id_number


def test_suggestions_are_scoped_and_carry_code_and_full_name(client, county_officer):
    client.force_login(county_officer)
    url = reverse("area_search")
    response = client.get(url, {"field": "region_code_text", "region_code_text": "安阳"})
    content = response.content.decode()
    assert response.status_code == 200
    assert 'data-code="451228100"' in content
    assert 'data-label="广西壮族自治区河池市都安瑶族自治县安阳镇"' in content
    # Under another county, at township level or below: nothing called 安阳 there.
    scoped = client.get(
        url, {"field": "q_text", "q_text": "安阳", "within": "451221", "level": "4"}
    ).content.decode()
    assert "data-code" not in scoped and "list-group-item" in scoped


def test_suggestions_ignore_a_malformed_scope_and_level(client, regions):
    response = client.get(
        reverse("area_search"),
        {"field": "x_text", "x_text": "都安", "within": "'; drop", "level": "9"},
    )
    assert 'data-code="451228"' in response.content.decode()


def _person_data(regions, **fields):
    data = {
        "id_number": valid_id_number("451228", datetime.date(1990, 1, 2)),
        "name": "黄小明",
        "phone": "",
        "education": "",
        "ethnicity": "",
        "household_number": "",
        "relation": "",
        "disability_level": "",
        "graduation_year": "",
    }
    data.update(fields)
    return data


def test_a_typed_name_is_resolved_when_nothing_was_picked(county_officer, regions):
    form = PersonForm(
        _person_data(regions, region_code="", region_code_text="安阳镇"), user=county_officer
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["region_code"] == regions["township"]


def test_a_picked_code_wins_over_the_text_beside_it(county_officer, regions):
    data = _person_data(regions, region_code=regions["village"], region_code_text="广西…下良屯村")
    form = PersonForm(data, user=county_officer)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["region_code"] == regions["village"]


def test_a_code_posted_alone_still_works(county_officer, regions):
    form = PersonForm(_person_data(regions, region_code=regions["village"]), user=county_officer)
    assert form.is_valid(), form.errors


def test_the_registration_area_must_be_a_township_or_village_of_ones_own(township_officer, regions):
    outside = PersonForm(
        _person_data(regions, region_code=regions["other_township"]), user=township_officer
    )
    assert not outside.is_valid()
    assert "region_code" in outside.errors
    county = PersonForm(_person_data(regions, region_code="451228"), user=township_officer)
    assert not county.is_valid() and "region_code" in county.errors


def test_the_edit_page_shows_the_area_by_its_full_name(client, county_officer, family):
    client.force_login(county_officer)
    content = client.get(reverse("people:edit", args=[family["head"].pk])).content.decode()
    content = re.sub(r"\s+", " ", content)
    assert f'name="region_code" value="{family["head"].region_id}"' in content
    assert 'name="region_code_text" value="广西壮族自治区河池市都安瑶族自治县安阳镇' in content


def test_status_form_refuses_a_place_that_contradicts_the_status(family):
    head = family["head"]
    today = datetime.date.today().isoformat()
    in_county_but_shenzhen = StatusForm(
        {"status": "employed_county", "start": today, "region_code": "440305"}, person=head
    )
    assert not in_county_but_shenzhen.is_valid()
    assert "region_code" in in_county_but_shenzhen.errors
    outside_but_nandan = StatusForm(
        {"status": "employed_outside", "start": today, "region_code": "451221"}, person=head
    )
    assert "region_code" in outside_but_nandan.errors
    province_but_home = StatusForm(
        {"status": "employed_province", "start": today, "region_code": "451228100"}, person=head
    )
    assert "region_code" in province_but_home.errors
    vague_but_fine = StatusForm(
        {"status": "employed_county", "start": today, "region_code": "4512"}, person=head
    )
    assert vague_but_fine.is_valid(), vague_but_fine.errors


def test_status_recorded_with_a_place_typed_by_name(client, county_officer, family):
    client.force_login(county_officer)
    head: Person = family["head"]
    url = reverse("people:status", args=[head.pk])
    response = client.post(
        url,
        {
            "status": "employed_outside",
            "start": datetime.date.today().isoformat(),
            "region_code": "",
            "region_code_text": "深圳 南山",
            "employer_name": "",
            "monthly_income": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    spell = EmploymentSpell.objects.get(person=head, end__isnull=True)
    assert spell.region_id == "440305" and spell.status == "employed_outside"


def test_status_page_says_what_the_new_status_will_close(client, county_officer, family):
    client.force_login(county_officer)
    content = client.get(reverse("people:status", args=[family["head"].pk])).content.decode()
    current = content.split('id="current-status"')[1].split("</p>")[0]
    assert "省外务工" in current and "2024-03-01" in current
    assert reverse("people:detail", args=[family["head"].pk]) in content  # the way back

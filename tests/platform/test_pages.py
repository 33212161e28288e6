import json
import re

import pytest
from django.urls import reverse

from jiuye.accounts.models import User
from jiuye.applications.enums import ApplicationStatus
from jiuye.applications.models import Application
from jiuye.applications.services import apply
from jiuye.employers.enums import EmployerStatus
from jiuye.employers.models import Employer
from jiuye.people.models import EmploymentSpell
from jiuye.vacancies.enums import VacancyStatus
from jiuye.vacancies.models import Vacancy
from tests.factories import EmployerFactory, UserFactory
from tests.platform.factories import JobSeekerFactory, VacancyFactory, valid_id_number

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _jsonld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match[1])


# --- public board ---------------------------------------------------------------------


def test_board_is_public_and_finds_by_pinyin_and_characters(client, regions):
    cook = VacancyFactory(title="厨师")
    VacancyFactory(title="叉车司机")
    for q in ("chushi", "CHUSHI", "厨师", "厨"):
        response = client.get(reverse("platform:board"), {"q": q}, **EN)
        assert response.status_code == 200
        assert list(response.context["result"].vacancies) == [cook], q
    # Initials match too, a word start first.
    found = client.get(reverse("platform:board"), {"q": "cs"}).context["result"].vacancies
    assert found[0] == cook


def test_board_hides_drafts_unverified_and_stale(client, regions):
    VacancyFactory(title="厨师", status=VacancyStatus.DRAFT, posted_on=None, confirmed_at=None)
    VacancyFactory(title="厨师", employer=EmployerFactory())
    response = client.get(reverse("platform:board"), {"q": "厨师"})
    assert response.context["result"].vacancies == []


def test_board_filters_area_wage_type_and_occupation(client, regions):
    here = VacancyFactory(region_id=regions["township"], wage_max=6000)
    VacancyFactory(region_id=regions["far_township"], wage_max=6000)
    VacancyFactory(region_id=regions["township"], wage_min=2000, wage_max=2500)
    VacancyFactory(region_id=regions["township"], wage_max=6000, employment_type="PART_TIME")
    params = {"area": regions["county"], "min_wage": 5000, "employment_type": "FULL_TIME"}
    assert client.get(reverse("platform:board"), params).context["result"].vacancies == [here]
    guard = VacancyFactory(title="保安", occupation_code="4-07-05-01")
    found = client.get(reverse("platform:board"), {"occupation": "4-07-00-00"}).context["result"]
    assert found.vacancies == [guard]


def test_board_offers_occupation_groups_by_name(client, regions):
    from jiuye.occupations.models import Occupation

    Occupation.objects.create(code="4-00-00-00", level=1, name="社会生产服务和生活服务人员")
    Occupation.objects.create(code="4-07-00-00", level=2, name="居民服务人员")
    content = client.get(reverse("platform:board"), {"occupation": "4-07-00-00"}).content
    select = content.decode().split('id="id_occupation"')[1].split("</select>")[0]
    assert '<optgroup label="社会生产服务和生活服务人员">' in select
    assert '<option value="4-07-00-00" selected>· 居民服务人员</option>' in select


def test_board_near_area_ranks_nearest_first(client, regions):
    far = VacancyFactory(region_id=regions["far_township"])
    near = VacancyFactory(region_id=regions["township"])
    same_county = VacancyFactory(region_id=regions["other_township"])
    found = client.get(reverse("platform:board"), {"near": regions["village"]}).context["result"]
    assert found.vacancies == [near, same_county, far]


def test_board_picks_areas_by_name_and_near_my_home_for_a_signed_in_seeker(client, regions):
    from jiuye.geo.models import Region

    far = VacancyFactory(region_id=regions["far_township"])
    near = VacancyFactory(region_id=regions["township"])
    anonymous = client.get(reverse("platform:board"))
    county = Region.objects.get(code=regions["county"])
    township = Region.objects.get(code=regions["township"])
    assert f'<option value="{county.code}"' in anonymous.text and county.name in anonymous.text
    assert f'<option value="{township.code}"' in anonymous.text  # "near" lists townships
    assert 'value="home"' not in anonymous.text

    seeker = JobSeekerFactory(person__region_id=regions["village"])
    client.force_login(UserFactory(role="job_seeker", person=seeker.person))
    page = client.get(reverse("platform:board"), {"near": "home"})
    assert 'value="home" selected' in page.text
    assert page.context["result"].vacancies == [near, far]
    in_township = client.get(reverse("platform:board"), {"area": regions["township"]})
    assert f'<option value="{township.code}" selected>' in in_township.text


def test_board_paginates_without_counting(client, regions):
    VacancyFactory.create_batch(21)
    first = client.get(reverse("platform:board")).context["result"]
    assert len(first.vacancies) == 20 and first.has_next
    second = client.get(reverse("platform:board"), {"page": 2}).context["result"]
    assert len(second.vacancies) == 1 and not second.has_next


def test_board_bad_input_is_ignored_not_an_error(client, regions):
    response = client.get(reverse("platform:board"), {"min_wage": "lots", "page": "-3"})
    assert response.status_code == 200


def test_board_htmx_returns_fragment(client, regions):
    VacancyFactory()
    response = client.get(reverse("platform:board"), {"q": "chushi"}, HTTP_HX_REQUEST="true")
    assert "<html" not in response.text and "vacancy-results" in response.text


def test_vacancy_page_has_job_posting_json_ld(client, regions):
    vacancy = VacancyFactory(description="负责后厨", address="城西路1号", headcount=3)
    response = client.get(reverse("platform:vacancy", args=[vacancy.pk]))
    data = _jsonld(response.text)
    assert data["@type"] == "JobPosting" and data["title"] == "厨师"
    assert data["description"] == "负责后厨"
    assert data["datePosted"] == vacancy.posted_on.isoformat()
    assert data["validThrough"].startswith(vacancy.valid_until.isoformat())
    assert data["hiringOrganization"] == {"@type": "Organization", "name": vacancy.employer.name}
    assert data["jobLocation"]["address"]["addressCountry"] == "CN"
    assert data["jobLocation"]["address"]["streetAddress"] == "城西路1号"
    assert data["baseSalary"]["currency"] == "CNY"
    assert data["baseSalary"]["value"]["minValue"] == 3000
    assert data["baseSalary"]["value"]["unitText"] == "MONTH"
    assert data["employmentType"] == "FULL_TIME"
    assert data["identifier"]["value"] == str(vacancy.pk)


def test_json_ld_cannot_break_out_of_its_script(client, regions):
    vacancy = VacancyFactory(description="</script><script>alert(1)</script>")
    response = client.get(reverse("platform:vacancy", args=[vacancy.pk]))
    assert "<script>alert" not in response.text
    assert _jsonld(response.text)["description"].startswith("</script>")


def test_vacancy_page_and_qr_hidden_when_not_public(client, regions):
    vacancy = VacancyFactory(status=VacancyStatus.CLOSED)
    assert client.get(reverse("platform:vacancy", args=[vacancy.pk])).status_code == 404
    assert client.get(reverse("platform:vacancy_qr", args=[vacancy.pk])).status_code == 404


def test_qr_code_is_svg(client, regions):
    vacancy = VacancyFactory()
    response = client.get(reverse("platform:vacancy_qr", args=[vacancy.pk]))
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<svg")


# --- employers --------------------------------------------------------------------------


def _employer_data(**extra):
    return {
        "name": "都安测试食品有限公司",
        "credit_code": "91110000600037341L",
        "kind": "enterprise",
        "industry": "C",
        "region": "451228",
        "contact_name": "韦经理",
        "contact_phone": "13800000000",
        **extra,
    }


def test_employer_self_registration_logs_in_unverified(client, regions):
    data = _employer_data(username="boss", password="a-long-password-42")
    response = client.post(reverse("platform:employer_register"), data)
    assert response.status_code == 302
    employer = Employer.objects.get()
    assert employer.status == EmployerStatus.PENDING and employer.self_registered
    assert client.get(reverse("platform:vacancies")).status_code == 200


def test_employer_self_registration_warns_about_pilot_code(client, regions):
    data = _employer_data(
        credit_code="91110000600037341A", username="b", password="a-long-password-42"
    )
    response = client.post(reverse("platform:employer_register"), data, follow=True, **EN)
    assert "pilot-region" in response.text
    assert Employer.objects.get().credit_code_check_failed


def test_employer_self_registration_refuses_bad_code(client, regions):
    data = _employer_data(credit_code="12345", username="b", password="a-long-password-42")
    response = client.post(reverse("platform:employer_register"), data)
    assert response.status_code == 200 and not Employer.objects.exists()
    assert response.context["form"].errors["credit_code"]


def test_public_registration_pages_pick_the_area_by_name(client, regions):
    from jiuye.geo.models import Region

    township = Region.objects.get(code=regions["township"])
    county = Region.objects.get(code=regions["county"])
    seeker_page = client.get(reverse("platform:seeker_register")).text
    assert f'<option value="{township.code}">{township.name}</option>' in seeker_page
    assert f'<optgroup label="{county.name}">' in seeker_page
    employer_page = client.get(reverse("platform:employer_register")).text
    assert f'<option value="{county.code}">{county.name}</option>' in employer_page


def test_employer_and_seeker_phone_numbers_are_checked(client, regions):
    data = _employer_data(
        contact_phone="1234", username="b", password="a-long-password-42", credit_code=""
    )
    refused = client.post(reverse("platform:employer_register"), data)
    assert refused.context["form"].errors["contact_phone"] and not Employer.objects.exists()
    data["contact_phone"] = "+86 138-0000-0000"
    assert client.post(reverse("platform:employer_register"), data).status_code == 302
    assert Employer.objects.get().contact_phone == "13800000000"
    seeker = {
        "name": "韦小红",
        "id_number": valid_id_number(),
        "region": "451228",
        "phone": "12",
        "username": "x",
        "password": "a-long-password-42",
    }
    response = client.post(reverse("platform:seeker_register"), seeker)
    assert response.context["form"].errors["phone"]


def test_staff_verify_employer_in_area_only(client, regions, county_officer, other_county_officer):
    employer = EmployerFactory()
    url = reverse("platform:employer_verify", args=[employer.pk])
    client.force_login(other_county_officer)
    assert client.post(url).status_code == 404
    client.force_login(county_officer)
    assert client.post(url).status_code == 302
    employer.refresh_from_db()
    assert employer.status == EmployerStatus.VERIFIED


def test_employer_pages_refuse_anonymous_and_employers(client, regions):
    assert client.get(reverse("platform:employers")).status_code == 302
    client.force_login(UserFactory(role="employer", employer=EmployerFactory()))
    assert client.get(reverse("platform:employers")).status_code == 403


def test_staff_register_employer_on_behalf(client, regions, county_officer):
    client.force_login(county_officer)
    response = client.post(reverse("platform:employer_create"), _employer_data())
    assert response.status_code == 302
    assert not Employer.objects.get().self_registered


# --- vacancies ----------------------------------------------------------------------------


def _vacancy_data(**extra):
    return {
        "title": "面点师",
        "headcount": 2,
        "wage_min": 3500,
        "wage_max": 5000,
        "region": "451228",
        "employment_type": "FULL_TIME",
        "valid_until": "2099-01-01",
        **extra,
    }


def test_employer_creates_and_publishes_vacancy(client, regions):
    employer = VacancyFactory().employer
    client.force_login(UserFactory(role="employer", employer=employer))
    response = client.post(reverse("platform:vacancy_create"), _vacancy_data())
    vacancy = Vacancy.objects.get(title="面点师")
    assert response.status_code == 302
    client.post(reverse("platform:vacancy_action", args=[vacancy.pk, "publish"]))
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.LIVE


def test_discriminatory_vacancy_form_shows_the_problem(client, regions):
    employer = VacancyFactory().employer
    client.force_login(UserFactory(role="employer", employer=employer))
    data = _vacancy_data(description="限男性，35岁以下")
    response = client.post(reverse("platform:vacancy_create"), data, **EN)
    assert response.status_code == 200
    assert "限男性" in response.text and "35岁以下" in response.text
    assert not Vacancy.objects.filter(title="面点师").exists()


def test_employer_cannot_manage_another_employers_vacancy(client, regions):
    theirs = VacancyFactory()
    client.force_login(UserFactory(role="employer", employer=EmployerFactory()))
    assert client.get(reverse("platform:vacancy_manage", args=[theirs.pk])).status_code == 404
    url = reverse("platform:vacancy_action", args=[theirs.pk, "close"])
    assert client.post(url).status_code == 404


def test_seeker_cannot_open_vacancy_management(client, regions):
    client.force_login(UserFactory(role="job_seeker", person=JobSeekerFactory().person))
    assert client.get(reverse("platform:vacancies")).status_code == 403


# --- seekers and applications --------------------------------------------------------------


def test_seeker_registers_applies_and_sees_status(client, regions):
    vacancy = VacancyFactory()
    data = {
        "name": "蓝小红",
        "id_number": valid_id_number(),
        "region": regions["township"],
        "username": "xiaohong",
        "password": "a-long-password-42",
    }
    assert client.post(reverse("platform:seeker_register"), data).status_code == 302
    client.post(reverse("platform:apply", args=[vacancy.pk]), {"message": "有经验"})
    application = Application.objects.get()
    assert application.message == "有经验"
    page = client.get(reverse("platform:seeker_home"), **EN)
    assert "Submitted" in page.text and vacancy.title in page.text
    assert f"?near={regions['township']}" in page.text


def test_seeker_registration_refuses_invalid_id(client, regions):
    data = {
        "name": "X",
        "id_number": "123",
        "region": "451228",
        "username": "x",
        "password": "a-long-password-42",
    }
    response = client.post(reverse("platform:seeker_register"), data)
    assert response.status_code == 200 and not User.objects.filter(username="x").exists()


def test_employer_moves_application_to_hired_and_ledger_sees_it(client, regions):
    vacancy = VacancyFactory()
    seeker = JobSeekerFactory()
    application = apply(
        vacancy=vacancy, seeker=seeker, by=UserFactory(role="job_seeker", person=seeker.person)
    )
    client.force_login(UserFactory(role="employer", employer=vacancy.employer))
    assert client.get(reverse("platform:inbox")).context["applications"][0] == application
    url = reverse("platform:application_move", args=[application.pk])
    for to in ("interview", "hired"):
        client.post(url, {"to": to, "note": "ok"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.HIRED
    assert EmploymentSpell.objects.get(person=seeker.person).employer == vacancy.employer


def test_illegal_move_through_the_page_changes_nothing(client, regions):
    vacancy = VacancyFactory()
    seeker = JobSeekerFactory()
    application = apply(
        vacancy=vacancy, seeker=seeker, by=UserFactory(role="job_seeker", person=seeker.person)
    )
    client.force_login(UserFactory(role="employer", employer=vacancy.employer))
    client.post(reverse("platform:application_move", args=[application.pk]), {"to": "hired"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_other_employer_gets_404_on_application(client, regions):
    vacancy = VacancyFactory()
    seeker = JobSeekerFactory()
    application = apply(
        vacancy=vacancy, seeker=seeker, by=UserFactory(role="job_seeker", person=seeker.person)
    )
    client.force_login(UserFactory(role="employer", employer=EmployerFactory()))
    assert client.get(reverse("platform:application", args=[application.pk])).status_code == 404
    assert not client.get(reverse("platform:inbox")).context["applications"]


def test_staff_record_counter_application(client, regions, county_officer):
    vacancy = VacancyFactory()
    number = valid_id_number()
    client.force_login(county_officer)
    seeker_data = {"name": "韦大山", "id_number": number, "region": regions["township"]}
    assert client.post(reverse("platform:seeker_create"), seeker_data).status_code == 302
    response = client.post(
        reverse("platform:record_application"), {"vacancy": vacancy.pk, "id_number": number}
    )
    assert response.status_code == 302
    assert Application.objects.get().channel == "counter"


def test_staff_outside_area_cannot_record(client, regions, other_county_officer):
    vacancy = VacancyFactory()
    client.force_login(other_county_officer)
    response = client.post(
        reverse("platform:record_application"),
        {"vacancy": vacancy.pk, "id_number": valid_id_number()},
    )
    assert response.status_code == 200 and not Application.objects.exists()


@pytest.mark.parametrize("name", ["platform:seeker_home", "platform:inbox", "platform:vacancies"])
def test_private_pages_send_anonymous_to_login(client, regions, name):
    assert client.get(reverse(name)).status_code == 302


def test_search_grams_hold_bigrams_words_and_pinyin():
    from jiuye.vacancies.search_text import search_grams

    assert search_grams("中餐厨师 CNC操机", "zhongcanchushi zccs") == (
        "中餐 餐厨 厨师 操机 cnc zhongcanchushi zccs"
    )


def test_board_finds_longer_chinese_terms_inside_titles(client, regions):
    waiter = VacancyFactory(title="酒店餐厅服务员")
    VacancyFactory(title="服务台接待")
    for q in ("服务员", "餐厅服务", "厅服"):
        found = client.get(reverse("platform:board"), {"q": q}).context["result"].vacancies
        assert found == [waiter], q


def test_near_area_pages_continue_across_rings(client, regions):
    home = VacancyFactory.create_batch(15, region_id=regions["township"])
    county = VacancyFactory.create_batch(10, region_id=regions["other_township"])
    far = VacancyFactory.create_batch(5, region_id=regions["far_township"])
    url = reverse("platform:board")
    first = client.get(url, {"near": regions["township"]}).context["result"]
    second = client.get(url, {"near": regions["township"], "page": 2}).context["result"]
    assert set(first.vacancies[:15]) == set(home)
    assert set(first.vacancies[15:]) | set(second.vacancies[:5]) == set(county)
    assert set(second.vacancies[5:]) == set(far) and not second.has_next


@pytest.mark.parametrize("q", ["厨师", "chushi"])
def test_keyword_and_area_meet(client, regions, q):
    here = VacancyFactory(title="中餐厨师", region_id=regions["township"])
    VacancyFactory(title="中餐厨师", region_id=regions["far_township"])
    VacancyFactory(title="保安", region_id=regions["township"])
    for area in (regions["county"], regions["township"]):
        found = client.get(reverse("platform:board"), {"q": q, "area": area}).context["result"]
        assert found.vacancies == [here], area
    city = client.get(reverse("platform:board"), {"q": q, "area": "4512"}).context["result"]
    assert len(city.vacancies) == 2


def test_employer_sees_candidates_by_surname_only(client, regions, county_officer):
    vacancy = VacancyFactory(region_id=regions["township"])
    JobSeekerFactory(person__name="韦小明", desired_occupations="4-03-02-01")
    url = reverse("platform:vacancy_manage", args=[vacancy.pk])
    client.force_login(UserFactory(role="employer", employer=vacancy.employer))
    page = client.get(url).text
    assert "韦**" in page and "韦小明" not in page
    client.force_login(county_officer)
    assert "韦小明" in client.get(url).text


def test_board_query_count_does_not_grow_with_results(
    client, regions, django_assert_max_num_queries
):
    VacancyFactory.create_batch(3)
    with django_assert_max_num_queries(9) as few:  # 9th: the occupation groups' names
        client.get(reverse("platform:board"), {"q": "厨师"})
    VacancyFactory.create_batch(18)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("platform:board"), {"q": "厨师"})


def test_employer_edits_vacancy_and_discrimination_is_refused(client, regions):
    vacancy = VacancyFactory()
    client.force_login(UserFactory(role="employer", employer=vacancy.employer))
    url = reverse("platform:vacancy_edit", args=[vacancy.pk])
    assert client.get(url).status_code == 200
    refused = client.post(url, _vacancy_data(title="厨师", description="限本地户口"))
    assert refused.status_code == 200
    vacancy.refresh_from_db()
    assert vacancy.description == ""
    client.post(url, _vacancy_data(title="中餐厨师", wage_max=6000))
    vacancy.refresh_from_db()
    assert vacancy.title == "中餐厨师" and vacancy.wage_max == 6000
    assert "zhongcanchushi" in vacancy.pinyin_keys


def test_other_employer_cannot_edit(client, regions):
    vacancy = VacancyFactory()
    client.force_login(UserFactory(role="employer", employer=EmployerFactory()))
    assert client.get(reverse("platform:vacancy_edit", args=[vacancy.pk])).status_code == 404


def test_employer_list_flags_vacancies_due_for_reconfirmation(client, regions):
    import datetime

    from django.utils import timezone

    fresh = VacancyFactory(title="厨师")
    due = VacancyFactory(
        title="保安",
        employer=fresh.employer,
        confirmed_at=timezone.now() - datetime.timedelta(days=25),
    )
    client.force_login(UserFactory(role="employer", employer=fresh.employer))
    page = client.get(reverse("platform:vacancies"), **EN).text
    assert page.count("confirm it is still open") == 1
    due_on = timezone.localdate(due.confirmation_due()).isoformat()
    assert f"confirm again by {due_on}" in page
    # newest first: the due one (保安) carries the flag, the fresh one (厨师) not
    assert page.index("保安") < page.index("confirm it is still open") < page.index("厨师")


def _seeker_login(client, **fields):
    seeker = JobSeekerFactory(**fields)
    client.force_login(UserFactory(username="seeker", role="job_seeker", person=seeker.person))
    return seeker


def _profile(**fields):
    return {"desired_titles": "厨师", "min_wage": "3000", "availability": "now", **fields}


def test_seeker_picks_where_to_work_by_name_and_it_is_saved_as_codes(client, regions):
    seeker = _seeker_login(client)
    page = client.get(reverse("platform:seeker_home"), **EN)
    assert "Where you would work" in page.text and "Farther away" in page.text
    assert 'value="4403"' not in page.text  # Shenzhen: not offered (a city outside Hechi)
    assert '<option value="44">' in page.text  # but its province is
    township_name = re.search(rf'<option value="{regions["township"]}">([^<]+)<', page.text)
    assert township_name and township_name.group(1).strip()
    chosen = {"desired_region_codes": [regions["township"], regions["far_township"], "44"]}
    response = client.post(reverse("platform:seeker_home"), _profile(**chosen))
    assert response.status_code == 302
    seeker.refresh_from_db()
    assert seeker.desired_region_codes == f"{regions['township']} {regions['far_township']} 44"


def test_seeker_profile_refuses_an_area_not_on_offer(client, regions):
    seeker = _seeker_login(client)
    response = client.post(
        reverse("platform:seeker_home"), _profile(desired_region_codes=["999999"]), **EN
    )
    assert response.status_code == 200 and "not one of the available choices" in response.text
    seeker.refresh_from_db()
    assert seeker.desired_region_codes == ""


def test_an_area_chosen_before_that_is_not_on_offer_stays_chosen(client, regions):
    _seeker_login(client, desired_region_codes="4403")  # typed as a code before the picker
    page = client.get(reverse("platform:seeker_home"), **EN)
    assert re.search(r'<option value="4403" selected>', page.text)


def test_seeker_writes_desired_occupations_by_name_and_reads_them_back(client, regions):
    from jiuye.occupations.models import Occupation

    Occupation.objects.create(code="6-31-01-03", level=4, name="电工", aliases="电工师傅")
    Occupation.objects.create(code="6-18-02-04", level=4, name="焊工")
    seeker = _seeker_login(client)
    response = client.post(
        reverse("platform:seeker_home"), _profile(desired_occupations="电工师傅、焊工 电工")
    )
    assert response.status_code == 302
    seeker.refresh_from_db()
    assert seeker.desired_occupations == "6-31-01-03 6-18-02-04"  # each once, as codes
    page = client.get(reverse("platform:seeker_home"), **EN).text
    assert 'value="电工、焊工"' in page  # shown by name
    refused = client.post(
        reverse("platform:seeker_home"), _profile(desired_occupations="电工、飞天"), **EN
    )
    assert refused.status_code == 200 and "飞天" in refused.text
    seeker.refresh_from_db()
    assert seeker.desired_occupations == "6-31-01-03 6-18-02-04"


def test_employer_names_the_occupation_and_it_is_kept_as_its_code(client, regions):
    from jiuye.occupations.models import Occupation
    from jiuye.vacancies.models import Vacancy

    Occupation.objects.create(code="4-03-02-01", level=4, name="中式烹调师", aliases="厨师")
    employer = VacancyFactory().employer
    client.force_login(UserFactory(role="employer", employer=employer))
    url = reverse("platform:vacancy_create")
    refused = client.post(url, _vacancy_data(occupation_code="飞天"), **EN)
    assert refused.status_code == 200 and "飞天" in refused.text
    assert client.post(url, _vacancy_data(occupation_code="厨师")).status_code == 302
    vacancy = Vacancy.objects.get(title="面点师")
    assert vacancy.occupation_code == "4-03-02-01"
    edit = client.get(reverse("platform:vacancy_edit", args=[vacancy.pk])).text
    assert 'value="中式烹调师"' in edit  # shown by name

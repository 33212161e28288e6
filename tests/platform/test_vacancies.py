import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from jiuye.vacancies import quality
from jiuye.vacancies.enums import VacancyStatus
from jiuye.vacancies.models import Vacancy, VacancyEvent
from jiuye.vacancies.services import (
    close_vacancy,
    confirm_vacancy,
    create_vacancy,
    expire_vacancies,
    publish_vacancy,
)
from tests.factories import EmployerFactory, UserFactory
from tests.platform.factories import VacancyFactory, VerifiedEmployerFactory

DISCRIMINATORY = [
    ("限男性", "gender"),
    ("仅招女性", "gender"),
    ("男性优先", "gender"),
    ("限本地户口", "origin"),
    ("河南人勿扰", "origin"),
    ("限汉族", "ethnicity"),
    ("未婚", "marital"),
    ("已婚已育", "marital"),
    ("乙肝携带者勿扰", "health"),
    ("35岁以下", "age"),
    ("年龄18-40岁", "age"),
    ("male only", "gender"),
    ("Women preferred", "gender"),
    ("local hukou only", "origin"),
    ("no hepatitis B", "health"),
    ("unmarried applicants", "marital"),
    ("aged 20 to 35", "age"),
    ("under 40", "age"),
]
FAIR = [
    "男女不限",
    "18岁以上",
    "年满16周岁",
    "包吃住，月休四天",
    "熟练工优先",
    "招女工20名",
    "Full time, meals provided",
    "must be 18 or over",
]


@pytest.mark.parametrize(("text", "kind"), DISCRIMINATORY)
def test_discriminatory_requirement_is_named(text, kind):
    problems = quality.discrimination_problems(f"招聘普工，{text}，待遇优厚")
    assert kind in {p.kind for p in problems}


@pytest.mark.parametrize("text", FAIR)
def test_lawful_requirement_passes(text):
    assert quality.discrimination_problems(text) == []


def _employer_user(employer):
    return UserFactory(role="employer", employer=employer)


def _draft(employer, user, **fields):
    defaults = {
        "title": "厨师",
        "wage_min": 3000,
        "wage_max": 4500,
        "valid_until": timezone.localdate() + datetime.timedelta(days=60),
    }
    return create_vacancy(employer=employer, by=user, **{**defaults, **fields})


def test_discriminatory_vacancy_is_refused_with_message_naming_problem(regions):
    employer = VerifiedEmployerFactory()
    user = _employer_user(employer)
    with pytest.raises(ValidationError) as caught:
        _draft(employer, user, description="乙肝携带者勿扰，限男性")
    text = " ".join(caught.value.messages)
    assert "乙肝" in text and "限男性" in text
    assert not Vacancy.objects.exists()


def test_verified_employer_publishes_live_with_log(regions):
    employer = VerifiedEmployerFactory()
    user = _employer_user(employer)
    vacancy = publish_vacancy(vacancy=_draft(employer, user), by=user)
    assert vacancy.status == VacancyStatus.LIVE and vacancy.is_public()
    assert vacancy.search_text.startswith("厨师") and "chushi" in vacancy.pinyin_keys
    log = list(VacancyEvent.objects.filter(vacancy=vacancy).values_list("from_status", "to_status"))
    assert log == [("", "draft"), ("draft", "live")]


def test_unverified_employer_vacancy_waits(regions):
    employer = EmployerFactory()
    user = _employer_user(employer)
    vacancy = publish_vacancy(vacancy=_draft(employer, user), by=user)
    assert vacancy.status == VacancyStatus.PENDING
    assert not Vacancy.objects.public().exists()


def test_near_duplicate_is_flagged_not_published(regions):
    employer = VerifiedEmployerFactory()
    user = _employer_user(employer)
    first = publish_vacancy(vacancy=_draft(employer, user, title="中餐厨师"), by=user)
    second = _draft(employer, user, title="中餐厨师 ")
    with pytest.raises(ValidationError) as caught:
        publish_vacancy(vacancy=second, by=user)
    assert caught.value.code == "duplicate"
    second.refresh_from_db()
    assert second.status == VacancyStatus.DRAFT and second.duplicate_of == first
    different = _draft(employer, user, title="叉车司机")
    assert publish_vacancy(vacancy=different, by=user).status == VacancyStatus.LIVE


def test_other_employer_cannot_publish(regions):
    employer = VerifiedEmployerFactory()
    draft = _draft(employer, _employer_user(employer))
    stranger = _employer_user(VerifiedEmployerFactory())
    with pytest.raises(PermissionDenied):
        publish_vacancy(vacancy=draft, by=stranger)


def test_unconfirmed_vacancy_leaves_the_board_and_expires(regions):
    vacancy = VacancyFactory(confirmed_at=timezone.now() - datetime.timedelta(days=31))
    fresh = VacancyFactory(title="保安")
    assert list(Vacancy.objects.public()) == [fresh]
    assert expire_vacancies() == 1
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.EXPIRED
    assert vacancy.events.get().note == "not re-confirmed"
    assert expire_vacancies() == 0


def test_vacancy_past_end_date_expires_by_command(regions):
    vacancy = VacancyFactory(valid_until=timezone.localdate() - datetime.timedelta(days=1))
    out = io.StringIO()
    call_command("expire_vacancies", stdout=out)
    assert "expired 1" in out.getvalue()
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.EXPIRED


def test_reconfirmation_brings_expired_vacancy_back(regions):
    vacancy = VacancyFactory(confirmed_at=timezone.now() - datetime.timedelta(days=40))
    expire_vacancies()
    user = _employer_user(vacancy.employer)
    confirm_vacancy(vacancy=vacancy, by=user)
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.LIVE and vacancy.is_public()


def test_closed_vacancy_cannot_reopen(regions):
    vacancy = VacancyFactory()
    user = _employer_user(vacancy.employer)
    close_vacancy(vacancy=vacancy, by=user)
    with pytest.raises(ValidationError):
        confirm_vacancy(vacancy=vacancy, by=user)


def test_employer_user_sees_only_own_vacancies_staff_see_area(
    regions, county_officer, other_county_officer
):
    mine = VacancyFactory()
    VacancyFactory(title="保安")
    user = _employer_user(mine.employer)
    assert list(Vacancy.objects.visible_to(user)) == [mine]
    assert Vacancy.objects.visible_to(county_officer).count() == 2
    assert Vacancy.objects.visible_to(other_county_officer).count() == 0


def test_staff_cannot_move_vacancy_out_of_their_area(regions, county_officer):
    from jiuye.vacancies.services import update_vacancy

    vacancy = VacancyFactory()
    with pytest.raises(PermissionDenied):
        update_vacancy(vacancy=vacancy, by=county_officer, region_id=regions["far_township"])
    vacancy.refresh_from_db()
    assert vacancy.region_id == "451228"

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jiuye.accounts.models import AuditEvent
from jiuye.assistance.enums import CertificationAction as A
from jiuye.assistance.enums import CertificationStatus as S
from jiuye.assistance.models import AssistanceRules, DifficultyCategory
from jiuye.assistance.selectors import mask_name, on_public_notice
from jiuye.assistance.services import apply_for_certification, transition_certification
from tests.assistance.factories import DAY, category
from tests.factories import PersonFactory


def days(n):
    return DAY + datetime.timedelta(days=n)


def test_default_categories_are_loaded_and_a_province_can_add_its_own(regions):
    codes = set(DifficultyCategory.objects.filter(province_code="").values_list("code", flat=True))
    assert {"laid_off_older", "disabled", "zero_employment_household"} <= codes
    assert {"long_term_unemployed", "minimum_living_allowance", "lifted_out_of_poverty"} <= codes
    extra = DifficultyCategory.objects.create(province_code="45", code="veteran", name="退役军人")
    person = PersonFactory(region_id=regions["village"])
    certification = apply_for_certification(person=person, category=extra, applied_on=DAY, by=None)
    assert certification.category == extra
    guizhou = DifficultyCategory.objects.create(province_code="52", code="x", name="贵州类别")
    with pytest.raises(ValidationError):
        apply_for_certification(
            person=PersonFactory(region_id=regions["village"]),
            category=guizhou,
            applied_on=DAY,
            by=None,
        )


def test_certification_goes_through_visit_notice_and_county_approval(
    regions, township_officer, county_officer
):
    AssistanceRules.objects.filter(area_code="").update(notice_days=7)
    person = PersonFactory(region_id=regions["village"])
    c = apply_for_certification(
        person=person, category=category(), applied_on=DAY, by=township_officer
    )
    assert c.status == S.APPLIED
    c = transition_certification(
        certification=c, action=A.VERIFY, by=township_officer, on=days(2), note="入户核实"
    )
    c = transition_certification(certification=c, action=A.PUBLISH, by=township_officer, on=days(3))
    assert (c.status, c.notice_start, c.notice_end) == (S.ON_NOTICE, days(3), days(9))
    with pytest.raises(ValidationError, match="notice"):
        transition_certification(certification=c, action=A.APPROVE, by=county_officer, on=days(9))
    with pytest.raises(PermissionDenied):
        transition_certification(
            certification=c, action=A.APPROVE, by=township_officer, on=days(10)
        )
    c = transition_certification(certification=c, action=A.APPROVE, by=county_officer, on=days(10))
    assert c.status == S.CERTIFIED
    assert c.valid_until == datetime.date(2028, 6, 11)
    log = list(c.transitions.values_list("action", "to_status", "by__username"))
    assert log == [
        ("apply", S.APPLIED, "township"),
        ("verify", S.VERIFIED, "township"),
        ("publish", S.ON_NOTICE, "township"),
        ("approve", S.CERTIFIED, "county"),
    ]
    assert AuditEvent.objects.filter(action__startswith="certification.").count() == 4
    c = transition_certification(
        certification=c, action=A.REVOKE, by=county_officer, on=days(40), note="已就业"
    )
    assert (c.status, c.closed_reason) == (S.REVOKED, "已就业")


def test_a_step_out_of_order_is_refused(regions, county_officer):
    c = apply_for_certification(
        person=PersonFactory(region_id=regions["village"]),
        category=category(),
        applied_on=DAY,
        by=None,
    )
    with pytest.raises(ValidationError):
        transition_certification(certification=c, action=A.APPROVE, by=county_officer, on=days(30))
    with pytest.raises(ValidationError):
        transition_certification(certification=c, action=A.REVOKE, by=county_officer, on=days(1))
    with pytest.raises(ValidationError):  # a rejection needs a reason
        transition_certification(certification=c, action=A.REJECT, by=county_officer, on=days(1))


def test_officer_cannot_move_a_certification_of_another_area(regions, other_township_officer):
    c = apply_for_certification(
        person=PersonFactory(region_id=regions["village"]),
        category=category(),
        applied_on=DAY,
        by=None,
    )
    with pytest.raises(PermissionDenied):
        transition_certification(
            certification=c, action=A.VERIFY, by=other_township_officer, on=days(1), note="x"
        )


def test_a_person_has_one_open_certification_at_a_time(regions):
    person = PersonFactory(region_id=regions["village"])
    c = apply_for_certification(person=person, category=category(), applied_on=DAY, by=None)
    with pytest.raises(ValidationError, match="already"):
        apply_for_certification(person=person, category=category(), applied_on=DAY, by=None)
    transition_certification(certification=c, action=A.REJECT, by=None, on=days(1), note="不符合")
    again = apply_for_certification(person=person, category=category(), applied_on=days(2), by=None)
    assert again.status == S.APPLIED


@pytest.mark.parametrize(
    ("name", "masked"), [("韦丽华", "韦*华"), ("蓝强", "蓝*"), ("欧阳志强", "欧**强"), ("覃", "覃")]
)
def test_names_are_masked_for_the_public_notice(name, masked):
    assert mask_name(name) == masked


def test_public_notice_lists_only_certifications_on_notice_today(regions):
    on_notice = PersonFactory(region_id=regions["village"], name="韦丽华")
    applied = PersonFactory(region_id=regions["village"], name="蓝志强")
    c = apply_for_certification(person=on_notice, category=category(), applied_on=DAY, by=None)
    c = transition_certification(certification=c, action=A.VERIFY, by=None, on=DAY, note="ok")
    transition_certification(certification=c, action=A.PUBLISH, by=None, on=days(1))
    apply_for_certification(person=applied, category=category(), applied_on=DAY, by=None)
    assert [x.person for x in on_public_notice(today=days(1))] == [on_notice]
    assert not on_public_notice(today=days(1), area_code=regions["other_county"]).exists()
    assert not on_public_notice(today=days(30)).exists()


def test_current_certification_for_the_ledger(regions, county_officer):
    from jiuye.assistance.selectors import current_certification
    from tests.assistance.factories import certified_person

    person = certified_person(county_officer, region_id=regions["village"])
    certification = current_certification(person, today=DAY)
    assert certification.status == S.CERTIFIED
    assert current_certification(person, today=certification.valid_until) == certification
    expired = certification.valid_until + datetime.timedelta(days=1)
    assert current_certification(person, today=expired) is None
    assert current_certification(PersonFactory(region_id=regions["village"])) is None


def test_daily_run_marks_a_lapsed_certification_expired_and_logs_it(regions, county_officer):
    from django.core.management import call_command

    from tests.assistance.factories import certified_person

    person = certified_person(county_officer, region_id=regions["village"])
    c = person.certifications.get()
    call_command("detect_zero_employment_households", as_of=c.valid_until)
    c.refresh_from_db()
    assert c.status == S.CERTIFIED
    call_command(
        "detect_zero_employment_households", as_of=c.valid_until + datetime.timedelta(days=1)
    )
    c.refresh_from_db()
    assert c.status == S.EXPIRED
    assert c.transitions.last().action == "expire"
    assert AuditEvent.objects.filter(action="certification.expire").count() == 1


def test_an_expired_certification_does_not_block_a_new_application(regions, county_officer):
    from tests.assistance.factories import certified_person

    person = certified_person(county_officer, region_id=regions["village"])
    old = person.certifications.get()
    with pytest.raises(ValidationError, match="already"):
        apply_for_certification(
            person=person, category=category(), applied_on=old.valid_until, by=None
        )
    renewal = apply_for_certification(
        person=person,
        category=category(),
        applied_on=old.valid_until + datetime.timedelta(days=1),
        by=None,
    )
    old.refresh_from_db()
    assert (old.status, renewal.status) == (S.EXPIRED, S.APPLIED)


def test_expiry_is_not_offered_to_staff_as_an_action(regions, county_officer):
    from jiuye.assistance.services import allowed_actions
    from tests.assistance.factories import certified_person

    c = certified_person(county_officer, region_id=regions["village"]).certifications.get()
    assert allowed_actions(c, county_officer) == [A.REVOKE]

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jiuye.accounts.enums import Role
from jiuye.accounts.models import AuditEvent, User
from jiuye.employers.credit_codes import InvalidCreditCode, check_credit_code
from jiuye.employers.enums import EmployerStatus
from jiuye.employers.models import Employer
from jiuye.employers.services import register_employer, verify_employer
from jiuye.vacancies.enums import VacancyStatus
from tests.platform.factories import VacancyFactory

VALID_CODE = "91110000600037341L"


def test_valid_credit_code_passes_and_bad_length_is_refused():
    assert check_credit_code(VALID_CODE).check_digit_failed is False
    with pytest.raises(InvalidCreditCode):
        check_credit_code("911100006000")


def test_pilot_region_code_with_failing_check_digit_is_accepted_with_warning():
    checked = check_credit_code("91110000600037341A")
    assert checked.check_digit_failed is True


def test_malformed_code_with_failing_check_digit_is_refused():
    with pytest.raises(InvalidCreditCode):
        check_credit_code("9100000060003734AA")


def test_self_registration_creates_unverified_employer_and_login(regions):
    employer = register_employer(
        name="都安测试食品有限公司",
        region_code=regions["county"],
        credit_code=VALID_CODE,
        user_fields={"username": "boss", "password": "a-long-password-1"},
    )
    assert employer.status == EmployerStatus.PENDING
    assert employer.self_registered
    user = User.objects.get(username="boss")
    assert user.role == Role.EMPLOYER and user.employer == employer
    assert AuditEvent.objects.filter(
        action="employer.register", object_id=str(employer.pk)
    ).exists()


def test_duplicate_credit_code_is_refused(regions):
    register_employer(name="A", region_code=regions["county"], credit_code=VALID_CODE)
    with pytest.raises(ValidationError):
        register_employer(name="B", region_code=regions["county"], credit_code=VALID_CODE)


def test_staff_cannot_register_employer_outside_their_area(regions, other_county_officer):
    with pytest.raises(PermissionDenied):
        register_employer(name="A", region_code=regions["county"], by=other_county_officer)


def test_verification_is_audited_and_publishes_waiting_vacancies(regions, county_officer):
    employer = register_employer(name="A", region_code=regions["county"], by=county_officer)
    waiting = VacancyFactory(
        employer=employer, status=VacancyStatus.PENDING, posted_on=None, confirmed_at=None
    )
    verify_employer(employer=employer, by=county_officer)
    employer.refresh_from_db()
    waiting.refresh_from_db()
    assert employer.status == EmployerStatus.VERIFIED and employer.verified_by == county_officer
    assert waiting.status == VacancyStatus.LIVE and waiting.is_public()
    assert AuditEvent.objects.filter(action="employer.verify").count() == 1


def test_other_county_staff_cannot_verify(regions, other_county_officer):
    employer = register_employer(name="A", region_code=regions["county"])
    with pytest.raises(PermissionDenied):
        verify_employer(employer=employer, by=other_county_officer)


def test_employer_user_sees_only_own_employer(regions):
    mine = register_employer(
        name="A", region_code=regions["county"], user_fields={"username": "a", "password": "x" * 12}
    )
    register_employer(name="B", region_code=regions["county"])
    user = User.objects.get(username="a")
    assert list(Employer.objects.visible_to(user)) == [mine]

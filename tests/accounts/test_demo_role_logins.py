import random

from stdnum.cn import uscc

from jiuye.accounts.enums import Role
from jiuye.accounts.models import User
from jiuye.demo.steps import step_00_base, step_95_role_logins
from jiuye.employers.models import Employer
from tests.factories import EmployerFactory


def test_role_logins_are_made_once_and_bound(regions):
    step_00_base.run(random.Random(1))
    summary = step_95_role_logins.run(random.Random(1))
    assert summary == "role logins: employer, seeker, trainer"
    employer = User.objects.get(username="employer")
    seeker = User.objects.get(username="seeker")
    trainer = User.objects.get(username="trainer")
    assert employer.role == Role.EMPLOYER and employer.employer.region_id.startswith("451228")
    assert uscc.is_valid(employer.employer.credit_code)
    assert seeker.role == Role.JOB_SEEKER and seeker.person.region_id.startswith("451228")
    assert trainer.role == Role.TRAINING_INSTITUTION and trainer.institution is not None
    assert step_95_role_logins.run(random.Random(1)) == "role logins: already there"
    assert User.objects.filter(username__in=["employer", "seeker", "trainer"]).count() == 3


def test_role_login_uses_an_existing_employer_of_duan(regions):
    existing = EmployerFactory(region_id=regions["township"])
    step_95_role_logins.run(random.Random(1))
    assert User.objects.get(username="employer").employer == existing
    assert Employer.objects.count() == 1


def test_made_up_credit_codes_pass_the_check_digit():
    rng = random.Random(7)
    assert all(uscc.is_valid(step_95_role_logins.make_credit_code(rng)) for _ in range(50))


def test_made_up_id_numbers_pass_validation():
    import datetime

    from jiuye.demo.ids import make_id_number
    from jiuye.lib.idnumbers import validate_id_number

    number = make_id_number("451228", datetime.date(2003, 3, 14), 7, "F")
    assert validate_id_number(number) == number
    assert int(number[16]) % 2 == 0  # even sequence digit: a woman

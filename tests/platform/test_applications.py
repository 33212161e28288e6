import datetime
import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from jiuye.accounts.models import AuditEvent, User
from jiuye.applications.enums import APPLICATION_TRANSITIONS, ApplicationStatus, Channel
from jiuye.applications.models import Application, ApplicationEvent, JobSeeker
from jiuye.applications.selectors import candidates_for, jobs_for, seeker_occupation_codes
from jiuye.applications.services import apply, register_seeker, transition_application
from jiuye.people.enums import EmploymentStatus, SpellSource
from jiuye.people.models import EmploymentSpell, Person
from jiuye.people.services import record_employment_status
from tests.factories import PersonFactory, UserFactory
from tests.platform.factories import JobSeekerFactory, VacancyFactory, valid_id_number

S = ApplicationStatus


def _seeker_user(seeker):
    return UserFactory(role="job_seeker", person=seeker.person)


def _employer_user(vacancy):
    return UserFactory(role="employer", employer=vacancy.employer)


def test_seeker_registration_links_existing_ledger_person(regions):
    number = valid_id_number()
    person = PersonFactory(id_number=number, name="韦小明")
    seeker = register_seeker(
        id_number=number,
        name="韦小明",
        region_code=regions["county"],
        user_fields={"username": "xm", "password": "x" * 12},
    )
    assert seeker.person == person
    assert User.objects.get(username="xm").person == person


def test_seeker_registration_creates_person_when_unknown(regions):
    number = valid_id_number()
    seeker = register_seeker(id_number=number, name="蓝小红", region_code=regions["township"])
    assert Person.objects.with_id_number(number).get() == seeker.person


def test_invalid_id_number_is_refused(regions):
    with pytest.raises(ValidationError):
        register_seeker(id_number="452122199001011230", name="X", region_code=regions["county"])


def test_name_mismatch_with_ledger_is_refused(regions):
    number = valid_id_number()
    PersonFactory(id_number=number, name="韦小明")
    with pytest.raises(ValidationError):
        register_seeker(id_number=number, name="别人", region_code=regions["county"])


def test_seeker_applies_once(regions):
    vacancy = VacancyFactory()
    seeker = JobSeekerFactory()
    user = _seeker_user(seeker)
    application = apply(vacancy=vacancy, seeker=seeker, by=user)
    assert application.status == S.SUBMITTED
    assert application.events.get().to_status == S.SUBMITTED
    with pytest.raises(ValidationError):
        apply(vacancy=vacancy, seeker=seeker, by=user)


def test_seeker_cannot_apply_for_someone_else(regions):
    vacancy = VacancyFactory()
    seeker, other = JobSeekerFactory(), JobSeekerFactory()
    with pytest.raises(PermissionDenied):
        apply(vacancy=vacancy, seeker=other, by=_seeker_user(seeker))


def test_staff_record_in_person_application(regions, township_officer):
    vacancy = VacancyFactory(region_id=regions["township"])
    seeker = JobSeekerFactory()
    application = apply(
        vacancy=vacancy, seeker=seeker, by=township_officer, channel=Channel.COUNTER
    )
    assert application.channel == Channel.COUNTER and application.created_by == township_officer


def test_no_application_to_a_vacancy_off_the_board(regions):
    vacancy = VacancyFactory(status="closed")
    seeker = JobSeekerFactory()
    with pytest.raises(ValidationError):
        apply(vacancy=vacancy, seeker=seeker, by=_seeker_user(seeker))


def test_every_illegal_transition_is_refused(regions, county_officer):
    vacancy = VacancyFactory()
    for start, to in itertools.product(S.values, S.values):
        if (start, to) in APPLICATION_TRANSITIONS:
            continue
        application = Application.objects.create(
            vacancy=vacancy,
            seeker=JobSeekerFactory(),
            status=start,
            hired_at="2026-01-01T00:00Z" if start == S.HIRED else None,
        )
        with pytest.raises(ValidationError):
            transition_application(application=application, to=to, by=county_officer)
        application.refresh_from_db()
        assert application.status == start


def test_seeker_cannot_hire_themselves_from_interview(regions):
    vacancy = VacancyFactory()
    seeker = JobSeekerFactory()
    user = _seeker_user(seeker)
    application = apply(vacancy=vacancy, seeker=seeker, by=user)
    with pytest.raises(PermissionDenied):
        transition_application(application=application, to=S.SEEN, by=user)
    transition_application(application=application, to=S.WITHDRAWN, by=user)


def test_other_employer_cannot_move_application(regions):
    vacancy = VacancyFactory()
    seeker = JobSeekerFactory()
    application = apply(vacancy=vacancy, seeker=seeker, by=_seeker_user(seeker))
    stranger = UserFactory(role="employer", employer=VacancyFactory(title="保安").employer)
    with pytest.raises(PermissionDenied):
        transition_application(application=application, to=S.SEEN, by=stranger)


def test_hire_logs_every_step_and_writes_the_ledger(regions):
    vacancy = VacancyFactory(region_id=regions["township"], occupation_code="4-03-02-01")
    seeker = JobSeekerFactory(person__region_id=regions["village"])
    person = seeker.person
    record_employment_status(
        person=person,
        status=EmploymentStatus.UNEMPLOYED,
        start=person.birth_date.replace(year=2020),
        source=SpellSource.FORM,
    )
    application = apply(vacancy=vacancy, seeker=seeker, by=_seeker_user(seeker))
    employer_user = _employer_user(vacancy)
    for to in (S.SEEN, S.INTERVIEW, S.OFFERED, S.HIRED):
        transition_application(application=application, to=to, by=employer_user, note=f"to {to}")
    log = list(
        ApplicationEvent.objects.filter(application=application).values_list(
            "from_status", "to_status", "by"
        )
    )
    assert log == [
        ("", S.SUBMITTED, application.created_by_id),
        (S.SUBMITTED, S.SEEN, employer_user.pk),
        (S.SEEN, S.INTERVIEW, employer_user.pk),
        (S.INTERVIEW, S.OFFERED, employer_user.pk),
        (S.OFFERED, S.HIRED, employer_user.pk),
    ]
    assert AuditEvent.objects.filter(action="application.status").count() == 4
    spell = EmploymentSpell.objects.get(person=person, end__isnull=True)
    assert spell.status == EmploymentStatus.EMPLOYED_IN_COUNTY
    assert spell.source == SpellSource.HIRE and spell.employer == vacancy.employer
    assert spell.occupation_code == "4-03-02-01" and spell.monthly_income == 3750
    assert EmploymentSpell.objects.filter(person=person).count() == 2


@pytest.mark.parametrize(
    ("place", "status"),
    [
        ("440306", EmploymentStatus.EMPLOYED_OUTSIDE_PROVINCE),
        ("451221", EmploymentStatus.EMPLOYED_IN_PROVINCE),
    ],
)
def test_hire_away_from_home_county_records_where(
    regions, county_officer, city_admin, place, status
):
    vacancy = VacancyFactory(region_id=place)
    seeker = JobSeekerFactory()
    application = apply(vacancy=vacancy, seeker=seeker, by=_seeker_user(seeker))
    for to in (S.INTERVIEW, S.HIRED):
        transition_application(application=application, to=to, by=_employer_user(vacancy))
    assert EmploymentSpell.objects.get(person=seeker.person).status == status


def test_employer_sees_only_applications_to_own_vacancies(regions):
    mine, theirs = VacancyFactory(), VacancyFactory(title="保安")
    seeker = JobSeekerFactory()
    user = _seeker_user(seeker)
    a = apply(vacancy=mine, seeker=seeker, by=user)
    b = apply(vacancy=theirs, seeker=seeker, by=user)
    assert list(Application.objects.visible_to(_employer_user(mine))) == [a]
    assert set(Application.objects.visible_to(user)) == {a, b}
    other_seeker = _seeker_user(JobSeekerFactory())
    assert not Application.objects.visible_to(other_seeker).exists()


def test_jobs_for_seeker_rank_occupation_and_area(regions):
    seeker = JobSeekerFactory(
        desired_occupations="4-03-02-01", desired_region_codes=regions["township"]
    )
    near_cook = VacancyFactory(region_id=regions["township"])
    far_cook = VacancyFactory(region_id=regions["far_township"])
    near_guard = VacancyFactory(
        title="保安", occupation_code="4-07-05-01", region_id=regions["township"]
    )
    assert jobs_for(seeker) == [near_cook, far_cook, near_guard]


def test_candidates_for_vacancy_rank_by_occupation(regions, county_officer):
    vacancy = VacancyFactory(region_id=regions["township"])
    cook = JobSeekerFactory(desired_occupations="4-03-02-01")
    other = JobSeekerFactory(desired_occupations="6-01-01-01")
    assert candidates_for(vacancy, user=county_officer) == [cook, other]
    assert JobSeeker.objects.count() == 2


def test_jobs_for_seeker_reach_an_older_vacancy_of_their_occupation(regions, monkeypatch):
    from jiuye.applications import selectors

    monkeypatch.setattr(selectors, "CANDIDATE_POOL", 3)
    seeker = JobSeekerFactory(
        desired_occupations="4-03-02-01", desired_region_codes=regions["township"]
    )
    old = timezone.localdate() - datetime.timedelta(days=20)
    cook = VacancyFactory(region_id=regions["far_township"], posted_on=old)
    applied = VacancyFactory(region_id=regions["township"])
    Application.objects.create(vacancy=applied, seeker=seeker)
    guards = [
        VacancyFactory(title="保安", occupation_code="4-07-05-01", region_id=regions["township"])
        for _ in range(4)
    ]
    found = jobs_for(seeker)
    assert found[0] == cook and applied not in found
    assert set(found[1:]) <= set(guards)


def test_candidates_reach_an_earlier_seeker_who_wants_the_occupation(
    regions, county_officer, monkeypatch
):
    from jiuye.applications import selectors

    monkeypatch.setattr(selectors, "CANDIDATE_POOL", 3)
    vacancy = VacancyFactory(region_id=regions["township"])
    cook = JobSeekerFactory(desired_occupations="6-01-01-01 4-03-02-01")
    others = [JobSeekerFactory(desired_occupations="6-01-01-01") for _ in range(4)]
    found = candidates_for(vacancy, user=county_officer)
    assert found[0] == cook and set(found[1:]) <= set(others)


def test_jobs_for_a_seeker_who_named_jobs_but_no_codes_use_the_title_coder(regions):
    seeker = JobSeekerFactory(
        desired_titles="叉车司机", desired_region_codes=regions["far_township"]
    )
    cook = VacancyFactory(region_id=regions["far_township"])
    driver = VacancyFactory(
        title="叉车工", occupation_code="6-30-05-01", region_id=regions["far_township"]
    )
    assert seeker_occupation_codes(seeker) == ["6-30-05-01"]
    assert jobs_for(seeker) == [driver, cook]

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from jiuye.applications.enums import ApplicationStatus, Channel
from jiuye.applications.models import Application
from jiuye.applications.services import apply, transition_application
from jiuye.jobfairs.enums import FairMode, ParticipationStatus
from jiuye.jobfairs.models import FairRegistration, JobFair
from jiuye.jobfairs.selectors import fair_funnel
from jiuye.jobfairs.services import (
    check_in,
    create_fair,
    decide_participation,
    preregister,
    sign_up_employer,
)
from tests.factories import UserFactory
from tests.platform.factories import JobSeekerFactory, VacancyFactory

HOUR = datetime.timedelta(hours=1)


def _fair(by, mode=FairMode.OFFLINE, starts=-HOUR, ends=3 * HOUR, region="451228"):
    now = timezone.now()
    return create_fair(
        by=by,
        name="都安县春风行动招聘会",
        mode=mode,
        starts_at=now + starts,
        ends_at=now + ends,
        region_code=region,
        venue="县人力资源市场" if mode == FairMode.OFFLINE else "",
        organiser="都安县人社局",
    )


def _seeker_user(seeker):
    return UserFactory(role="job_seeker", person=seeker.person)


def test_staff_create_fair_only_in_their_area(regions, county_officer, other_county_officer):
    assert _fair(county_officer).pk
    with pytest.raises(PermissionDenied):
        _fair(other_county_officer)


def test_offline_fair_needs_venue_in_database(regions, county_officer):
    from django.db import IntegrityError

    now = timezone.now()
    with pytest.raises(IntegrityError):
        JobFair.objects.create(
            name="x",
            mode=FairMode.OFFLINE,
            starts_at=now,
            ends_at=now + HOUR,
            region_id="451228",
            organiser="x",
        )


def test_employer_signs_up_staff_approve_booth_unique(regions, county_officer):
    fair = _fair(county_officer)
    a, b = VacancyFactory(), VacancyFactory(title="保安")
    first = sign_up_employer(
        fair=fair,
        employer=a.employer,
        by=UserFactory(role="employer", employer=a.employer),
        booth="A1",
        vacancies=[a],
    )
    second = sign_up_employer(
        fair=fair, employer=b.employer, by=county_officer, booth="A1", vacancies=[b]
    )
    decide_participation(participation=first, by=county_officer, approve=True)
    with pytest.raises(ValidationError):
        decide_participation(participation=second, by=county_officer, approve=True)
    with pytest.raises(ValidationError):
        sign_up_employer(fair=fair, employer=a.employer, by=county_officer)


def test_employer_cannot_bring_another_employers_vacancy(regions, county_officer):
    fair = _fair(county_officer)
    mine, theirs = VacancyFactory(), VacancyFactory()
    user = UserFactory(role="employer", employer=mine.employer)
    with pytest.raises(ValidationError):
        sign_up_employer(fair=fair, employer=mine.employer, by=user, vacancies=[theirs])


def test_preregistration_and_check_in_by_code(regions, county_officer):
    fair = _fair(county_officer)
    seeker = JobSeekerFactory()
    registration = preregister(fair=fair, seeker=seeker, by=_seeker_user(seeker))
    assert preregister(fair=fair, seeker=seeker, by=county_officer) == registration
    with pytest.raises(ValidationError):
        check_in(fair=fair, code="NOPE", by=county_officer)
    checked = check_in(fair=fair, code=f" {registration.code.lower()} ", by=county_officer)
    first_time = checked.checked_in_at
    assert first_time is not None and checked.checked_in_by == county_officer
    assert (
        check_in(fair=fair, code=registration.code, by=county_officer).checked_in_at == first_time
    )


def test_other_area_staff_cannot_check_in(regions, county_officer, other_county_officer):
    fair = _fair(county_officer)
    seeker = JobSeekerFactory()
    registration = preregister(fair=fair, seeker=seeker, by=county_officer)
    with pytest.raises(PermissionDenied):
        check_in(fair=fair, code=registration.code, by=other_county_officer)


def test_online_fair_applications_only_during_its_dates(regions, county_officer):
    vacancy = VacancyFactory()
    seeker = JobSeekerFactory()
    later = _fair(county_officer, mode=FairMode.ONLINE, starts=HOUR, ends=5 * HOUR)
    with pytest.raises(ValidationError):
        apply(vacancy=vacancy, seeker=seeker, by=_seeker_user(seeker), fair=later)
    assert not JobFair.objects.live_online().exists()
    live = _fair(county_officer, mode=FairMode.ONLINE)
    application = apply(vacancy=vacancy, seeker=seeker, by=seeker.person.user, fair=live)
    assert application.fair == live and application.channel == Channel.ONLINE
    assert list(JobFair.objects.live_online()) == [live]


def test_fair_application_channel_requires_fair(regions, county_officer):
    vacancy = VacancyFactory()
    with pytest.raises(ValidationError):
        apply(vacancy=vacancy, seeker=JobSeekerFactory(), by=county_officer, channel=Channel.FAIR)


def test_fair_funnel_counts(regions, county_officer):
    fair = _fair(county_officer)
    v1, v2 = VacancyFactory(headcount=3), VacancyFactory(title="保安", headcount=2)
    v3 = VacancyFactory(title="普工", headcount=10)
    p1 = sign_up_employer(
        fair=fair, employer=v1.employer, by=county_officer, booth="A1", vacancies=[v1]
    )
    p2 = sign_up_employer(
        fair=fair, employer=v2.employer, by=county_officer, booth="A2", vacancies=[v2]
    )
    sign_up_employer(fair=fair, employer=v3.employer, by=county_officer, booth="A3", vacancies=[v3])
    decide_participation(participation=p1, by=county_officer, approve=True)
    decide_participation(participation=p2, by=county_officer, approve=True)
    seekers = [JobSeekerFactory() for _ in range(3)]
    for seeker in seekers:
        preregister(fair=fair, seeker=seeker, by=county_officer)
    for registration in FairRegistration.objects.filter(fair=fair)[:2]:
        check_in(fair=fair, code=registration.code, by=county_officer)
    a1 = apply(vacancy=v1, seeker=seekers[0], by=county_officer, channel=Channel.FAIR, fair=fair)
    apply(vacancy=v2, seeker=seekers[1], by=county_officer, channel=Channel.FAIR, fair=fair)
    apply(vacancy=v2, seeker=seekers[2], by=county_officer)  # not at the fair
    for to in (ApplicationStatus.INTERVIEW, ApplicationStatus.HIRED):
        transition_application(application=a1, to=to, by=county_officer)
    funnel = fair_funnel(fair)
    assert (funnel.employers, funnel.vacancies, funnel.positions) == (2, 2, 5)
    assert (funnel.registered, funnel.visitors) == (3, 2)
    assert (funnel.applications, funnel.hires) == (2, 1)
    assert Application.objects.filter(fair=fair).count() == 2


# --- pages ----------------------------------------------------------------------------------


def test_fair_pages_are_public(client, regions, county_officer):
    fair = _fair(county_officer)
    assert client.get(reverse("jobfairs:list")).status_code == 200
    assert client.get(reverse("jobfairs:fair", args=[fair.pk])).status_code == 200
    assert client.get(reverse("jobfairs:fair_qr", args=[fair.pk])).content.startswith(b"<svg")


def test_online_fair_page_hides_stands_before_it_opens(client, regions, county_officer):
    fair = _fair(county_officer, mode=FairMode.ONLINE, starts=HOUR, ends=5 * HOUR)
    vacancy = VacancyFactory()
    part = sign_up_employer(
        fair=fair, employer=vacancy.employer, by=county_officer, vacancies=[vacancy]
    )
    decide_participation(participation=part, by=county_officer, approve=True)
    response = client.get(reverse("jobfairs:fair", args=[fair.pk]))
    assert response.context["participants"] == []
    fair.starts_at = timezone.now() - HOUR
    fair.save(update_fields=["starts_at"])
    response = client.get(reverse("jobfairs:fair", args=[fair.pk]))
    assert list(response.context["participants"]) == [part]


def test_seeker_registers_and_sees_code(client, regions, county_officer):
    fair = _fair(county_officer)
    seeker = JobSeekerFactory()
    client.force_login(_seeker_user(seeker))
    client.post(reverse("jobfairs:register", args=[fair.pk]))
    registration = FairRegistration.objects.get()
    page = client.get(reverse("jobfairs:fair", args=[fair.pk]))
    assert registration.code in page.text
    assert client.get(reverse("jobfairs:ticket_qr", args=[fair.pk])).content.startswith(b"<svg")


def test_check_in_page_staff_only(client, regions, county_officer, other_county_officer):
    fair = _fair(county_officer)
    seeker = JobSeekerFactory()
    registration = preregister(fair=fair, seeker=seeker, by=county_officer)
    url = reverse("jobfairs:check_in", args=[fair.pk])
    assert client.get(url).status_code == 302
    client.force_login(_seeker_user(seeker))
    assert client.get(url).status_code == 403
    client.force_login(other_county_officer)
    assert client.get(url).status_code == 404
    client.force_login(county_officer)
    assert client.post(url, {"code": "WRONG"}).status_code == 200
    response = client.post(url, {"code": registration.code}, HTTP_ACCEPT_LANGUAGE="en")
    assert "checked in" in response.text
    registration.refresh_from_db()
    assert registration.checked_in_at is not None


def test_employer_sign_up_page_and_staff_approval(client, regions, county_officer):
    fair = _fair(county_officer)
    vacancy = VacancyFactory()
    client.force_login(UserFactory(role="employer", employer=vacancy.employer))
    response = client.post(
        reverse("jobfairs:sign_up", args=[fair.pk]), {"booth": "B2", "vacancies": [vacancy.pk]}
    )
    assert response.status_code == 302
    participation = fair.participants.get()
    assert list(participation.vacancies.all()) == [vacancy]
    client.force_login(county_officer)
    client.post(
        reverse("jobfairs:decide", args=[fair.pk, participation.pk]), {"decision": "approve"}
    )
    participation.refresh_from_db()
    assert participation.status == ParticipationStatus.APPROVED
    assert client.get(reverse("jobfairs:manage", args=[fair.pk])).context["funnel"].employers == 1


def test_staff_create_fair_page(client, regions, county_officer):
    client.force_login(county_officer)
    data = {
        "name": "返乡农民工专场",
        "theme": "returning_migrants",
        "mode": "offline",
        "starts_at": "2099-02-01T09:00",
        "ends_at": "2099-02-01T17:00",
        "venue": "",
        "region": "451228",
        "organiser": "都安县人社局",
    }
    assert client.post(reverse("jobfairs:create"), data).status_code == 200  # venue missing
    data["venue"] = "县城广场"
    assert client.post(reverse("jobfairs:create"), data).status_code == 302
    assert JobFair.objects.get().theme == "returning_migrants"


def test_staff_record_booth_application_attributed_to_fair(client, regions, county_officer):
    from jiuye.applications.services import register_seeker
    from tests.platform.factories import valid_id_number

    fair = _fair(county_officer)
    vacancy = VacancyFactory()
    number = valid_id_number()
    register_seeker(id_number=number, name="蓝海燕", region_code="451228", by=county_officer)
    client.force_login(county_officer)
    url = reverse("platform:record_application")
    data = {"vacancy": vacancy.pk, "id_number": number, "fair": fair.pk}
    assert client.post(url, data).status_code == 302
    application = Application.objects.get()
    assert application.fair == fair and application.channel == Channel.FAIR
    assert fair_funnel(fair).applications == 1


def test_booth_application_refuses_fair_of_other_area(
    client, regions, county_officer, other_county_officer
):
    from tests.platform.factories import valid_id_number

    fair = _fair(other_county_officer, region="451221")
    client.force_login(county_officer)
    data = {"vacancy": VacancyFactory().pk, "id_number": valid_id_number(), "fair": fair.pk}
    response = client.post(reverse("platform:record_application"), data)
    assert response.status_code == 200 and not Application.objects.exists()

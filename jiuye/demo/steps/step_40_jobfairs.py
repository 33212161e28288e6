"""Job fairs for the demo: a past on-site fair with its full funnel, an online partner-city
fair running now, and an upcoming fair for college graduates open for pre-registration."""

import datetime
import random

from django.core.exceptions import ValidationError
from django.utils import timezone

from jiuye.accounts.models import User
from jiuye.applications.enums import ApplicationStatus, Channel
from jiuye.applications.models import Application, ApplicationEvent, JobSeeker
from jiuye.applications.services import transition_application
from jiuye.employers.enums import EmployerKind, EmployerStatus
from jiuye.employers.models import Employer
from jiuye.jobfairs.enums import FairMode, FairTheme, ParticipationStatus
from jiuye.jobfairs.models import FairEmployer, FairRegistration, JobFair
from jiuye.vacancies.enums import VacancyStatus

FAIRS = [
    # name, theme, mode, start offset (days), hours, venue, region, employer kinds
    (
        "都安县2026年春风行动返乡农民工专场招聘会",
        FairTheme.RETURNING_MIGRANTS,
        FairMode.OFFLINE,
        -10,
        6,
        "都安县人力资源市场",
        "451228",
        (EmployerKind.ENTERPRISE, EmployerKind.WORKSHOP, EmployerKind.PARK_COMPANY),
    ),
    (
        "粤桂劳务协作深圳企业网络招聘会",
        FairTheme.PARTNER_CITY,
        FairMode.ONLINE,
        -2,
        24 * 7,
        "",
        "4512",
        (EmployerKind.PARTNER_CITY,),
    ),
    (
        "河池市高校毕业生就业双选会",
        FairTheme.GRADUATES,
        FairMode.OFFLINE,
        12,
        5,
        "河池学院体育馆",
        "451202",
        (EmployerKind.ENTERPRISE,),
    ),
]


def _approved_participants(rng, fair, kinds, count) -> list[FairEmployer]:
    employers = list(
        Employer.objects.filter(kind__in=kinds, status=EmployerStatus.VERIFIED).order_by("pk")
    )
    chosen = rng.sample(employers, min(count, len(employers)))
    rows = [
        FairEmployer(
            fair=fair,
            employer=e,
            booth=f"{'ABC'[i % 3]}{i // 3 + 1}",
            status=ParticipationStatus.APPROVED,
        )
        for i, e in enumerate(chosen)
    ]
    FairEmployer.objects.bulk_create(rows)
    participants = list(fair.participants.select_related("employer"))
    through = FairEmployer.vacancies.through
    links = []
    for participant in participants:
        live = participant.employer.vacancies.filter(status=VacancyStatus.LIVE).values_list(
            "pk", flat=True
        )
        links += [through(fairemployer_id=participant.pk, vacancy_id=v) for v in live[:4]]
    through.objects.bulk_create(links)
    return participants


def run(rng: random.Random) -> str:
    if JobFair.objects.filter(name=FAIRS[0][0]).exists():
        return "job fairs: already built"
    seekers = list(JobSeeker.objects.order_by("pk")[:300])
    if not seekers:
        return "job fairs: no job seekers (platform step missing)"
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    now = timezone.now()
    summary = []
    for name, theme, mode, offset, hours, venue, region, kinds in FAIRS:
        starts = (now + datetime.timedelta(days=offset)).replace(
            hour=9, minute=0, second=0, microsecond=0
        )
        fair = JobFair.objects.create(
            name=name,
            theme=theme,
            mode=mode,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=hours),
            venue=venue,
            region_id=region,
            organiser="河池市人力资源和社会保障局",
            created_by=admin,
        )
        participants = _approved_participants(
            rng, fair, kinds, 25 if mode == FairMode.OFFLINE else 20
        )
        visitors = rng.sample(seekers, min(len(seekers), 120))
        registrations = [FairRegistration(fair=fair, seeker=s) for s in visitors]
        if offset < 0 and mode == FairMode.OFFLINE:
            for registration in registrations[:90]:
                registration.checked_in_at = starts + datetime.timedelta(
                    minutes=rng.randint(0, 240)
                )
                registration.checked_in_by = admin
        FairRegistration.objects.bulk_create(registrations)
        applications = []
        if offset < 0:
            vacancies = [v for p in participants for v in p.vacancies.all()]
            taken = set(
                Application.objects.filter(vacancy__in=vacancies).values_list(
                    "vacancy_id", "seeker_id"
                )
            )
            for seeker in visitors[:80]:
                vacancy = rng.choice(vacancies)
                if (vacancy.pk, seeker.pk) in taken:
                    continue
                taken.add((vacancy.pk, seeker.pk))
                applications.append(
                    Application(
                        vacancy=vacancy,
                        seeker=seeker,
                        fair=fair,
                        channel=Channel.FAIR if mode == FairMode.OFFLINE else Channel.ONLINE,
                        status=ApplicationStatus.INTERVIEW,
                    )
                )
            created = Application.objects.bulk_create(applications)
            ApplicationEvent.objects.bulk_create(
                [
                    ApplicationEvent(
                        application=a, to_status=ApplicationStatus.SUBMITTED, note=name[:40]
                    )
                    for a in created
                ]
                + [
                    ApplicationEvent(
                        application=a,
                        from_status=ApplicationStatus.SUBMITTED,
                        to_status=ApplicationStatus.INTERVIEW,
                    )
                    for a in created
                ]
            )
            for application in created[:15]:
                try:
                    transition_application(
                        application=application,
                        to=ApplicationStatus.HIRED,
                        by=admin,
                        note=name[:40],
                    )
                except ValidationError:
                    continue
        summary.append(
            f"{fair.get_mode_display()} {len(participants)} employers, "
            f"{len(applications)} applications"
        )
    return "job fairs: " + "; ".join(summary)

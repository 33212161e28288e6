"""Reads for job fairs: the funnel from employers to hires."""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from jiuye.applications.enums import ApplicationStatus
from jiuye.jobfairs.enums import ParticipationStatus
from jiuye.jobfairs.models import JobFair
from jiuye.vacancies.models import Vacancy


@dataclass(frozen=True)
class Funnel:
    employers: int
    vacancies: int
    positions: int
    registered: int
    visitors: int
    applications: int
    hires: int


def fair_funnel(fair: JobFair) -> Funnel:
    """Approved employers, the vacancies they brought and their positions, pre-registered
    seekers, visitors (checked in at an offline fair; at an online fair, seekers who
    applied), applications attributed to the fair and the hires among them."""
    approved = fair.participants.filter(status=ParticipationStatus.APPROVED)
    vacancy_ids = approved.values("vacancies")
    brought = Vacancy.objects.filter(pk__in=vacancy_ids).aggregate(
        n=Count("pk"), positions=Sum("headcount")
    )
    apps = fair.applications.aggregate(
        n=Count("pk"),
        hires=Count("pk", filter=Q(status=ApplicationStatus.HIRED)),
        applicants=Count("seeker", distinct=True),
    )
    registrations = fair.registrations.aggregate(n=Count("pk"), checked=Count("checked_in_at"))
    visitors = apps["applicants"] if fair.is_online else registrations["checked"]
    return Funnel(
        employers=approved.count(),
        vacancies=brought["n"],
        positions=brought["positions"] or 0,
        registered=registrations["n"],
        visitors=visitors,
        applications=apps["n"],
        hires=apps["hires"],
    )

"""Platform API: the public job board search and vacancy, and application status changes
for employers and staff, over the same selectors and services as the pages."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from jiuye.applications.models import Application
from jiuye.applications.services import transition_application
from jiuye.vacancies.models import Vacancy
from jiuye.vacancies.selectors import BoardQuery, search_board

router = Router(tags=["platform"])


class BoardFilters(Schema):
    q: str = ""
    area: str = ""
    near: str = ""
    occupation: str = ""
    min_wage: int | None = None
    employment_type: str = ""
    posted_within_days: int | None = None
    page: int = 1


class VacancyOut(Schema):
    id: int
    title: str
    employer: str
    occupation_code: str
    region_code: str
    region_name: str
    wage_min: int
    wage_max: int
    headcount: int
    employment_type: str
    housing: bool
    meals: bool
    posted_on: datetime.date | None
    valid_until: datetime.date


class BoardPageOut(Schema):
    page: int
    has_next: bool
    total: int  # matches: exact when total_exact, else an estimate or (capped) a floor
    total_exact: bool
    total_capped: bool
    results: list[VacancyOut]


def _vacancy_out(vacancy: Vacancy) -> dict:
    return {
        "id": vacancy.pk,
        "title": vacancy.title,
        "employer": vacancy.employer.name,
        "occupation_code": vacancy.occupation_code,
        "region_code": vacancy.region_id,
        "region_name": vacancy.region.name,
        "wage_min": vacancy.wage_min,
        "wage_max": vacancy.wage_max,
        "headcount": vacancy.headcount,
        "employment_type": vacancy.employment_type,
        "housing": vacancy.housing,
        "meals": vacancy.meals,
        "posted_on": vacancy.posted_on,
        "valid_until": vacancy.valid_until,
    }


@router.get("/vacancies", response=BoardPageOut, auth=None)
def list_vacancies(request, filters: Query[BoardFilters]):
    """Search live vacancies, as the public job board does."""
    data = filters.dict()
    data["page"] = max(1, min(data["page"], 500))
    result = search_board(BoardQuery(**data))
    return {
        "page": result.page,
        "has_next": result.has_next,
        "total": result.total,
        "total_exact": result.total_exact,
        "total_capped": result.total_capped,
        "results": [_vacancy_out(v) for v in result.vacancies],
    }


@router.get("/vacancies/{vacancy_id}", response=VacancyOut, auth=None)
def get_vacancy(request, vacancy_id: int):
    vacancy = get_object_or_404(
        Vacancy.objects.public().select_related("employer", "region"), pk=vacancy_id
    )
    return _vacancy_out(vacancy)


class TransitionIn(Schema):
    to: str
    note: str = ""


class ApplicationOut(Schema):
    id: int
    vacancy_id: int
    status: str


@router.post("/applications/{application_id}/transitions", response=ApplicationOut)
def move_application(request, application_id: int, payload: TransitionIn):
    """Change an application's status through the state machine (employer or staff)."""
    application = get_object_or_404(Application.objects.visible_to(request.user), pk=application_id)
    try:
        application = transition_application(
            application=application, to=payload.to, by=request.user, note=payload.note
        )
    except ValidationError as exc:
        raise HttpError(409, " ".join(exc.messages)) from exc
    except PermissionDenied as exc:
        raise HttpError(403, "not allowed") from exc
    return {
        "id": application.pk,
        "vacancy_id": application.vacancy_id,
        "status": application.status,
    }

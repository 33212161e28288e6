"""Vacancies for their employer and for staff: list, create, publish, confirm, close."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jiuye.applications.selectors import candidates_for
from jiuye.employers.models import Employer
from jiuye.vacancies.models import Vacancy
from jiuye.vacancies.services import (
    close_vacancy,
    confirm_vacancy,
    create_vacancy,
    publish_vacancy,
    update_vacancy,
)
from jiuye.web.platform.forms import VacancyForm
from jiuye.web.platform.views.employers import _add_errors


def _require_employer_or_staff(user) -> None:
    if not (user.is_superuser or user.is_area_staff or user.employer_id):
        raise PermissionDenied


def vacancy_list(request: HttpRequest) -> HttpResponse:
    _require_employer_or_staff(request.user)
    vacancies = (
        Vacancy.objects.visible_to(request.user)
        .select_related("employer", "region")
        .order_by("-created_at", "-pk")
    )
    status = request.GET.get("status", "")
    if status:
        vacancies = vacancies.filter(status=status)
    return render(
        request,
        "platform/vacancy_list.html",
        {"vacancies": vacancies[:200], "status": status},
    )


def vacancy_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    _require_employer_or_staff(user)
    if user.employer_id:
        employer = user.employer
    else:
        employer = get_object_or_404(
            Employer.objects.visible_to(user), pk=request.GET.get("employer") or 0
        )
    form = VacancyForm(request.POST or None, initial={"region": employer.region_id})
    if request.method == "POST" and form.is_valid():
        try:
            vacancy = create_vacancy(employer=employer, by=user, **form.vacancy_fields())
        except ValidationError as exc:
            _add_errors(form, exc)
        except PermissionDenied:
            form.add_error("region", _("That area lies outside your own."))
        else:
            messages.success(request, _("Draft saved. Publish it when ready."))
            return redirect("platform:vacancy_manage", pk=vacancy.pk)
    return render(request, "platform/vacancy_form.html", {"form": form, "employer": employer})


def vacancy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_employer_or_staff(request.user)
    vacancy = get_object_or_404(
        Vacancy.objects.visible_to(request.user).select_related("employer"), pk=pk
    )
    initial = {name: getattr(vacancy, name) for name in VacancyForm.base_fields if name != "region"}
    initial["region"] = vacancy.region_id
    form = VacancyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            update_vacancy(vacancy=vacancy, by=request.user, **form.vacancy_fields())
        except ValidationError as exc:
            _add_errors(form, exc)
        except PermissionDenied:
            form.add_error("region", _("That area lies outside your own."))
        else:
            messages.success(request, _("Vacancy saved."))
            return redirect("platform:vacancy_manage", pk=vacancy.pk)
    return render(
        request, "platform/vacancy_form.html", {"form": form, "employer": vacancy.employer}
    )


def vacancy_manage(request: HttpRequest, pk: int) -> HttpResponse:
    _require_employer_or_staff(request.user)
    vacancy = get_object_or_404(
        Vacancy.objects.visible_to(request.user).select_related("employer", "region"), pk=pk
    )
    applications = vacancy.applications.select_related("seeker__person").order_by("-created_at")
    return render(
        request,
        "platform/vacancy_manage.html",
        {
            "vacancy": vacancy,
            "applications": applications[:100],
            "candidates": candidates_for(vacancy, user=request.user, limit=10),
            # Employers see a candidate who has not applied only by surname.
            "show_candidate_names": request.user.is_superuser or request.user.is_area_staff,
            "events": vacancy.events.select_related("by"),
        },
    )


_ACTIONS = {
    "publish": (publish_vacancy, _("Vacancy published.")),
    "confirm": (confirm_vacancy, _("Vacancy confirmed for 30 more days.")),
    "close": (close_vacancy, _("Vacancy closed.")),
}


@require_POST
def vacancy_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    _require_employer_or_staff(request.user)
    vacancy = get_object_or_404(Vacancy.objects.visible_to(request.user), pk=pk)
    if action not in _ACTIONS:
        raise PermissionDenied
    service, done = _ACTIONS[action]
    try:
        service(vacancy=vacancy, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("platform:vacancy_manage", pk=pk)

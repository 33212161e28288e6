"""Job fair pages: public list and fair page, seeker pre-registration and ticket, employer
sign-up, staff creation, approval, check-in and funnel."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jiuye.applications.models import JobSeeker
from jiuye.applications.services import apply
from jiuye.jobfairs.enums import ParticipationStatus
from jiuye.jobfairs.models import FairEmployer, FairRegistration, JobFair
from jiuye.jobfairs.selectors import fair_funnel
from jiuye.jobfairs.services import (
    check_in,
    create_fair,
    decide_participation,
    preregister,
    sign_up_employer,
)
from jiuye.vacancies.models import Vacancy
from jiuye.vacancies.qr import qr_svg
from jiuye.web.jobfairs.forms import CheckInForm, FairForm, SignUpForm


def _staff_fair(user, pk: int) -> JobFair:
    if not (user.is_superuser or user.is_area_staff):
        raise PermissionDenied
    return get_object_or_404(
        JobFair.objects.in_area(user.area_code) if user.area_code else JobFair.objects, pk=pk
    )


def _is_fair_staff(user, fair: JobFair) -> bool:
    return user.is_authenticated and (
        user.is_superuser or (user.is_area_staff and user.covers(fair.region_id))
    )


@require_GET
@login_not_required
def fair_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    fairs = JobFair.objects.select_related("region").filter(ends_at__gt=now).order_by("starts_at")
    past = JobFair.objects.select_related("region").filter(ends_at__lte=now).order_by("-starts_at")
    return render(request, "jobfairs/fair_list.html", {"fairs": fairs[:50], "past": past[:20]})


@require_GET
@login_not_required
def fair_page(request: HttpRequest, pk: int) -> HttpResponse:
    fair = get_object_or_404(JobFair.objects.select_related("region"), pk=pk)
    user = request.user
    participants = (
        fair.participants.filter(status=ParticipationStatus.APPROVED)
        .select_related("employer")
        .prefetch_related("vacancies")
        .order_by("booth", "pk")
    )
    # An online fair shows its stands only while it runs.
    show_stands = not fair.is_online or fair.is_live()
    registration = None
    if user.is_authenticated and user.person_id:
        registration = FairRegistration.objects.filter(
            fair=fair, seeker__person_id=user.person_id
        ).first()
    return render(
        request,
        "jobfairs/fair_page.html",
        {
            "fair": fair,
            "participants": participants if show_stands else [],
            "show_stands": show_stands,
            "registration": registration,
            "is_staff": _is_fair_staff(user, fair),
            "funnel": fair_funnel(fair) if _is_fair_staff(user, fair) else None,
            "can_sign_up": user.is_authenticated
            and bool(user.employer_id)
            and fair.ends_at > timezone.now(),
        },
    )


@require_GET
@login_not_required
def fair_qr(request: HttpRequest, pk: int) -> HttpResponse:
    fair = get_object_or_404(JobFair, pk=pk)
    url = request.build_absolute_uri(reverse("jobfairs:fair", args=[fair.pk]))
    return HttpResponse(qr_svg(url), content_type="image/svg+xml")


def _my_seeker(user) -> JobSeeker:
    if not user.person_id:
        raise PermissionDenied
    return get_object_or_404(JobSeeker, person_id=user.person_id)


@require_POST
def fair_register(request: HttpRequest, pk: int) -> HttpResponse:
    fair = get_object_or_404(JobFair, pk=pk)
    try:
        preregister(fair=fair, seeker=_my_seeker(request.user), by=request.user)
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("You are registered for the fair."))
    return redirect("jobfairs:fair", pk=pk)


@require_GET
def ticket_qr(request: HttpRequest, pk: int) -> HttpResponse:
    seeker = _my_seeker(request.user)
    registration = get_object_or_404(FairRegistration, fair_id=pk, seeker=seeker)
    return HttpResponse(qr_svg(registration.code), content_type="image/svg+xml")


@require_POST
def fair_apply(request: HttpRequest, pk: int, vacancy_pk: int) -> HttpResponse:
    """A seeker applies during an online fair; the application is attributed to it."""
    fair = get_object_or_404(JobFair, pk=pk)
    vacancy = get_object_or_404(
        Vacancy.objects.filter(
            fairs__fair=fair, fairs__status=ParticipationStatus.APPROVED
        ).distinct(),
        pk=vacancy_pk,
    )
    try:
        apply(vacancy=vacancy, seeker=_my_seeker(request.user), by=request.user, fair=fair)
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("Application sent."))
    return redirect("jobfairs:fair", pk=pk)


def fair_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not (user.is_superuser or user.is_area_staff):
        raise PermissionDenied
    form = FairForm(request.POST or None, initial={"region": user.area_code})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        region = data.pop("region")
        try:
            fair = create_fair(by=user, region_code=region, **data)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        except PermissionDenied:
            form.add_error("region", _("That area lies outside your own."))
        else:
            messages.success(request, _("Job fair created."))
            return redirect("jobfairs:manage", pk=fair.pk)
    return render(request, "jobfairs/fair_form.html", {"form": form})


def fair_sign_up(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    if not user.employer_id:
        raise PermissionDenied
    fair = get_object_or_404(JobFair, pk=pk)
    vacancies = Vacancy.objects.visible_to(user).filter(status="live").order_by("-pk")
    form = SignUpForm(request.POST or None, vacancies=vacancies)
    if request.method == "POST" and form.is_valid():
        try:
            sign_up_employer(
                fair=fair,
                employer=user.employer,
                by=user,
                booth=form.cleaned_data["booth"],
                vacancies=list(form.cleaned_data["vacancies"]),
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Signed up. The bureau will confirm your booth."))
            return redirect("jobfairs:fair", pk=pk)
    return render(request, "jobfairs/sign_up.html", {"form": form, "fair": fair})


def fair_manage(request: HttpRequest, pk: int) -> HttpResponse:
    fair = _staff_fair(request.user, pk)
    participants = (
        fair.participants.select_related("employer")
        .prefetch_related("vacancies")
        .order_by("status", "booth", "pk")
    )
    return render(
        request,
        "jobfairs/fair_manage.html",
        {"fair": fair, "participants": participants, "funnel": fair_funnel(fair)},
    )


@require_POST
def participant_decide(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    fair = _staff_fair(request.user, pk)
    participation = get_object_or_404(FairEmployer, fair=fair, pk=participant_pk)
    try:
        decide_participation(
            participation=participation,
            by=request.user,
            approve=request.POST.get("decision") == "approve",
        )
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
    return redirect("jobfairs:manage", pk=pk)


def fair_check_in(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff check visitors in: the camera reads the QR code where the browser can
    (platform_checkin.js), otherwise the code is typed."""
    fair = _staff_fair(request.user, pk)
    form = CheckInForm(request.POST or None)
    checked = None
    if request.method == "POST" and form.is_valid():
        try:
            checked = check_in(fair=fair, code=form.cleaned_data["code"], by=request.user)
        except ValidationError as exc:
            form.add_error("code", exc.messages)
        else:
            form = CheckInForm()
    return render(
        request,
        "jobfairs/check_in.html",
        {
            "fair": fair,
            "form": form,
            "checked": checked,
            "count": fair.registrations.filter(checked_in_at__isnull=False).count(),
        },
    )

"""Employers: self-registration (public), registration by staff, verification by staff."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jiuye.employers.enums import EmployerStatus
from jiuye.employers.models import Employer
from jiuye.employers.services import register_employer, verify_employer
from jiuye.web.platform.forms import EmployerForm, EmployerSelfRegistrationForm


def _require_staff(user) -> None:
    if not (user.is_superuser or user.is_area_staff):
        raise PermissionDenied


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _employer_fields(data: dict) -> dict:
    return {
        "name": data["name"],
        "credit_code": data["credit_code"],
        "region_code": data["region"],
        "kind": data["kind"],
        "industry": data["industry"],
        "address": data["address"],
        "contact_name": data["contact_name"],
        "contact_phone": data["contact_phone"],
    }


def _warn_if_pilot_code(request, employer: Employer) -> None:
    if employer.credit_code_check_failed:
        messages.warning(
            request,
            _(
                "The credit code's check digit does not match; it was accepted as an early "
                "pilot-region code. Staff will check the certificate."
            ),
        )


@login_not_required
def employer_register(request: HttpRequest) -> HttpResponse:
    form = EmployerSelfRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            employer = register_employer(
                **_employer_fields(data),
                user_fields={
                    "username": data["username"],
                    "password": data["password"],
                    "first_name": data["contact_name"],
                    "phone": data["contact_phone"],
                },
                request=request,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            user = employer.users.get()
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            _warn_if_pilot_code(request, employer)
            messages.success(
                request,
                _("Registered. Your vacancies go public once the bureau has verified you."),
            )
            return redirect("platform:vacancies")
    return render(request, "platform/employer_register.html", {"form": form})


def employer_list(request: HttpRequest) -> HttpResponse:
    _require_staff(request.user)
    status = request.GET.get("status", EmployerStatus.PENDING)
    employers = Employer.objects.visible_to(request.user).select_related("region")
    if status in EmployerStatus.values:
        employers = employers.filter(status=status)
    return render(
        request,
        "platform/employer_list.html",
        {
            "employers": employers.order_by("-created_at", "-pk")[:200],
            "status": status,
            "statuses": EmployerStatus.choices,
        },
    )


def employer_create(request: HttpRequest) -> HttpResponse:
    _require_staff(request.user)
    form = EmployerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            employer = register_employer(
                **_employer_fields(form.cleaned_data), by=request.user, request=request
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        except PermissionDenied:
            form.add_error("region", _("That area lies outside your own."))
        else:
            _warn_if_pilot_code(request, employer)
            messages.success(request, _("Employer registered; verify it when checked."))
            return redirect("platform:employers")
    return render(request, "platform/employer_form.html", {"form": form})


@require_POST
def employer_verify(request: HttpRequest, pk: int) -> HttpResponse:
    _require_staff(request.user)
    employer = get_object_or_404(Employer.objects.visible_to(request.user), pk=pk)
    approve = request.POST.get("decision") != "reject"
    verify_employer(employer=employer, by=request.user, approve=approve, request=request)
    if approve:
        messages.success(request, _("%(name)s is verified.") % {"name": employer.name})
    else:
        messages.info(request, _("%(name)s was rejected.") % {"name": employer.name})
    return redirect("platform:employers")

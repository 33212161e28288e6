"""Applications: seekers register, apply and follow; employers and staff work the inbox."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jiuye.applications.enums import ApplicationStatus, Channel
from jiuye.applications.models import Application, JobSeeker
from jiuye.applications.selectors import jobs_for
from jiuye.applications.services import (
    apply,
    register_seeker,
    targets_for,
    transition_application,
    update_seeker_profile,
)
from jiuye.jobfairs.models import JobFair
from jiuye.lib.idnumbers import InvalidIdNumber, validate_id_number
from jiuye.people.models import Person
from jiuye.vacancies.models import Vacancy
from jiuye.web.platform.forms import (
    ApplyForm,
    CounterApplicationForm,
    ProfileForm,
    SeekerRegistrationForm,
    StaffSeekerForm,
    TransitionForm,
)
from jiuye.web.platform.views.employers import _add_errors


@login_not_required
def seeker_register(request: HttpRequest) -> HttpResponse:
    form = SeekerRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            seeker = register_seeker(
                id_number=data["id_number"],
                name=data["name"],
                region_code=data["region"],
                phone=data["phone"],
                user_fields={"username": data["username"], "password": data["password"]},
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            user = seeker.person.user
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome! Tell us what work you are looking for."))
            return redirect("platform:seeker_home")
    return render(request, "platform/seeker_register.html", {"form": form})


def seeker_register_by_staff(request: HttpRequest) -> HttpResponse:
    if not request.user.is_area_staff:
        raise PermissionDenied
    form = StaffSeekerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            register_seeker(
                id_number=data["id_number"],
                name=data["name"],
                region_code=data["region"],
                phone=data["phone"],
                by=request.user,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        except PermissionDenied:
            form.add_error("region", _("That area lies outside your own."))
        else:
            messages.success(request, _("Job seeker registered."))
            return redirect("platform:record_application")
    return render(request, "platform/seeker_staff_form.html", {"form": form})


def _my_seeker(user) -> JobSeeker:
    if not user.person_id:
        raise PermissionDenied
    return get_object_or_404(JobSeeker.objects.select_related("person"), person_id=user.person_id)


def seeker_home(request: HttpRequest) -> HttpResponse:
    seeker = _my_seeker(request.user)
    form = ProfileForm(
        request.POST or None,
        chosen_regions=seeker.desired_region_codes.split(),
        initial={
            "desired_titles": seeker.desired_titles,
            "desired_occupations": seeker.desired_occupations,
            "desired_region_codes": seeker.desired_region_codes.split(),
            "min_wage": seeker.min_wage,
            "availability": seeker.availability,
        },
    )
    if request.method == "POST" and form.is_valid():
        update_seeker_profile(seeker=seeker, by=request.user, **form.cleaned_data)
        messages.success(request, _("Profile saved."))
        return redirect("platform:seeker_home")
    applications = (
        Application.objects.visible_to(request.user)
        .select_related("vacancy__employer")
        .order_by("-created_at")
    )
    return render(
        request,
        "platform/seeker_home.html",
        {
            "seeker": seeker,
            "form": form,
            "applications": applications[:50],
            "jobs": jobs_for(seeker),
        },
    )


@require_POST
def apply_online(request: HttpRequest, pk: int) -> HttpResponse:
    seeker = _my_seeker(request.user)
    vacancy = get_object_or_404(Vacancy.objects.select_related("employer"), pk=pk)
    form = ApplyForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    try:
        apply(vacancy=vacancy, seeker=seeker, by=request.user, message=message)
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
        return redirect("platform:vacancy", pk=pk)
    messages.success(request, _("Application sent. Follow its status on your page."))
    return redirect("platform:seeker_home")


def inbox(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not (user.is_superuser or user.is_area_staff or user.employer_id):
        raise PermissionDenied
    applications = Application.objects.visible_to(user).select_related("vacancy", "seeker__person")
    status = request.GET.get("status", "")
    if status in ApplicationStatus.values:
        applications = applications.filter(status=status)
    return render(
        request,
        "platform/inbox.html",
        {
            "applications": applications.order_by("-status_changed_at", "-pk")[:200],
            "status": status,
            "statuses": ApplicationStatus.choices,
        },
    )


def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(
        Application.objects.visible_to(request.user).select_related(
            "vacancy__employer", "seeker__person"
        ),
        pk=pk,
    )
    targets = targets_for(request.user, application)
    form = TransitionForm()
    form.fields["to"].choices = [(t, ApplicationStatus(t).label) for t in targets]
    return render(
        request,
        "platform/application_detail.html",
        {
            "application": application,
            "form": form,
            "targets": targets,
            "events": application.events.select_related("by"),
        },
    )


@require_POST
def application_move(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(Application.objects.visible_to(request.user), pk=pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status."))
        return redirect("platform:application", pk=pk)
    try:
        transition_application(
            application=application,
            to=form.cleaned_data["to"],
            by=request.user,
            note=form.cleaned_data["note"],
        )
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
    except PermissionDenied:
        messages.error(request, _("You cannot make this change to the application."))
    else:
        messages.success(request, _("Status changed."))
    return redirect("platform:application", pk=pk)


def record_application(request: HttpRequest) -> HttpResponse:
    """Staff record an application made in person at a service counter."""
    user = request.user
    if not user.is_area_staff:
        raise PermissionDenied
    form = CounterApplicationForm(
        request.POST or None,
        initial={"vacancy": request.GET.get("vacancy"), "fair": request.GET.get("fair")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        vacancy = Vacancy.objects.visible_to(user).filter(pk=data["vacancy"]).first()
        try:
            number = validate_id_number(data["id_number"])
        except InvalidIdNumber:
            number = None
            form.add_error("id_number", _("Not a valid ID number."))
        person = Person.objects.with_id_number(number).first() if number else None
        seeker = JobSeeker.objects.filter(person=person).first() if person else None
        fair = None
        if data["fair"]:
            fair = JobFair.objects.in_area(user.area_code).filter(pk=data["fair"]).first()
            if fair is None:
                form.add_error("fair", _("No such job fair in your area."))
        if vacancy is None:
            form.add_error("vacancy", _("No such vacancy in your area."))
        elif number and seeker is None:
            form.add_error("id_number", _("This person is not registered as a job seeker yet."))
        if not form.errors:
            try:
                application = apply(
                    vacancy=vacancy,
                    seeker=seeker,
                    by=user,
                    channel=Channel.FAIR if fair else Channel.COUNTER,
                    fair=fair,
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("Application recorded."))
                return redirect("platform:application", pk=application.pk)
    return render(request, "platform/record_application.html", {"form": form})

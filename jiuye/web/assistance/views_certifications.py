import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jiuye.assistance.enums import CertificationAction, CertificationStatus
from jiuye.assistance.models import Certification
from jiuye.assistance.rules import categories_for
from jiuye.assistance.selectors import home_panel, mask_name, on_public_notice
from jiuye.assistance.services import (
    allowed_actions,
    apply_for_certification,
    transition_certification,
)
from jiuye.people.models import Person
from jiuye.web.assistance.access import PAGE_SIZE, messages_of, staff_only
from jiuye.web.assistance.forms import ApplicationForm, SelfApplicationForm, TransitionForm


@require_GET
@staff_only
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "assistance/index.html", {"assistance": home_panel(request.user)})


@require_GET
@login_not_required
def public_notice(request: HttpRequest) -> HttpResponse:
    """就业困难人员认定公示: masked names and ID numbers only."""
    area = request.GET.get("area", "")[:12]
    rows = [
        {
            "name": mask_name(c.person.name),
            "id_number": c.person.id_number_masked,
            "category": c.category.name,
            "area": c.region.name,
            "notice_start": c.notice_start,
            "notice_end": c.notice_end,
        }
        for c in on_public_notice(
            today=datetime.date.today(), area_code=area if area.isdigit() else ""
        )
    ]
    return render(request, "assistance/public_notice.html", {"rows": rows})


@require_GET
@staff_only
def certification_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    qs = Certification.objects.visible_to(request.user).select_related(
        "person", "category", "region"
    )
    if status in CertificationStatus.values:
        qs = qs.filter(status=status)
    return render(
        request,
        "assistance/certification_list.html",
        {
            "certifications": Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page")),
            "query": urlencode({"status": status}) if status else "",
            "statuses": CertificationStatus.choices,
            "status": status,
        },
    )


@require_http_methods(["GET", "POST"])
@staff_only
def certification_new(request: HttpRequest) -> HttpResponse:
    """An application recorded by staff: the person found by ID number, or given by the
    ledger's person page (`?person=ID`)."""
    person = None
    if person_id := request.GET.get("person", ""):
        if not person_id.isdigit():
            raise Http404
        person = get_object_or_404(Person.objects.visible_to(request.user), pk=person_id)
    form = ApplicationForm(request.POST or None, person=person)
    area = request.user.area_code
    form.fields["category"].queryset = categories_for(
        person.region_id if person else area or settings.JIUYE_CITY_CODE
    )
    if request.method == "POST" and form.is_valid():
        if person is None:
            person = (
                Person.objects.visible_to(request.user)
                .with_id_number(form.cleaned_data["id_number"])
                .first()
            )
        if person is None:
            form.add_error("id_number", _("No person with this ID number in your area's ledger."))
        else:
            try:
                certification = apply_for_certification(
                    person=person,
                    category=form.cleaned_data["category"],
                    applied_on=form.cleaned_data["applied_on"],
                    by=request.user,
                    by_person=form.cleaned_data["by_person"],
                    statement=form.cleaned_data["statement"],
                )
            except ValidationError as exc:
                form.add_error(None, messages_of(exc))
            else:
                messages.success(request, _("Application recorded."))
                return redirect("assistance:certification", pk=certification.pk)
    return render(request, "assistance/certification_new.html", {"form": form, "person": person})


@require_GET
@staff_only
def certification_detail(request: HttpRequest, pk: int) -> HttpResponse:
    certification = get_object_or_404(
        Certification.objects.visible_to(request.user).select_related("person", "category"),
        pk=pk,
    )
    actions = [
        (a, CertificationAction(a).label, TransitionForm(initial={"action": a}))
        for a in allowed_actions(certification, request.user)
    ]
    return render(
        request,
        "assistance/certification_detail.html",
        {
            "certification": certification,
            "actions": actions,
            "transitions": certification.transitions.select_related("by"),
        },
    )


@require_POST
@staff_only
def certification_act(request: HttpRequest, pk: int) -> HttpResponse:
    certification = get_object_or_404(Certification.objects.visible_to(request.user), pk=pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the date and the note."))
        return redirect("assistance:certification", pk=pk)
    try:
        transition_certification(
            certification=certification,
            action=form.cleaned_data["action"],
            by=request.user,
            on=form.cleaned_data["on"],
            note=form.cleaned_data["note"],
        )
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, messages_of(exc))
    else:
        messages.success(request, _("Certification updated."))
    return redirect("assistance:certification", pk=pk)


@require_http_methods(["GET", "POST"])
def self_application(request: HttpRequest) -> HttpResponse:
    """A job seeker applies to be certified; their township sees it in its list."""
    person = request.user.person
    if person is None or request.user.is_area_staff:
        raise Http404
    form = SelfApplicationForm(request.POST or None)
    form.fields["category"].queryset = categories_for(person.region_id)
    current = Certification.objects.filter(person=person).order_by("-applied_on", "-id").first()
    if request.method == "POST" and form.is_valid():
        try:
            apply_for_certification(
                person=person,
                category=form.cleaned_data["category"],
                applied_on=datetime.date.today(),
                by=request.user,
                by_person=True,
                statement=form.cleaned_data["statement"],
            )
        except ValidationError as exc:
            form.add_error(None, messages_of(exc))
        else:
            messages.success(request, _("Your application was sent to your township."))
            return redirect("assistance:self_application")
    return render(request, "assistance/self_application.html", {"form": form, "current": current})

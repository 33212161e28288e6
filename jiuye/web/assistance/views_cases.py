import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jiuye.assistance.enums import CaseStatus
from jiuye.assistance.models import FollowUpTask, ZeroEmploymentCase
from jiuye.assistance.selectors import (
    due_for_visit,
    need_labels,
    staff_covering,
    visits_to_household,
)
from jiuye.assistance.services import (
    close_case,
    complete_task,
    mark_refused_offers,
    record_job_offer,
    record_visit,
)
from jiuye.people.models import Household, Person
from jiuye.web.assistance.access import PAGE_SIZE, messages_of, staff_only
from jiuye.web.assistance.forms import CloseCaseForm, OfferForm, VisitForm


@require_GET
@staff_only
def case_list(request: HttpRequest) -> HttpResponse:
    today = datetime.date.today()
    overdue = request.GET.get("overdue") == "1"
    qs = (
        ZeroEmploymentCase.objects.visible_to(request.user)
        .filter(status=CaseStatus.OPEN)
        .select_related("household", "region")
    )
    if overdue:
        qs = qs.filter(deadline__lt=today)
    return render(
        request,
        "assistance/case_list.html",
        {
            "cases": Paginator(qs.order_by("deadline", "id"), PAGE_SIZE).get_page(
                request.GET.get("page")
            ),
            "query": "overdue=1" if overdue else "",
            "overdue": overdue,
            "today": today,
        },
    )


def _case_for(request, pk):
    return get_object_or_404(
        ZeroEmploymentCase.objects.visible_to(request.user).select_related(
            "household", "closed_by", "cleared_by_member"
        ),
        pk=pk,
    )


@require_GET
@staff_only
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_for(request, pk)
    return render(
        request,
        "assistance/case_detail.html",
        {
            "case": case,
            "members": case.household.members.order_by("birth_date"),
            "offers": case.offers.all(),
            "close_form": CloseCaseForm(),
            "offer_form": OfferForm(),
            "today": datetime.date.today(),
        },
    )


@require_POST
@staff_only
def case_close(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_for(request, pk)
    form = CloseCaseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an allowed reason and write a note."))
        return redirect("assistance:case", pk=pk)
    try:
        close_case(case=case, by=request.user, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, messages_of(exc))
    else:
        messages.success(request, _("Case closed."))
    return redirect("assistance:case", pk=pk)


@require_POST
@staff_only
def case_offer(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_for(request, pk)
    form = OfferForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Describe the job offered."))
        return redirect("assistance:case", pk=pk)
    record_job_offer(case=case, by=request.user, **form.cleaned_data)
    messages.success(request, _("Offer recorded."))
    return redirect("assistance:case", pk=pk)


@require_POST
@staff_only
def case_mark_refused(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_for(request, pk)
    try:
        mark_refused_offers(case=case, on=datetime.date.today(), by=request.user)
    except ValidationError as exc:
        messages.error(request, messages_of(exc))
    else:
        messages.success(request, _("The household is marked as refusing suitable offers."))
    return redirect("assistance:case", pk=pk)


@require_GET
@staff_only
def visits_due(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "assistance/visits_due.html",
        {"due": due_for_visit(request.user, today=datetime.date.today())},
    )


@require_http_methods(["GET", "POST"])
@staff_only
def visit_new(request: HttpRequest) -> HttpResponse:
    """Phone-first: one column, big touch targets, the household or person from the link."""
    household = person = None
    if household_id := request.GET.get("household", ""):
        if not household_id.isdigit():
            raise Http404
        household = get_object_or_404(Household.objects.visible_to(request.user), pk=household_id)
    elif person_id := request.GET.get("person", ""):
        if not person_id.isdigit():
            raise Http404
        person = get_object_or_404(Person.objects.visible_to(request.user), pk=person_id)
    else:
        raise Http404
    region_code = household.region_id if household is not None else person.region_id
    form = VisitForm(
        request.POST or None,
        initial={"visitors": request.user.get_full_name() or request.user.username},
        owners=staff_covering(region_code),
        default_owner=request.user,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        tasks = form.tasks()
        try:
            record_visit(
                household=household,
                person=person,
                visited_on=data["visited_on"],
                visitors=data["visitors"],
                needs=data["needs"],
                findings=data["findings"],
                outcome=data["outcome"],
                tasks=tasks,
                by=request.user,
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, messages_of(exc))
        else:
            messages.success(request, _("Visit recorded."))
            if household is not None:
                return redirect("assistance:household_visits", pk=household.pk)
            return redirect("assistance:visits_due")
    return render(
        request,
        "assistance/visit_form.html",
        {"form": form, "household": household, "person": person},
    )


@require_POST
@staff_only
def task_done(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_object_or_404(
        FollowUpTask.objects.visible_to(request.user).select_related("visit"), pk=pk
    )
    outcome = request.POST.get("outcome", "").strip()
    if not outcome:
        messages.error(request, _("Write down the outcome."))
    else:
        try:
            complete_task(
                task=task, done_on=datetime.date.today(), outcome=outcome, by=request.user
            )
        except ValidationError as exc:
            messages.error(request, messages_of(exc))
        else:
            messages.success(request, _("Task done."))
    if task.visit.household_id:
        return redirect("assistance:household_visits", pk=task.visit.household_id)
    return redirect("assistance:visits_due")


@require_GET
@staff_only
def household_visits(request: HttpRequest, pk: int) -> HttpResponse:
    household = get_object_or_404(Household.objects.visible_to(request.user), pk=pk)
    visits = visits_to_household(household, user=request.user)
    return render(
        request,
        "assistance/household_visits.html",
        {
            "household": household,
            "visits": [(v, need_labels(v)) for v in visits],
            "cases": household.zero_employment_cases.order_by("-opened_on"),
        },
    )

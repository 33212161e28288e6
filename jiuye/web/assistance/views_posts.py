import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jiuye.assistance.allocation import allocate_first_come, allocate_optimal, total_score
from jiuye.assistance.allocation_runs import start_allocation_run
from jiuye.assistance.enums import PlacementStatus
from jiuye.assistance.models import AllocationRun, Placement, WelfarePost
from jiuye.assistance.rules import points_for
from jiuye.assistance.welfare import (
    create_post,
    end_placement,
    load_candidates,
    open_posts,
    record_month,
    record_post_month,
    subsidy_roll_xlsx,
)
from jiuye.people.models import Person
from jiuye.web.assistance.access import PAGE_SIZE, messages_of, staff_only
from jiuye.web.assistance.forms import EndPlacementForm, MonthForm, PostForm, RollForm


@require_GET
@staff_only
def post_list(request: HttpRequest) -> HttpResponse:
    posts = (
        WelfarePost.objects.visible_to(request.user)
        .select_related("region")
        .annotate(filled=Count("placements", filter=Q(placements__status=PlacementStatus.ACTIVE)))
        .order_by("region_id", "id")
    )
    return render(
        request,
        "assistance/post_list.html",
        {
            "posts": Paginator(posts, PAGE_SIZE).get_page(request.GET.get("page")),
            "roll_form": RollForm(user=request.user),
            "host_units": WelfarePost.objects.visible_to(request.user)
            .order_by("host_unit")
            .values_list("host_unit", flat=True)
            .distinct()[:500],
        },
    )


@require_http_methods(["GET", "POST"])
@staff_only
def post_new(request: HttpRequest) -> HttpResponse:
    form = PostForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            post = create_post(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, messages_of(exc))
        else:
            messages.success(request, _("Post created."))
            return redirect("assistance:post", pk=post.pk)
    return render(request, "assistance/post_new.html", {"form": form})


@require_GET
@staff_only
def post_detail(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(WelfarePost.objects.visible_to(request.user), pk=pk)
    last_month = (datetime.date.today().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    return render(
        request,
        "assistance/post_detail.html",
        {
            "post": post,
            "placements": post.placements.select_related("person"),
            "last_month": last_month,
        },
    )


@require_POST
@staff_only
def post_month(request: HttpRequest, pk: int) -> HttpResponse:
    """The month's days worked for every active placement of the post, in one form."""
    post = get_object_or_404(WelfarePost.objects.visible_to(request.user), pk=pk)
    try:
        month = datetime.datetime.strptime(request.POST.get("month", ""), "%Y-%m").date()
    except ValueError:
        messages.error(request, _("Give the month and the days worked."))
        return redirect("assistance:post", pk=pk)
    days = {}
    for key, value in request.POST.items():
        placement_id = key.removeprefix("days_")
        if key.startswith("days_") and placement_id.isdigit() and value.strip().isdigit():
            days[int(placement_id)] = int(value)
    records, errors = record_post_month(post=post, month=month, days_worked=days, by=request.user)
    for error in errors[:20]:
        messages.error(request, error)
    messages.success(request, _("%(n)s months recorded.") % {"n": len(records)})
    return redirect("assistance:post", pk=pk)


@require_http_methods(["GET", "POST"])
@staff_only
def allocation(request: HttpRequest) -> HttpResponse:
    """GET proposes the optimal assignment of all open places of the user's area; POST
    confirms the proposal shown, less the pairs staff ticked to leave out. The proposal
    travels as one hidden field ("post:person,..."): a county's thousands of pairs as
    separate fields would pass Django's limit on the number of fields in a request."""
    area = request.user.area_code
    today = datetime.date.today()
    if request.method == "POST":
        left_out = set(request.POST.getlist("leave_out"))
        pairs = [
            pair
            for value in request.POST.get("proposal", "").split(",")
            if value not in left_out and (pair := _pair(value))
        ]
        if not pairs:
            messages.error(request, _("Nothing to confirm."))
            return redirect("assistance:allocation")
        run = start_allocation_run(
            area_code=area or settings.JIUYE_CITY_CODE,
            pairs=pairs,
            start_date=today,
            by=request.user,
        )
        return redirect("assistance:allocation_run", pk=run.pk)
    points = points_for(area)
    candidates = load_candidates(area_code=area, as_of=today, points=points)
    posts = open_posts(area_code=area, as_of=today)
    proposals = allocate_optimal(candidates, posts, points)
    baseline = allocate_first_come(candidates, posts, points)
    post_names = WelfarePost.objects.in_bulk([p.post_id for p in proposals])
    people = Person.objects.in_bulk([p.person_id for p in proposals])
    rows = [(post_names[p.post_id], people[p.person_id], p.score) for p in proposals]
    proposal = ",".join(f"{p.post_id}:{p.person_id}" for p in proposals)
    return render(
        request,
        "assistance/allocation.html",
        {
            "rows": rows,
            "proposals": proposals,
            "proposal": proposal,
            "runs": AllocationRun.objects.visible_to(request.user).select_related("created_by")[:5],
            "open_places": sum(p.open_places for p in posts),
            "candidates": len(candidates),
            "score": total_score(proposals),
            "baseline_score": total_score(baseline),
            "baseline_placed": len(baseline),
        },
    )


def _pair(value: str) -> tuple[int, int] | None:
    post_id, _sep, person_id = value.partition(":")
    if post_id.isdigit() and person_id.isdigit():
        return int(post_id), int(person_id)
    return None


@require_GET
@staff_only
def allocation_run(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress of a confirmed allocation; the fragment polls itself until done."""
    run = get_object_or_404(AllocationRun.objects.visible_to(request.user), pk=pk)
    context = {"run": run, "errors": run.errors[:200]}
    if request.htmx:
        return render(request, "assistance/_allocation_run.html", context)
    return render(request, "assistance/allocation_run.html", context)


def _placement_for(request, pk):
    return get_object_or_404(
        Placement.objects.visible_to(request.user).select_related("post", "person"), pk=pk
    )


@require_GET
@staff_only
def placement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    placement = _placement_for(request, pk)
    return render(
        request,
        "assistance/placement_detail.html",
        {
            "placement": placement,
            "months": placement.months.all(),
            "month_form": MonthForm(),
            "end_form": EndPlacementForm(),
        },
    )


@require_POST
@staff_only
def placement_month(request: HttpRequest, pk: int) -> HttpResponse:
    placement = _placement_for(request, pk)
    form = MonthForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the month and the days worked."))
        return redirect("assistance:placement", pk=pk)
    try:
        record_month(placement=placement, by=request.user, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, messages_of(exc))
    else:
        messages.success(request, _("Month recorded."))
    return redirect("assistance:placement", pk=pk)


@require_POST
@staff_only
def placement_end(request: HttpRequest, pk: int) -> HttpResponse:
    placement = _placement_for(request, pk)
    form = EndPlacementForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the end date and the reason."))
        return redirect("assistance:placement", pk=pk)
    try:
        end_placement(placement=placement, by=request.user, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, messages_of(exc))
    else:
        messages.success(request, _("Placement ended."))
    return redirect("assistance:placement", pk=pk)


@require_GET
@staff_only
def subsidy_roll(request: HttpRequest) -> HttpResponse:
    """The month's roll for the user's area, or a part of it (`area`), or one host unit."""
    form = RollForm(request.GET or None, user=request.user)
    if request.GET and not form.is_valid():
        raise Http404
    data = form.cleaned_data if request.GET else {}
    month = data.get("month") or datetime.date.today().replace(day=1)
    area = data.get("area") or request.user.area_code
    host_unit = data.get("host_unit", "")
    content = subsidy_roll_xlsx(
        area_code=area, month=month, by=request.user, host_unit=host_unit, request=request
    )
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"welfare-subsidy-{area or 'all'}-{month:%Y-%m}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response

"""Statistics pages: the dashboard, the people behind each figure, the report (printable
and XLSX) and the targets. Every page is scoped to the viewer's area: an area outside it is
a 404, and the lists behind the figures go through `visible_to`."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jiuye.geo.models import Region
from jiuye.people.models import Household, Person
from jiuye.stats import catalogue
from jiuye.stats.catalogue import COUNT, RATE, Query
from jiuye.stats.dashboard import current_dashboard
from jiuye.stats.models import Target
from jiuye.stats.report import summary, workbook
from jiuye.stats.services import split_target
from jiuye.web.stats.forms import FilterForm, SplitForm


def _root_area(user) -> str:
    if user.is_superuser:
        return user.area_code or settings.JIUYE_CITY_CODE
    if user.is_area_staff:
        return user.area_code
    raise Http404


def _area_for(user, code: str | None) -> Region:
    root = _root_area(user)
    code = code or root
    if not user.covers(code):
        raise Http404
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise Http404
    return region


def _query(request) -> tuple[Query | None, Region | None, FilterForm]:
    """The area, date and period asked for; (None, None, form) when the input is bad."""
    form = FilterForm(request.GET)
    area = _area_for(request.user, request.GET.get("area") or None)
    if not form.is_valid():
        return None, area, form
    data = form.cleaned_data
    return Query(area.code, data["as_of"], data["period_start"]), area, form


def _area_choices(user, area: Region) -> list[Region]:
    """The viewer's area with two levels below it, and the chosen area's own children."""
    root = Region.objects.get(code=_root_area(user))
    choices = Region.objects.filter(code__startswith=root.code, level__lte=root.level + 2)
    deeper = Region.objects.filter(parent_id=area.code) if area.level >= root.level + 2 else []
    extra = [area] if area.level > root.level + 2 else []
    seen, result = set(), []
    for region in [*choices.order_by("code"), *extra, *deeper]:
        if region.code not in seen:
            seen.add(region.code)
            result.append(region)
    return sorted(result, key=lambda r: r.code)


def _params(q: Query, **extra) -> str:
    return urlencode(
        {
            "area": q.area_code,
            "as_of": q.as_of.isoformat(),
            "period_start": q.period_start.isoformat(),
            **extra,
        }
    )


def _chart(kind: str, title: str, categories: list, series: list[dict], unit: str = "") -> dict:
    return {
        "type": kind,
        "title": title,
        "categories": categories,
        "series": series,
        "unit": unit,
    }


def _charts(board, q: Query) -> list[dict]:
    ind = board.report["indicators"]
    children = next(iter(ind.values()))["children"] if ind else []
    names = [c["name"] for c in children]
    charts = []

    def by_area(title, codes, unit=""):
        codes = [c for c in codes if c in ind]
        if not codes or not children:
            return
        series = [
            {"name": ind[c]["label"], "data": [row["value"] for row in ind[c]["children"]]}
            for c in codes
        ]
        rows = [
            [
                {"text": child["name"], "url": ""},
                *[
                    {
                        "text": ind[c]["children"][i]["value"],
                        "url": reverse("stats:records", args=[c])
                        + "?"
                        + _params(q.with_area(child["code"])),
                    }
                    for c in codes
                ],
            ]
            for i, child in enumerate(children)
        ]
        charts.append(
            {
                "id": f"chart-{len(charts)}",
                "spec": _chart("bar", title, names, series, unit),
                "header": [_("Area"), *[ind[c]["label"] for c in codes]],
                "rows": rows,
            }
        )

    by_area(_("New jobs by area"), ["new_rural_labour_jobs", "new_urban_jobs"])
    by_area(_("Migrant workers by area"), ["migrant_workers"])
    by_area(
        _("Rates by area (%)"),
        ["poverty_labour_employment_rate", "migrant_return_to_work_rate"],
        "%",
    )
    by_area(_("Zero-employment households by area"), ["zero_employment_households"])
    by_area(
        _("Assistance by area"),
        ["difficulty_people_employed", "welfare_posts_filled", "households_visited"],
    )
    by_area(_("Vacancies and hires by area"), ["positions_offered", "applications", "hires"])
    for codes, title, unit in (
        (["new_rural_labour_jobs", "new_urban_jobs", "migrant_workers"], _("Monthly trend"), ""),
        (["poverty_labour_employment_rate"], _("Monthly trend of the rate (%)"), "%"),
    ):
        codes = [c for c in codes if c in board.trends]
        if not codes:
            continue
        dates = [p["date"] for p in board.trends[codes[0]]]
        series = [
            {"name": ind[c]["label"], "data": [p["value"] for p in board.trends[c]]} for c in codes
        ]
        rows = [
            [
                {"text": day, "url": ""},
                *[{"text": board.trends[c][i]["value"], "url": ""} for c in codes],
            ]
            for i, day in enumerate(dates)
        ]
        charts.append(
            {
                "id": f"chart-{len(charts)}",
                "spec": _chart("line", title, dates, series, unit),
                "header": [_("Month end"), *[ind[c]["label"] for c in codes]],
                "rows": rows,
            }
        )
    supply = board.supply
    if supply and supply["current"]["areas"]:
        quarters = supply["quarters"]
        areas = supply["current"]["areas"]
        labels = [_("Q%(n)s") % {"n": i + 1} for i in range(len(quarters))]
        series = [
            {"name": label, "data": [row["ratio"] for row in quarter["areas"]]}
            for label, quarter in zip(labels, quarters, strict=True)
        ]
        rows = [
            [
                {"text": area["name"], "url": ""},
                *[{"text": quarter["areas"][i]["ratio"], "url": ""} for quarter in quarters],
            ]
            for i, area in enumerate(areas)
        ]
        charts.append(
            {
                "id": f"chart-{len(charts)}",
                "spec": _chart(
                    "bar",
                    _("Vacancy-to-seeker ratio by area and quarter"),
                    [a["name"] for a in areas],
                    series,
                ),
                "header": [_("Area"), *labels],
                "rows": rows,
            }
        )
    if supply and supply["current"]["majors"]:
        majors = supply["current"]["majors"]
        charts.append(
            {
                "id": f"chart-{len(charts)}",
                "spec": _chart(
                    "bar",
                    _("Vacancy-to-seeker ratio by occupation major group, this quarter"),
                    [m["name"] for m in majors],
                    [{"name": _("Ratio"), "data": [m["ratio"] for m in majors]}],
                ),
                "header": [_("Occupation group"), _("Positions"), _("Job seekers"), _("Ratio")],
                "rows": [
                    [
                        {"text": m["name"], "url": ""},
                        {"text": m["positions"], "url": ""},
                        {"text": m["seekers"], "url": ""},
                        {"text": m["ratio"], "url": ""},
                    ]
                    for m in majors
                ],
            }
        )
    return charts


def _cards(board, q: Query) -> list[dict]:
    cards = []
    for entry in board.indicators:
        progress = board.progress.get(entry["code"], {})
        link = reverse("stats:records", args=[entry["code"]]) + "?" + _params(q)
        cards.append(
            {
                "entry": entry,
                "progress": progress.get("area"),
                "lagging": progress.get("lagging", []),
                "url": link,
                "denominator_url": (
                    reverse("stats:records", args=[entry["code"]])
                    + "?"
                    + _params(q, part="denominator")
                    if entry["kind"] == RATE
                    else ""
                ),
            }
        )
    return cards


def _child_table(board, q: Query) -> dict:
    ind = board.report["indicators"]
    codes = list(ind)
    children = ind[codes[0]]["children"] if codes else []
    rows = []
    for i, child in enumerate(children):
        cells = []
        for code in codes:
            cells.append(
                {
                    "text": ind[code]["children"][i]["value"],
                    "url": reverse("stats:records", args=[code])
                    + "?"
                    + _params(q.with_area(child["code"])),
                }
            )
        rows.append({"child": child, "cells": cells, "drill": _params(q.with_area(child["code"]))})
    return {"header": [ind[c]["label"] for c in codes], "rows": rows}


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    q, area, form = _query(request)
    context = {"form": form, "area": area, "areas": _area_choices(request.user, area)}
    if q is None:
        template = "stats/_dashboard_body.html" if request.htmx else "stats/dashboard.html"
        return render(request, template, context, status=400)
    board = current_dashboard(q)
    parent = area.parent if area.parent_id and request.user.covers(area.parent_id) else None
    context.update(
        {
            "q": q,
            "board": board,
            "cards": _cards(board, q),
            "charts": _charts(board, q),
            "child_table": _child_table(board, q),
            "params": _params(q),
            "parent": parent,
            "parent_params": _params(q.with_area(parent.code)) if parent else "",
        }
    )
    template = "stats/_dashboard_body.html" if request.htmx else "stats/dashboard.html"
    return render(request, template, context)


def _cells(indicator, row) -> list:
    """The drill-down cells of one row of a generic subject: each column's attribute path
    followed from the row ("__" between steps; a method is called)."""
    values = []
    for _heading, path in indicator.columns:
        value = row
        for step in path.split("__"):
            value = getattr(value, step, None) if value is not None else None
        values.append(value() if callable(value) else value)
    return values


@require_GET
def records(request: HttpRequest, code: str) -> HttpResponse:
    try:
        indicator = catalogue.get(code)
    except KeyError:
        raise Http404 from None
    q, area, form = _query(request)
    if q is None:
        return render(
            request,
            "stats/records.html",
            {
                "form": form,
                "area": area,
                "indicator": indicator,
                "dashboard_params": "",
                "part": "numerator",
                "page": None,
            },
            status=400,
        )
    part = "denominator" if request.GET.get("part") == "denominator" else "numerator"
    rows = indicator.records(q, part)
    if indicator.subject == "household":
        rows = rows.filter(pk__in=Household.objects.visible_to(request.user).values("pk"))
        rows = rows.select_related("region", "head").order_by("region_id", "number")
    elif indicator.subject == "person":
        rows = rows.filter(pk__in=Person.objects.visible_to(request.user).values("pk"))
        rows = rows.select_related("region").order_by("region_id", "name", "pk")
    else:
        rows = indicator.visible(rows, request.user)
        rows = rows.select_related(*indicator.select_related).order_by("pk")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    cells = [_cells(indicator, row) for row in page] if indicator.columns else []
    return render(
        request,
        "stats/records.html",
        {
            "indicator": indicator,
            "area": area,
            "q": q,
            "part": part,
            "page": page,
            "cells": cells,
            "params": _params(q, **({"part": part} if part == "denominator" else {})),
            "dashboard_params": _params(q),
        },
    )


@require_GET
def report_page(request: HttpRequest) -> HttpResponse:
    q, area, form = _query(request)
    if q is None:
        return render(request, "stats/report.html", {"form": form, "area": area}, status=400)
    board = current_dashboard(q)
    return render(
        request,
        "stats/report.html",
        {
            "q": q,
            "area": area,
            "board": board,
            "summary": summary(board),
            "child_table": _child_table(board, q),
            "params": _params(q),
            "definitions": catalogue.catalogue(),
        },
    )


@require_GET
def report_xlsx(request: HttpRequest) -> HttpResponse:
    q, _area, _form = _query(request)
    if q is None:
        return HttpResponse(_("Bad dates."), status=400, content_type="text/plain")
    content = workbook(current_dashboard(q))
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"jiuye-stats-{q.area_code}-{q.as_of.isoformat()}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_http_methods(["GET", "POST"])
def targets(request: HttpRequest) -> HttpResponse:
    area = _area_for(request.user, request.GET.get("area") or None)
    children = list(Region.objects.children_of(area.code).order_by("code"))
    form = SplitForm(request.POST or None, children=children)
    if request.method == "POST" and form.is_valid():
        try:
            split_target(
                indicator_code=form.cleaned_data["indicator_code"],
                year=form.cleaned_data["year"],
                parent_code=area.code,
                shares=form.shares(),
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _("The target is split."))
            return redirect(reverse("stats:targets") + "?" + urlencode({"area": area.code}))
    rows = Target.objects.visible_to(request.user).filter(
        Q(region__parent_id=area.code) | Q(region_id=area.code)
    )
    labels = {i.code: i for i in catalogue.catalogue()}
    grouped: dict[tuple, dict] = {}
    for target in sorted(rows, key=lambda t: (-t.year, t.indicator_code, t.region_id)):
        key = (target.year, target.indicator_code)
        entry = grouped.setdefault(
            key,
            {
                "year": target.year,
                "indicator": labels.get(target.indicator_code),
                "code": target.indicator_code,
                "own": None,
                "children": [],
            },
        )
        if target.region_id == area.code:
            entry["own"] = target
        else:
            entry["children"].append(target)
    names = {r.code: r.name for r in children}
    for entry in grouped.values():
        entry["children_total"] = sum(t.value for t in entry["children"])
        entry["adds_up"] = (
            entry["own"] is None
            or not entry["children"]
            or entry["indicator"] is None
            or entry["indicator"].kind != COUNT
            or entry["children_total"] == entry["own"].value
        )
        for t in entry["children"]:
            t.area_name = names.get(t.region_id, t.region_id)
    return render(
        request,
        "stats/targets.html",
        {"area": area, "form": form, "groups": list(grouped.values()), "children": children},
        status=400 if request.method == "POST" else 200,
    )

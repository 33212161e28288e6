"""The public job board: search, vacancy pages with JSON-LD, QR codes. No login needed."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.html import format_html_join
from django.views.decorators.http import require_GET

from jiuye.applications.models import Application
from jiuye.geo.models import Region
from jiuye.occupations.models import Occupation
from jiuye.vacancies.jsonld import job_posting_script
from jiuye.vacancies.models import Vacancy
from jiuye.vacancies.qr import qr_svg
from jiuye.vacancies.selectors import BoardQuery, search_board
from jiuye.web.platform.areas import city_areas
from jiuye.web.platform.forms import ApplyForm, BoardSearchForm


def _home_area(user) -> str:
    """A signed-in person's home area (where they live now, else their registration)."""
    person = getattr(user, "person", None) if user.is_authenticated else None
    if person is None:
        return ""
    return person.current_region_id or person.region_id


def _options(choices: list, selected: str) -> str:
    # Built here rather than in a template loop: 141 townships on every page.
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((code, " selected" if code == selected else "", name) for code, name in choices),
    )


def _grouped_options(groups: list, selected: str) -> str:
    return format_html_join(
        "",
        '<optgroup label="{}">{}</optgroup>',
        ((label, _options(choices, selected)) for label, choices in groups),
    )


def _occupation_groups() -> list:
    """The classification's major groups, each with its medium groups, by name: a job
    seeker picks 建筑施工人员, not 6-29-00-00. A major group leads its own list."""
    groups: list = []
    rows = Occupation.objects.filter(level__in=(1, 2)).order_by("code", "level")
    for code, level, name in rows.values_list("code", "level", "name"):
        if level == 1:
            groups.append((name, [(code, name)]))
        elif groups:
            groups[-1][1].append((code, f"· {name}"))
    return groups


@require_GET
@login_not_required
def board(request: HttpRequest) -> HttpResponse:
    form = BoardSearchForm(request.GET or None)
    query = BoardQuery()
    home = _home_area(request.user)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        query = BoardQuery(
            q=data["q"],
            area=data["area"],
            near=home if data["near"] == "home" else data["near"],
            occupation=data["occupation"],
            min_wage=data["min_wage"],
            employment_type=data["employment_type"],
            posted_within_days=data["posted_within"],
            page=data["page"] or 1,
        )
    result = search_board(query)
    params = request.GET.copy()
    params.pop("page", None)
    context = {"form": form, "result": result, "params": params.urlencode()}
    if request.htmx:
        return render(request, "platform/_board_results.html", context)
    city = settings.JIUYE_CITY_CODE
    city_name, counties, townships = city_areas(city)
    area = query.area
    listed = area == city or any(code == area for code, _name in counties)
    near = form.data.get("near", "") if form.is_bound else ""
    context.update(
        city={"code": city, "name": city_name} if city_name else None,
        other_area=None if listed or not area else Region.objects.filter(code=area).first(),
        county_options=_options(counties, area),
        township_options=_grouped_options(townships, near),
        occupation_options=_grouped_options(_occupation_groups(), query.occupation),
        home=home,
        area_value=area,
        near_value=near,
    )
    return render(request, "platform/board.html", context)


def _public_vacancy(pk: int) -> Vacancy:
    vacancy = get_object_or_404(Vacancy.objects.select_related("employer", "region"), pk=pk)
    if not vacancy.is_public():
        raise Http404
    return vacancy


@require_GET
@login_not_required
def vacancy_page(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = _public_vacancy(pk)
    url = request.build_absolute_uri(reverse("platform:vacancy", args=[pk]))
    user = request.user
    applied = (
        user.is_authenticated
        and user.person_id is not None
        and Application.objects.filter(vacancy=vacancy, seeker__person_id=user.person_id).exists()
    )
    return render(
        request,
        "platform/vacancy.html",
        {
            "vacancy": vacancy,
            "jsonld": job_posting_script(vacancy, url=url),
            "apply_form": ApplyForm(),
            "applied": applied,
        },
    )


@require_GET
@login_not_required
def vacancy_qr(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = _public_vacancy(pk)
    url = request.build_absolute_uri(reverse("platform:vacancy", args=[vacancy.pk]))
    response = HttpResponse(qr_svg(url), content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=86400"
    return response

"""The public job board: search, vacancy pages with JSON-LD, QR codes. No login needed."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from jiuye.applications.models import Application
from jiuye.vacancies.jsonld import job_posting_script
from jiuye.vacancies.models import Vacancy
from jiuye.vacancies.qr import qr_svg
from jiuye.vacancies.selectors import BoardQuery, search_board
from jiuye.web.platform.forms import ApplyForm, BoardSearchForm


@require_GET
@login_not_required
def board(request: HttpRequest) -> HttpResponse:
    form = BoardSearchForm(request.GET or None)
    query = BoardQuery()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        query = BoardQuery(
            q=data["q"],
            area=data["area"],
            near=data["near"],
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
    template = "platform/_board_results.html" if request.htmx else "platform/board.html"
    return render(request, template, context)


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

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jiuye.assistance.selectors import home_panel as assistance_panel
from jiuye.geo.enums import RegionLevel
from jiuye.geo.models import Region
from jiuye.geo.search import search_areas


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """What this user can do: their role, their area or organisation, and the pages open to
    them (the navigation entries of every built area)."""
    user = request.user
    area = Region.objects.filter(code=user.area_code).first() if user.area_code else None
    acts_for = user.employer or user.institution or user.person
    context = {"area": area, "acts_for": acts_for, "assistance": assistance_panel(user)}
    return render(request, "web/home.html", context)


@require_GET
@login_not_required
def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@require_GET
@login_not_required
def area_search(request: HttpRequest) -> HttpResponse:
    """The area picker's suggestions (an HTML fragment for HTMX): the areas whose names or
    codes match what is typed into the field named by `field`, under `within`, at `level`
    or below. Division names are public reference data, so sign-up forms may use it too."""
    field = request.GET.get("field", "q")
    query = request.GET.get(field if field.endswith("_text") else "q", "")[:50]
    within = request.GET.get("within", "")
    level = request.GET.get("level", "1")
    within = within if within.isdigit() else ""
    min_level = int(level) if level.isdigit() and int(level) in RegionLevel.values else 1
    home = request.user.area_code if request.user.is_authenticated else ""
    near = (home or settings.JIUYE_CITY_CODE)[:4]
    areas = search_areas(query, within=within, min_level=min_level, near=near)
    return render(request, "web/_area_options.html", {"areas": areas, "query": query.strip()})

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jiuye.assistance.selectors import home_panel as assistance_panel
from jiuye.geo.models import Region


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

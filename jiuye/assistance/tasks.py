"""Background tasks (django-tasks). Schedule the daily run from cron:
`python manage.py detect_zero_employment_households`, or enqueue `daily_assistance_task`."""

import datetime

from django.utils import translation
from django_tasks import task

from jiuye.assistance.daily import run_daily
from jiuye.assistance.models import AllocationRun


@task()
def daily_assistance_task(area_code: str = "") -> dict:
    return run_daily(today=datetime.date.today(), area_code=area_code)


@task()
def run_allocation(run_id: int, language: str = "zh-hans") -> None:
    """Place the pairs of an `AllocationRun` (see `allocation_runs.place_allocation_run`)."""
    from jiuye.assistance.allocation_runs import place_allocation_run

    run = AllocationRun.objects.select_related("created_by").get(pk=run_id)
    with translation.override(language):
        place_allocation_run(run)

"""Background tasks (django-tasks). Schedule the daily run from cron:
`python manage.py detect_zero_employment_households`, or enqueue `daily_assistance_task`."""

import datetime

from django.utils import timezone, translation
from django_tasks import task

from jiuye.assistance.daily import run_daily
from jiuye.assistance.models import AllocationRun
from jiuye.assistance.welfare import confirm_allocation


@task()
def daily_assistance_task(area_code: str = "") -> dict:
    return run_daily(today=datetime.date.today(), area_code=area_code)


@task()
def run_allocation(run_id: int, language: str = "zh-hans") -> None:
    """Place the pairs of an `AllocationRun`, each in its own transaction, saving the counts
    as it goes (the page polls them)."""
    run = AllocationRun.objects.select_related("created_by").get(pk=run_id)
    AllocationRun.objects.filter(pk=run.pk).update(status=AllocationRun.Status.RUNNING)

    def progress(done: int, placed: int) -> None:
        AllocationRun.objects.filter(pk=run.pk).update(done=done, placed=placed)

    with translation.override(language):
        try:
            placed, errors = confirm_allocation(
                pairs=[tuple(pair) for pair in run.pairs],
                start_date=run.start_date,
                by=run.created_by,
                progress=progress,
            )
        except Exception as exc:
            AllocationRun.objects.filter(pk=run.pk).update(
                status=AllocationRun.Status.FAILED,
                errors=[str(exc)[:500]],
                finished_at=timezone.now(),
            )
            raise
    AllocationRun.objects.filter(pk=run.pk).update(
        status=AllocationRun.Status.DONE,
        done=len(run.pairs),
        placed=len(placed),
        errors=errors[:1000],
        finished_at=timezone.now(),
    )

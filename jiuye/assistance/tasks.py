"""Background tasks (django-tasks). Schedule the daily run from cron:
`python manage.py detect_zero_employment_households`, or enqueue this task."""

import datetime

from django_tasks import task

from jiuye.assistance.daily import run_daily


@task()
def daily_assistance_task(area_code: str = "") -> dict:
    return run_daily(today=datetime.date.today(), area_code=area_code)

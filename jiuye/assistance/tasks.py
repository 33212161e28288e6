"""Background tasks (django-tasks). Schedule the daily detection from cron:
`python manage.py detect_zero_employment_households`, or enqueue this task."""

import datetime

from django_tasks import task

from jiuye.assistance.services import detect_zero_employment_households


@task()
def detect_zero_employment_households_task(area_code: str = "") -> dict:
    return detect_zero_employment_households(as_of=datetime.date.today(), area_code=area_code)

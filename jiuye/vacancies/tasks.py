"""Background tasks: the daily expiry, for the django-tasks worker or a cron job."""

from django_tasks import task

from jiuye.vacancies.services import expire_vacancies


@task()
def expire_vacancies_task() -> int:
    return expire_vacancies()

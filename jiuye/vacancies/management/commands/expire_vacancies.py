from django.core.management.base import BaseCommand

from jiuye.vacancies.services import expire_vacancies


class Command(BaseCommand):
    help = "Expire live vacancies past their end date or not re-confirmed for 30 days."

    def handle(self, *args, **options):
        count = expire_vacancies()
        self.stdout.write(f"expired {count} vacancies")

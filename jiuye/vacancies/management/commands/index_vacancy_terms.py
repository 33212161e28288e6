from django.core.management.base import BaseCommand

from jiuye.vacancies.search_terms import rebuild_vacancy_terms


class Command(BaseCommand):
    help = "Rebuild the job board's keyword postings of every live vacancy (idempotent)."

    def handle(self, *args, **options):
        written = rebuild_vacancy_terms()
        self.stdout.write(f"wrote {written} postings")

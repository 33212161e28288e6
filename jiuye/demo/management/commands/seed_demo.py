"""Build the demo city: Hechi with its real counties and townships, made-up villages,
people, employers and a login for every role. Safe to run again: what exists is kept."""

import pkgutil
import random
import time
from importlib import import_module
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from jiuye.demo import city, users
from jiuye.demo import steps as steps_package
from jiuye.geo.models import Region


def steps() -> list[str]:
    """Each feature adds its demo data as a module `jiuye/demo/steps/step_NN_<area>.py` with
    `run(rng) -> str` (a line saying what it made); they run in the order of NN."""
    folder = Path(steps_package.__file__).parent
    names = sorted(
        m.name for m in pkgutil.iter_modules([str(folder)]) if m.name.startswith("step_")
    )
    return [f"{steps_package.__name__}.{name}" for name in names]


class Command(BaseCommand):
    help = "Build the demo city (Hechi, Guangxi) with a login for every role."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=4512)

    def handle(self, *args, seed: int, **options):
        if not Region.objects.filter(code=city.CITY_CODE).exists():
            raise CommandError("Load the reference data first: python manage.py load_reference")
        started = time.monotonic()
        for step in steps():
            rng = random.Random(f"{seed}:{step}")  # noqa: S311 (made-up data)
            with transaction.atomic():
                summary = import_module(step).run(rng)
            if summary:
                self.stdout.write(f"  {summary}")
        self.stdout.write(
            f"Demo city ready in {time.monotonic() - started:.1f}s. Logins "
            f"(password {users.DEMO_PASSWORD}):"
        )
        for login in users.demo_logins():
            self.stdout.write(f"  {login.username:<12} {login.role:<28} {login.area}")

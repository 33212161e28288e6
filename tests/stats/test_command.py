import io
import json

import pytest
from django.core.management import CommandError, call_command

from tests.stats.factories import WORK, D, person, spell

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("compute_indicators", *args, stdout=out)
    return json.loads(out.getvalue())


def test_compute_indicators_prints_area_and_children_as_json(regions):
    spell(person(regions["village"]), WORK, D(2026, 3, 1))
    report = run("--area", regions["county"], "--as-of", "2026-06-30", "--format", "json")
    assert report["period_start"] == "2026-01-01"
    entry = report["indicators"]["new_rural_labour_jobs"]
    assert entry["value"] == 1
    by_code = {row["code"]: row["value"] for row in entry["children"]}
    assert by_code[regions["township"]] == 1
    assert sum(by_code.values()) == 1
    assert report["indicators"]["poverty_labour_employment_rate"]["value"] is None


def test_compute_indicators_honours_the_period_start(regions):
    spell(person(regions["village"]), WORK, D(2026, 3, 1))
    report = run(
        "--area", regions["county"], "--as-of", "2026-06-30", "--period-start", "2026-04-01"
    )
    assert report["indicators"]["new_rural_labour_jobs"]["value"] == 0


@pytest.mark.parametrize(
    "args",
    [
        ["--area", "999999", "--as-of", "2026-06-30"],
        ["--area", "451228", "--as-of", "30/06/2026"],
        ["--area", "451228", "--as-of", "2026-06-30", "--period-start", "2026-07-01"],
    ],
)
def test_compute_indicators_refuses_bad_input(regions, args):
    with pytest.raises(CommandError):
        run(*args)


def test_update_statistics_tallies_what_is_queued_outside_any_request(regions):
    from jiuye.stats.models import DirtySubject, SubjectFacts

    worker = person(regions["village"])
    spell(worker, WORK, D(2026, 3, 1))
    assert DirtySubject.objects.exists()  # the migrations' full build and this person
    out = io.StringIO()
    call_command("update_statistics", stdout=out)
    assert not DirtySubject.objects.exists()
    assert SubjectFacts.objects.filter(kind="p", ref_id=worker.pk).exists()
    assert out.getvalue().split()[0] != "0"
    out = io.StringIO()
    call_command("update_statistics", stdout=out)  # nothing left: nothing done
    assert out.getvalue().startswith("0 queued records")

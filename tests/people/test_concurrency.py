"""Concurrent writers on PostgreSQL: two imports of one area, and many status changes of one
person at once, never leave duplicates or overlapping spells."""

import contextlib
import datetime
import itertools
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import translation

from jiuye.lib import crypto
from jiuye.people.importing.engine import import_ledger
from jiuye.people.models import EmploymentSpell, Person
from jiuye.people.services import record_employment_status
from tests.factories import PersonFactory
from tests.people.ids import valid_id_number

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks and real concurrency need PostgreSQL"
)


def _in_threads(target, count):
    errors = []
    barrier = threading.Barrier(count)

    def run(index):
        from django.db import connections

        try:
            barrier.wait()
            target(index)
        except Exception as exc:  # collected and asserted on below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def _spells_overlap(person_id) -> bool:
    spells = list(EmploymentSpell.objects.filter(person_id=person_id).order_by("start", "id"))
    for before, after in itertools.pairwise(spells):
        if before.end is None or before.end > after.start:
            return True
    return False


@pytest.mark.django_db(transaction=True)
def test_two_imports_of_the_same_area_at_once_write_each_person_once(regions):
    numbers = [
        valid_id_number("451228", datetime.date(1990, 1, 1) + datetime.timedelta(days=i))
        for i in range(300)
    ]
    rows = [["id_number", "name", "region_code", "household_number", "employment_status"]]
    rows += [
        [n, f"人{i}", regions["village"], f"H{i // 4}", "省外务工"] for i, n in enumerate(numbers)
    ]
    results = []
    errors = _in_threads(
        lambda i: results.append(import_ledger(iter(rows), area_code=regions["county"])), 2
    )
    assert errors == []
    assert sorted(r.new for r in results) == [0, 300]
    assert sorted(r.unchanged for r in results) == [0, 300]
    assert Person.objects.count() == 300
    assert EmploymentSpell.objects.count() == 300


@pytest.mark.django_db(transaction=True)
def test_status_changes_at_once_never_overlap(regions):
    person = PersonFactory(region_id=regions["village"])
    day = datetime.date(2025, 1, 1)
    statuses = ["unemployed", "employed_county", "flexible", "training", "employed_outside"]

    def change(index):
        # A later status recorded first makes an earlier one refused, as it should be.
        with contextlib.suppress(ValidationError):
            record_employment_status(
                person=person,
                status=statuses[index],
                start=day + datetime.timedelta(days=index),
                source="form",
            )

    assert _in_threads(change, len(statuses)) == []
    assert EmploymentSpell.objects.filter(person=person, end__isnull=True).count() == 1
    assert not _spells_overlap(person.pk)


@pytest.mark.django_db(transaction=True)
def test_import_and_a_form_change_at_once_never_overlap(regions):
    number = valid_id_number("451228", datetime.date(1991, 1, 1))
    header = ["id_number", "name", "region_code", "employment_status", "status_since"]
    import_ledger(
        iter([header, [number, "甲", regions["village"], "未就业", "2024-01-01"]]),
        area_code=regions["county"],
    )
    person = Person.objects.get()

    def act(index):
        if index == 0:
            import_ledger(
                iter([header, [number, "甲", regions["village"], "省外务工", "2025-03-01"]]),
                area_code=regions["county"],
            )
        else:
            with contextlib.suppress(ValidationError):
                record_employment_status(
                    person=person, status="flexible", start=datetime.date(2025, 2, 1), source="form"
                )

    assert _in_threads(act, 2) == []
    assert EmploymentSpell.objects.filter(person=person, end__isnull=True).count() == 1
    assert not _spells_overlap(person.pk)


@pytest.mark.django_db(transaction=True)
def test_import_progress_is_visible_before_the_import_commits(regions, county_officer):
    from django.core.files.base import ContentFile
    from django.db import transaction

    from jiuye.people.models import ImportJob
    from jiuye.people.tasks import _report_progress

    job = ImportJob.objects.create(
        region_id=regions["county"],
        created_by=county_officer,
        file=ContentFile(b"", name="x.csv"),
        original_name="x.csv",
    )
    with contextlib.suppress(RuntimeError), transaction.atomic():
        _report_progress(job.pk, 20000)
        raise RuntimeError("the import's transaction rolls back")
    job.refresh_from_db()
    assert job.rows_done == 20000
    job.file.delete()


@pytest.mark.django_db(transaction=True)
def test_a_person_saved_elsewhere_during_the_write_makes_the_import_write_nothing(
    regions, monkeypatch
):
    # On PostgreSQL a helper thread writes each chunk's rows while the next is planned.
    # Here another writer saves one of the file's people after the import has looked them
    # up: the helper's COPY meets the unique key, and the import reports it and rolls back.
    from jiuye.people.importing import engine

    numbers = [
        valid_id_number("451228", datetime.date(1992, 1, 1) + datetime.timedelta(days=i))
        for i in range(40)
    ]
    rows = [["id_number", "name", "region_code"]]
    rows += [[n, f"人{i}", regions["village"]] for i, n in enumerate(numbers)]
    monkeypatch.setattr(engine, "CHUNK_ROWS", 16)
    real_copy_rows = engine.copy_rows
    threads = []
    wanted = crypto.keyed_hash(numbers[30])

    def copy_rows(raw, statement, batch):
        people = '"people_person"' in statement[0]
        if people and not threads and any(row[2] == wanted for row in batch):
            saved = threading.Thread(
                target=lambda: (
                    PersonFactory(id_number=numbers[30], region_id=regions["village"]),
                    connection.close(),
                )
            )
            threads.append(saved)
            saved.start()
            saved.join()
        real_copy_rows(raw, statement, batch)

    monkeypatch.setattr(engine, "copy_rows", copy_rows)
    with translation.override("en"):
        result = import_ledger(iter(rows), area_code=regions["county"])
    assert not result.written
    assert [p.reason for p in result.problems] == [
        "Another change to the same people was saved while this file was being imported; "
        "nothing was written. Please import the file again."
    ]
    assert Person.objects.count() == 1  # the other writer's
    assert EmploymentSpell.objects.count() == 0

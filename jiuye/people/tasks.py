"""Background work of the ledger: imports from the upload page, and exports too long to
send while the page waits."""

import tempfile
from collections.abc import Iterator
from pathlib import Path

from django.core.files import File
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.utils import timezone, translation
from django_tasks import task

from jiuye.people import exporting
from jiuye.people.importing.engine import import_ledger
from jiuye.people.importing.reading import UnreadableFile, count_rows, read_rows
from jiuye.people.models import ExportJob, ImportJob
from jiuye.people.selectors import filtered_people
from jiuye.stats import tally


def _report_progress(job_id: int, rows: int) -> None:
    """Rows read so far, visible to the polling page while the import's own transaction
    is still open: written through a second connection. SQLite has one writer at a time,
    so there the page sees the counts when the import ends."""
    if connection.vendor != "postgresql":
        return
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with other.cursor() as cursor:
            cursor.execute(
                "UPDATE people_importjob SET rows_done = %s WHERE id = %s", [rows, job_id]
            )
    finally:
        other.close()


@task()
def run_import_job(job_id: int, language: str = "zh-hans") -> None:
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.RUNNING,
        rows_total=count_rows(job.file.path, job.original_name),
    )

    def progress(result):
        _report_progress(job.pk, result.rows)

    with translation.override(language):
        try:
            result = import_ledger(
                read_rows(job.file.path, job.original_name),
                area_code=job.region_id,
                by=job.created_by,
                dry_run=job.dry_run,
                skip_invalid=job.skip_invalid,
                progress=progress,
            )
        except Exception as exc:
            ImportJob.objects.filter(pk=job.pk).update(
                status=ImportJob.Status.FAILED,
                message=str(exc)[:500] if isinstance(exc, UnreadableFile) else "",
                finished_at=timezone.now(),
            )
            _forget_file(job)
            if not isinstance(exc, UnreadableFile):
                raise
            return
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.DONE,
        rows_done=result.rows,
        new=result.new,
        updated=result.updated,
        unchanged=result.unchanged,
        rejected=result.rejected,
        written=result.written,
        problems=[
            {"row": p.row, "column": p.column, "value": p.value, "reason": p.reason}
            for p in result.problems[:5000]
        ],
        finished_at=timezone.now(),
    )
    _forget_file(job)
    if result.written:
        # The import queued every person it wrote for the statistics' tallies: bring them
        # up to date here, in the worker, so the next dashboard reader does not pay for it.
        tally.drain()


def _forget_file(job: ImportJob) -> None:
    """The uploaded file holds ID numbers in clear: it goes once the import has read it."""
    job.file.delete(save=False)
    ImportJob.objects.filter(pk=job.pk).update(file="")


PROGRESS_EVERY = 10_000


class _Counted:
    """The rows, with the count written on the job every `PROGRESS_EVERY` rows (the export
    runs outside a transaction, so the polling page sees it at once)."""

    def __init__(self, job_id: int, rows):
        self.job_id, self.rows, self.done = job_id, rows, 0

    def __iter__(self) -> Iterator[list]:
        for row in self.rows:
            yield row
            self.done += 1
            if self.done % PROGRESS_EVERY == 0:
                ExportJob.objects.filter(pk=self.job_id).update(rows_done=self.done)


@task()
def run_export_job(job_id: int) -> None:
    job = ExportJob.objects.select_related("created_by").get(pk=job_id)
    people = filtered_people(job.created_by, job.filters)
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.RUNNING, rows_total=people.count()
    )
    rows = _Counted(job.pk, exporting.ledger_rows(people))
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"ledger.{job.format}"
            if job.format == "csv":
                with path.open("w", encoding="utf-8", newline="") as out:
                    out.writelines(exporting.csv_lines(rows))
            else:
                exporting.write_xlsx(rows, path)
            stamp = timezone.localdate().isoformat()
            with path.open("rb") as written:
                job.file.save(f"ledger-{stamp}-{job.pk}.{job.format}", File(written), save=False)
    except Exception:
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportJob.Status.FAILED, finished_at=timezone.now()
        )
        raise
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.DONE,
        file=job.file.name,
        rows_done=rows.done,
        finished_at=timezone.now(),
    )


def forget_expired_exports() -> int:
    """Delete the files of exports past their day (they hold personal data); returns how
    many went."""
    cutoff = timezone.now() - ExportJob.KEPT_FOR
    expired = ExportJob.objects.filter(finished_at__lt=cutoff).exclude(file="")
    count = 0
    for job in expired:
        job.file.delete(save=False)
        ExportJob.objects.filter(pk=job.pk).update(file="")
        count += 1
    return count

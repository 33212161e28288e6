"""Background work of the ledger: imports from the upload page."""

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.utils import timezone, translation
from django_tasks import task

from jiuye.people.importing.engine import import_ledger
from jiuye.people.importing.reading import UnreadableFile, count_rows, read_rows
from jiuye.people.models import ImportJob
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

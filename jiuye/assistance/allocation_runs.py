"""A confirmed allocation placed in the background: the page records the pairs staff
confirmed, a task places them one by one and saves the counts the page polls."""

import datetime

from django.db import transaction
from django.utils import timezone, translation

from jiuye.accounts.audit import record_event
from jiuye.assistance.models import AllocationRun
from jiuye.assistance.welfare import confirm_allocation


def start_allocation_run(
    *, area_code: str, pairs, start_date: datetime.date, by, background: bool = True
) -> AllocationRun:
    """Record the confirmed pairs and place them: in the background once committed, or
    at once (`background=False`, for the demo and scripts)."""
    from jiuye.assistance.tasks import run_allocation

    run = AllocationRun.objects.create(
        area_id=area_code, created_by=by, start_date=start_date, pairs=[list(p) for p in pairs]
    )
    record_event(
        actor=by,
        action="welfare.allocation_confirm",
        obj=run,
        area_code=area_code,
        changes={"pairs": len(run.pairs), "start_date": start_date},
    )
    if not background:
        place_allocation_run(run)
        run.refresh_from_db()
        return run
    language = translation.get_language() or "zh-hans"
    transaction.on_commit(lambda: run_allocation.enqueue(run.pk, language))
    return run


def place_allocation_run(run: AllocationRun) -> None:
    """Place the run's pairs, each in its own transaction, saving the counts as it goes."""
    AllocationRun.objects.filter(pk=run.pk).update(status=AllocationRun.Status.RUNNING)

    def progress(done: int, placed: int) -> None:
        AllocationRun.objects.filter(pk=run.pk).update(done=done, placed=placed)

    try:
        placed, errors = confirm_allocation(
            pairs=[tuple(pair) for pair in run.pairs],
            start_date=run.start_date,
            by=run.created_by,
            progress=progress,
        )
    except Exception as exc:
        AllocationRun.objects.filter(pk=run.pk).update(
            status=AllocationRun.Status.FAILED,
            errors=[str(exc)[:500]],
            finished_at=timezone.now(),
        )
        raise
    AllocationRun.objects.filter(pk=run.pk).update(
        status=AllocationRun.Status.DONE,
        done=len(run.pairs),
        placed=len(placed),
        errors=errors[:1000],
        finished_at=timezone.now(),
    )

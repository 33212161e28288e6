import datetime
import random

from jiuye.accounts.models import AuditEvent
from jiuye.assistance.enums import CaseStatus, CertificationStatus, PlacementStatus
from jiuye.assistance.models import (
    AllocationRun,
    Certification,
    FollowUpTask,
    HomeVisit,
    MonthlyRecord,
    Placement,
    ZeroEmploymentCase,
)
from jiuye.assistance.selectors import overdue_cases
from jiuye.demo.steps import step_00_base, step_50_assistance


def test_demo_step_builds_assistance_data_from_an_empty_ledger(regions):
    step_00_base.run(random.Random(1))
    summary = step_50_assistance.run(random.Random(2))
    assert "placed" in summary
    states = set(Certification.objects.values_list("status", flat=True))
    assert states == set(CertificationStatus.values)
    assert overdue_cases(today=datetime.date.today()).exists()
    statuses = set(ZeroEmploymentCase.objects.values_list("status", flat=True))
    assert {CaseStatus.OPEN, CaseStatus.CLEARED} <= statuses
    assert ZeroEmploymentCase.objects.filter(status=CaseStatus.OPEN).count() > (
        overdue_cases(today=datetime.date.today()).count()
    )
    assert HomeVisit.objects.filter(household__isnull=False).exists()
    assert HomeVisit.objects.filter(person__isnull=False).exists()
    assert FollowUpTask.objects.filter(owner__username="village").exists()
    assert ZeroEmploymentCase.objects.filter(refused_offers_on__isnull=False).exists()
    closed = ZeroEmploymentCase.objects.filter(status=CaseStatus.CLOSED, closed_by__isnull=False)
    assert closed.exclude(close_note="").exists()
    assert AuditEvent.objects.filter(action="welfare.post_create").exists()
    run = AllocationRun.objects.get()
    assert run.status == AllocationRun.Status.DONE and run.placed > 0
    assert Placement.objects.filter(status=PlacementStatus.ACTIVE).exists()
    assert MonthlyRecord.objects.exists()
    assert step_50_assistance.run(random.Random(2)) == "assistance: already there"

import datetime
import random

from jiuye.assistance.enums import CaseStatus, CertificationStatus, PlacementStatus
from jiuye.assistance.models import (
    Certification,
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
    assert HomeVisit.objects.exists()
    assert Placement.objects.filter(status=PlacementStatus.ACTIVE).exists()
    assert MonthlyRecord.objects.exists()
    assert step_50_assistance.run(random.Random(2)) == "assistance: already there"

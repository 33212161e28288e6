"""Browser: staff check a visitor in at an offline job fair by typing the code."""

import datetime

import pytest
from django.utils import timezone

from jiuye.jobfairs.enums import FairMode
from jiuye.jobfairs.services import create_fair, preregister
from tests.browser_support import login
from tests.platform.factories import JobSeekerFactory

pytestmark = pytest.mark.browser


def test_staff_check_in_by_manual_entry(page, live_server, county_officer):
    now = timezone.now()
    fair = create_fair(
        by=county_officer,
        name="春风行动招聘会",
        mode=FairMode.OFFLINE,
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=4),
        region_code="451228",
        venue="县人力资源市场",
        organiser="都安县人社局",
    )
    seeker = JobSeekerFactory(person__name="覃秀英")
    registration = preregister(fair=fair, seeker=seeker, by=county_officer)
    login(page, live_server, "county")
    page.goto(f"{live_server.url}/fairs/{fair.pk}/check-in/")
    page.fill("#id_code", registration.code.lower())
    page.click("#check-in-button")
    page.wait_for_selector("#check-in-result:has-text('覃秀英')")
    registration.refresh_from_db()
    assert registration.checked_in_by == county_officer

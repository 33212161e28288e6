"""Browser: a seeker finds a job by pinyin and applies; the employer hires them."""

import pytest
from playwright.sync_api import expect

from jiuye.applications.enums import ApplicationStatus
from jiuye.applications.models import Application
from jiuye.people.models import EmploymentSpell
from tests.browser_support import login
from tests.factories import UserFactory
from tests.platform.factories import JobSeekerFactory, VacancyFactory

pytestmark = pytest.mark.browser


def test_seeker_finds_job_by_pinyin_and_applies(page, live_server, regions):
    cook = VacancyFactory(title="厨师")
    VacancyFactory(title="保安", occupation_code="4-07-05-01")
    seeker = JobSeekerFactory()
    UserFactory(username="seeker1", role="job_seeker", person=seeker.person)
    login(page, live_server, "seeker1")
    page.goto(f"{live_server.url}/jobs/")
    page.fill("#id_q", "chushi")
    page.click("#board-search button[type=submit]")
    # The results are swapped in by HTMX: wait until the other job has gone.
    expect(page.locator("#vacancy-results")).not_to_contain_text("保安")
    expect(page.locator("#vacancy-results")).to_contain_text("厨师")
    page.click("#vacancy-results a:has-text('厨师')")
    page.fill("#id_message", "十年经验")
    page.click("#apply-button")
    page.wait_for_selector("#my-applications li:has-text('厨师')")
    application = Application.objects.get(vacancy=cook)
    assert application.seeker == seeker and application.message == "十年经验"


def test_employer_moves_application_to_hired(page, live_server, regions):
    vacancy = VacancyFactory(title="叉车司机", occupation_code="6-30-05-01")
    seeker = JobSeekerFactory()
    application = Application.objects.create(vacancy=vacancy, seeker=seeker)
    UserFactory(username="boss1", role="employer", employer=vacancy.employer)
    login(page, live_server, "boss1")
    page.goto(f"{live_server.url}/platform/applications/")
    page.click("a:has-text('叉车司机')")
    for status in (ApplicationStatus.INTERVIEW, ApplicationStatus.HIRED):
        page.select_option("#id_to", status.value)
        page.fill("#id_note", f"step {status.value}")
        page.click("#move-button")
        page.wait_for_selector(f"#application-history li:has-text('{status.value}')")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.HIRED
    assert EmploymentSpell.objects.get(person=seeker.person).employer == vacancy.employer

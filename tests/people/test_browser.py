"""The ledger on a phone-sized screen: instant search, reveal, record a new status."""

import datetime
from pathlib import Path

import pytest
from playwright.sync_api import expect

from jiuye.people.models import EmploymentSpell
from jiuye.people.services import record_employment_status
from tests.browser_support import login
from tests.factories import PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_village_cadre_searches_and_records_a_status_on_a_phone(
    page,
    live_server,
    regions,
    village_cadre,
):
    person = PersonFactory(name="韦大山", region_id=regions["village"], phone="13812345678")
    PersonFactory(name="蓝秀英", region_id=regions["village"])
    record_employment_status(
        person=person, status="unemployed", start=datetime.date(2025, 1, 1), source="form"
    )
    login(page, live_server, "village")
    page.goto(f"{live_server.url}/ledger/")
    page.fill("#id_q", "韦大")
    expect(page.locator("#results")).not_to_contain_text("蓝秀英")
    expect(page.locator("#results")).to_contain_text("韦大山")
    page.click("#results a.list-group-item")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button[hx-post]")
    expect(page.locator("#id-number")).to_have_text(person.reveal_id_number())
    page.click("a[href*='status=employed_county']")
    page.click("button[type=submit].btn-lg")
    page.wait_for_url(f"{live_server.url}/ledger/people/{person.pk}/")
    assert EmploymentSpell.objects.get(person=person, end__isnull=True).status == "employed_county"


def test_place_of_work_is_picked_by_name_on_a_phone(page, live_server, regions, village_cadre):
    """A migrant rings from Shenzhen: the cadre types 深圳 南山, taps the suggestion and
    saves; the spell is placed in 南山区 by its code, the screen only ever showed names."""
    person = PersonFactory(name="韦大山", region_id=regions["village"])
    login(page, live_server, "village")
    page.goto(f"{live_server.url}/ledger/people/{person.pk}/status/?status=employed_outside")
    page.fill("input[name=region_code_text]", "深圳 南山")
    suggestion = page.locator(".area-options [data-code='440305']")
    expect(suggestion).to_contain_text("广东省深圳市南山区")
    suggestion.click()
    expect(page.locator("input[name=region_code]")).to_have_value("440305")
    expect(page.locator("input[name=region_code_text]")).to_have_value("广东省深圳市南山区")
    page.fill("#id_monthly_income", "5200")
    page.click("button[type=submit].btn-lg")
    page.wait_for_url(f"{live_server.url}/ledger/people/{person.pk}/")
    spell = EmploymentSpell.objects.get(person=person, end__isnull=True)
    assert (spell.status, spell.region_id, spell.monthly_income) == (
        "employed_outside",
        "440305",
        5200,
    )
    # Typing again after a pick empties the picked code: what is sent is what is shown.
    page.goto(f"{live_server.url}/ledger/people/{person.pk}/status/?status=employed_county")
    page.fill("input[name=region_code_text]", "安阳")
    page.locator(".area-options [data-code='451228100']").click()
    page.fill("input[name=region_code_text]", "没有这个地方")
    expect(page.locator("input[name=region_code]")).to_have_value("")
    page.click("button[type=submit].btn-lg")
    expect(page.locator(".invalid-feedback, .text-danger").first).to_be_visible()


def test_a_long_export_is_followed_and_downloaded_in_the_browser(
    page, live_server, regions, county_officer, settings, tmp_path, monkeypatch
):
    """A county's list is too long to send at once: the page follows the job and offers
    the file, which holds the list with masked numbers."""
    from jiuye.web.people import views

    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(views, "SYNC_EXPORT_ROWS", 0)
    person = PersonFactory(name="韦大山", region_id=regions["village"])
    login(page, live_server, "county")
    page.goto(f"{live_server.url}/ledger/")
    page.click("a:has-text('Export CSV')")
    page.wait_for_url(f"{live_server.url}/ledger/export/*/")
    with page.expect_download() as download:
        page.click("#export-download")
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "韦大山" in text and person.id_number_masked in text
    page.goto(f"{live_server.url}/ledger/")
    expect(page.locator("#my-exports")).to_contain_text("CSV")

import pytest
from playwright.sync_api import expect

from tests.browser_support import login


@pytest.mark.browser
def test_user_logs_in_and_switches_the_page_to_chinese(page, live_server, city_admin):
    login(page, live_server, "city")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Welcome" in page.locator("main").inner_text()
    # On a phone-sized screen the switch sits in the collapsed menu. Clicked once the
    # menu has opened (Bootstrap adds "show" when its animation ends): a click while it
    # still slides open can land on the button beside ("English").
    page.click(".navbar-toggler")
    expect(page.locator("#main-nav.show")).to_be_visible()
    with page.expect_navigation():
        page.locator("#language-switch button[value='zh-hans']").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    assert page.url == f"{live_server.url}/"
    main = page.locator("main").inner_text()
    assert "欢迎" in main and "Welcome" not in main
    page.click(".navbar-toggler")
    expect(page.get_by_role("button", name="退出登录")).to_be_visible()

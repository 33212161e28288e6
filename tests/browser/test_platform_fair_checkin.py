"""Browser: staff check a visitor in at an offline job fair by typing the code, and by
showing the visitor's QR code to the phone's camera (a fake camera playing the code)."""

import datetime

import pytest
import qrcode
from django.utils import timezone

from jiuye.jobfairs.enums import FairMode
from jiuye.jobfairs.services import create_fair, preregister
from tests.browser_support import CHROMIUM, CHROMIUM_ARGS, login
from tests.platform.factories import JobSeekerFactory

pytestmark = pytest.mark.browser


def _fair(county_officer):
    now = timezone.now()
    return create_fair(
        by=county_officer,
        name="春风行动招聘会",
        mode=FairMode.OFFLINE,
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=4),
        region_code="451228",
        venue="县人力资源市场",
        organiser="都安县人社局",
    )


def test_staff_check_in_by_manual_entry(page, live_server, county_officer):
    fair = _fair(county_officer)
    seeker = JobSeekerFactory(person__name="覃秀英")
    registration = preregister(fair=fair, seeker=seeker, by=county_officer)
    login(page, live_server, "county")
    page.goto(f"{live_server.url}/fairs/{fair.pk}/check-in/")
    page.fill("#id_code", registration.code.lower())
    page.click("#check-in-button")
    page.wait_for_selector("#check-in-result:has-text('覃秀英')")
    registration.refresh_from_db()
    assert registration.checked_in_by == county_officer


def _qr_video(text: str, path) -> None:
    """A few frames of YUV 4:2:0 video (y4m, which Chromium's fake camera plays) showing
    the QR code of `text`, black on white."""
    code = qrcode.QRCode(border=4)
    code.add_data(text)
    matrix = code.get_matrix()
    width, height, box = 320, 240, 6
    left, top = (width - len(matrix) * box) // 2, (height - len(matrix) * box) // 2
    luma = bytearray([235]) * (width * height)
    for row, cells in enumerate(matrix):
        for column, dark in enumerate(cells):
            if dark:
                for y in range(top + row * box, top + (row + 1) * box):
                    start = y * width + left + column * box
                    luma[start : start + box] = bytes([16]) * box
    chroma = bytes([128]) * (width * height // 2)
    with open(path, "wb") as video:
        video.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(10):
            video.write(b"FRAME\n" + bytes(luma) + chroma)


def test_staff_check_in_by_scanning_the_code_with_the_camera(
    browser, live_server, county_officer, tmp_path
):
    fair = _fair(county_officer)
    seeker = JobSeekerFactory(person__name="韦春花")
    registration = preregister(fair=fair, seeker=seeker, by=county_officer)
    video = tmp_path / "ticket.y4m"
    _qr_video(registration.code, video)
    camera = browser.browser_type.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=[
            *CHROMIUM_ARGS,
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ],
    )
    try:
        context = camera.new_context(viewport={"width": 412, "height": 915}, locale="en-US")
        context.grant_permissions(["camera"], origin=live_server.url)
        page = context.new_page()
        page.set_default_timeout(15000)
        login(page, live_server, "county")
        page.goto(f"{live_server.url}/fairs/{fair.pk}/check-in/")
        page.click("#scanner-start")
        page.wait_for_selector("#check-in-result:has-text('韦春花')")
    finally:
        camera.close()
    registration.refresh_from_db()
    assert registration.checked_in_by == county_officer

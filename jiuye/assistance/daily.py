"""The daily run (cron or the background task): one function so both do the same."""

import datetime

from jiuye.assistance.services import detect_zero_employment_households, expire_certifications
from jiuye.assistance.welfare import end_placements_past_term


def run_daily(*, today: datetime.date, area_code: str = "") -> dict:
    """Open and clear zero-employment cases, end welfare placements past their term and
    mark lapsed certifications expired. Idempotent for a day."""
    result = detect_zero_employment_households(as_of=today, area_code=area_code)
    result["placements_ended"] = end_placements_past_term(today=today)
    result["certifications_expired"] = expire_certifications(today=today)
    return result

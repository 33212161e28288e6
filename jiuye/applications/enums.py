from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    SEEN = "seen", _("Seen by the employer")
    INTERVIEW = "interview", _("Invited to interview")
    OFFERED = "offered", _("Offered")
    HIRED = "hired", _("Hired")
    REJECTED = "rejected", _("Not selected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")


class Side(models.TextChoices):
    """Who may make a move: the employer side (its users, or staff on its behalf), the
    seeker side (the seeker, or staff on their behalf), or the system (the expiry job)."""

    EMPLOYER = "employer", _("employer")
    SEEKER = "seeker", _("job seeker")
    SYSTEM = "system", _("system")


S = ApplicationStatus
_E, _S, _X = Side.EMPLOYER, Side.SEEKER, Side.SYSTEM

# The state machine, declared once: (from, to) -> the sides allowed to make that move.
APPLICATION_TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (S.SUBMITTED, S.SEEN): frozenset({_E}),
    (S.SUBMITTED, S.INTERVIEW): frozenset({_E}),
    (S.SUBMITTED, S.REJECTED): frozenset({_E}),
    (S.SUBMITTED, S.WITHDRAWN): frozenset({_S}),
    (S.SUBMITTED, S.EXPIRED): frozenset({_X}),
    (S.SEEN, S.INTERVIEW): frozenset({_E}),
    (S.SEEN, S.OFFERED): frozenset({_E}),
    (S.SEEN, S.REJECTED): frozenset({_E}),
    (S.SEEN, S.WITHDRAWN): frozenset({_S}),
    (S.SEEN, S.EXPIRED): frozenset({_X}),
    (S.INTERVIEW, S.OFFERED): frozenset({_E}),
    (S.INTERVIEW, S.HIRED): frozenset({_E}),
    (S.INTERVIEW, S.REJECTED): frozenset({_E}),
    (S.INTERVIEW, S.WITHDRAWN): frozenset({_S}),
    (S.OFFERED, S.HIRED): frozenset({_E, _S}),
    (S.OFFERED, S.REJECTED): frozenset({_E}),
    (S.OFFERED, S.WITHDRAWN): frozenset({_S}),
}
FINAL_STATUSES = frozenset({S.HIRED, S.REJECTED, S.WITHDRAWN, S.EXPIRED})
OPEN_STATUSES = frozenset(set(S.values) - FINAL_STATUSES)


def allowed_targets(status: str, side: str) -> list[str]:
    return [
        to
        for (frm, to), sides in APPLICATION_TRANSITIONS.items()
        if frm == status and side in sides
    ]


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    COUNTER = "counter", _("At a service counter")
    FAIR = "fair", _("At a job fair")


class Availability(models.TextChoices):
    NOW = "now", _("Available now")
    WITHIN_MONTH = "month", _("Within a month")
    LATER = "later", _("Later")

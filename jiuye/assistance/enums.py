from django.db import models
from django.utils.translation import gettext_lazy as _


class CertificationStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    VERIFIED = "verified", _("Verified by a visit")
    ON_NOTICE = "on_notice", _("On public notice")
    CERTIFIED = "certified", _("Certified")
    REJECTED = "rejected", _("Rejected")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")


# A person has at most one certification in these states (database constraint).
OPEN_CERTIFICATION_STATUSES = (
    CertificationStatus.APPLIED,
    CertificationStatus.VERIFIED,
    CertificationStatus.ON_NOTICE,
    CertificationStatus.CERTIFIED,
)


class CertificationAction(models.TextChoices):
    VERIFY = "verify", _("Record the verification visit")
    PUBLISH = "publish", _("Put on public notice")
    APPROVE = "approve", _("Approve (county)")
    REJECT = "reject", _("Reject")
    REVOKE = "revoke", _("Revoke")
    EXPIRE = "expire", _("Expired (certified period over)")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLEARED = "cleared", _("Cleared: a member is in work")
    CLOSED = "closed", _("Closed")


class CaseCloseReason(models.TextChoices):
    MOVED_AWAY = "moved_away", _("The household moved away")
    NOT_WORKING_AGE = "not_working_age", _("No member is of working age any more")


class VisitNeed(models.TextChoices):
    JOB = "job", _("Needs a job")
    TRAINING = "training", _("Needs training")
    BENEFIT = "benefit", _("Needs help applying for a benefit")
    WELFARE_POST = "welfare_post", _("Needs a public welfare post")


class PostType(models.TextChoices):
    VILLAGE_TEMPORARY = "village_temporary", _("Village-level temporary post")
    VILLAGE_WELFARE = "village_welfare", _("Village public welfare post (non-fixed)")
    URBAN_WELFARE = "urban_welfare", _("Urban public welfare post")


class PlacementStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


class PlacementEndReason(models.TextChoices):
    TERM_ENDED = "term_ended", _("Term ended")
    FOUND_JOB = "found_job", _("Found another job")
    RESIGNED = "resigned", _("Resigned")
    DISMISSED = "dismissed", _("Dismissed for not doing the duties")
    RETIRED = "retired", _("Reached retirement age")
    POST_CLOSED = "post_closed", _("Post closed")

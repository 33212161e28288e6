from django.db import models
from django.utils.translation import gettext_lazy as _

from jiuye.accounts.scoping import ScopedQuerySet
from jiuye.employers.enums import EmployerKind, EmployerStatus, Industry


class EmployerQuerySet(ScopedQuerySet):
    def visible_to_non_staff(self, user):
        return self.filter(pk=user.employer_id) if user.employer_id else self.none()


class Employer(models.Model):
    name = models.CharField(_("name"), max_length=200)
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, null=True, blank=True, unique=True
    )
    kind = models.CharField(
        _("type"), max_length=24, choices=EmployerKind.choices, default=EmployerKind.ENTERPRISE
    )
    industry = models.CharField(
        _("industry (GB/T 4754 section)"), max_length=1, blank=True, choices=Industry.choices
    )
    region = models.ForeignKey(
        "geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=16, choices=EmployerStatus.choices, default=EmployerStatus.PENDING
    )
    verified_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    credit_code_check_failed = models.BooleanField(
        _("credit code check digit failed"),
        default=False,
        help_text=_("Accepted as an early pilot-region code; check the certificate."),
    )
    self_registered = models.BooleanField(_("registered itself"), default=False)

    objects = EmployerQuerySet.as_manager()

    class Meta:
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        indexes = [
            models.Index(fields=["region"], name="employer_region"),
            models.Index(fields=["status", "region"], name="employer_status_region"),
        ]
        constraints = [
            models.CheckConstraint(
                name="employer_verified_has_date",
                condition=~models.Q(status=EmployerStatus.VERIFIED)
                | models.Q(verified_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.status == EmployerStatus.VERIFIED


class TrainingInstitution(models.Model):
    name = models.CharField(_("name"), max_length=200)
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, null=True, blank=True, unique=True
    )
    region = models.ForeignKey(
        "geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("training institution")
        verbose_name_plural = _("training institutions")

    def __str__(self) -> str:
        return self.name

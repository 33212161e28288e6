from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _

from jiuye.accounts.enums import ID_REVEAL_ROLES, STAFF_ROLES, USER_MANAGER_ROLES, Role
from jiuye.accounts.scoping import ScopedQuerySet


class UserQuerySet(ScopedQuerySet):
    def in_area(self, area_code: str) -> "UserQuerySet":
        """Staff by their region; employer, job-seeker and institution users by the region of
        what they act for."""
        return self.filter(
            models.Q(region__code__startswith=area_code)
            | models.Q(employer__region__code__startswith=area_code)
            | models.Q(person__region__code__startswith=area_code)
            | models.Q(institution__region__code__startswith=area_code)
        )

    def visible_to_non_staff(self, user):
        return self.filter(pk=user.pk)


class ScopedUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """A person who logs in. Staff are bound to one region; others to what they act for."""

    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    region = models.ForeignKey(
        "geo.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("area"),
    )
    employer = models.ForeignKey(
        "employers.Employer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("employer"),
    )
    person = models.OneToOneField(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="user",
        verbose_name=_("person"),
    )
    institution = models.ForeignKey(
        "employers.TrainingInstitution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("training institution"),
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    objects = ScopedUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                name="user_staff_role_has_region",
                condition=~models.Q(role__in=sorted(r.value for r in STAFF_ROLES))
                | models.Q(region__isnull=False),
            ),
            models.CheckConstraint(
                name="user_employer_role_has_employer",
                condition=~models.Q(role=Role.EMPLOYER) | models.Q(employer__isnull=False),
            ),
            models.CheckConstraint(
                name="user_seeker_role_has_person",
                condition=~models.Q(role=Role.JOB_SEEKER) | models.Q(person__isnull=False),
            ),
            models.CheckConstraint(
                name="user_institution_role_has_institution",
                condition=~models.Q(role=Role.TRAINING_INSTITUTION)
                | models.Q(institution__isnull=False),
            ),
        ]

    # A user's area is the prefix of every region code they may see ("" for none).
    # Superusers have no area: `visible_to` lets them see everything.
    @property
    def area_code(self) -> str:
        if self.role in STAFF_ROLES and self.region_id:
            return self.region_id
        return ""

    @property
    def is_area_staff(self) -> bool:
        return self.role in STAFF_ROLES and bool(self.region_id)

    @property
    def can_manage_users(self) -> bool:
        return self.is_superuser or (self.role in USER_MANAGER_ROLES and self.is_area_staff)

    @property
    def can_see_audit_log(self) -> bool:
        return self.is_superuser or (self.role == Role.CITY_ADMIN and self.is_area_staff)

    @property
    def can_reveal_id_numbers(self) -> bool:
        return self.is_superuser or (self.role in ID_REVEAL_ROLES and self.is_area_staff)

    def covers(self, region_code: str | None) -> bool:
        """Whether a region code lies inside this user's area."""
        if self.is_superuser:
            return True
        return bool(self.area_code and region_code and region_code.startswith(self.area_code))

    def require_covers(self, region_code: str | None) -> None:
        if not self.covers(region_code):
            raise PermissionDenied(_("That area lies outside your own."))


class AuditEventQuerySet(ScopedQuerySet):
    region_field = "area_code"

    def update(self, **kwargs):
        raise PermissionDenied("audit events cannot be changed")

    def delete(self):
        raise PermissionDenied("audit events cannot be deleted")


class AuditEvent(models.Model):
    """An append-only record of who did what to which object, when and from where.

    The application never updates or deletes these rows (the model refuses to), and the
    database refuses updates (and, on PostgreSQL, deletes) with a trigger.
    """

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    actor_username = models.CharField(_("username"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=64, db_index=True)
    object_type = models.CharField(_("object type"), max_length=64, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    area_code = models.CharField(_("area"), max_length=12, blank=True, db_index=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("from address"), null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionDenied("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("audit events cannot be deleted")

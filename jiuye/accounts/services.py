"""Writes to user accounts. The user-management pages, commands and tests all come through here.

The rules, in one place:
- only city administrators and county officers (and superusers) manage users;
- a manager acts only on users inside their own area, never on themselves or a superuser;
- a staff role is bound to a region of its own level (ROLE_REGION_LEVEL) inside the
  manager's area, so nobody can grant a wider area than their own;
- employer and training-institution users are bound to an organisation in the manager's area.
Every change is written to the audit log.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from jiuye.accounts.audit import record_event
from jiuye.accounts.enums import ROLE_REGION_LEVEL, STAFF_ROLES, Role
from jiuye.accounts.models import User
from jiuye.geo.models import Region

# Letters and digits that cannot be misread when a password is read out over the phone.
_UNAMBIGUOUS_CHARS = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def temporary_password() -> str:
    """A random password in three groups of four, e.g. `k7Pq-3mXa-Ryt9`."""
    return "-".join(get_random_string(4, _UNAMBIGUOUS_CHARS) for _group in range(3))


def user_area_code(user: User) -> str:
    """The region code that places a user in an area: their own region, or the region of the
    employer, person or training institution they act for."""
    if user.region_id:
        return user.region_id
    for bound in (user.employer, user.person, user.institution):
        if bound is not None:
            return bound.region_id
    return ""


def require_manager(by: User) -> None:
    if not by.is_active or not by.can_manage_users:
        raise PermissionDenied(_("You cannot manage users."))


def require_can_act_on(by: User, target: User) -> None:
    require_manager(by)
    if target.pk == by.pk:
        raise PermissionDenied(_("You cannot change your own account here."))
    if target.is_superuser and not by.is_superuser:
        raise PermissionDenied(_("Only a superuser can change a superuser."))
    by.require_covers(user_area_code(target))


@transaction.atomic
def create_user(
    *,
    by: User,
    username: str,
    role: Role | str,
    first_name: str = "",
    last_name: str = "",
    phone: str = "",
    region: Region | None = None,
    employer=None,
    institution=None,
    person=None,
    request=None,
) -> tuple[User, str]:
    """Create an active user with a temporary password; return the user and the password
    (shown once to the manager, never stored in clear)."""
    require_manager(by)
    role = Role(role)
    username = username.strip()
    if not username:
        raise ValidationError({"username": _("Enter a username.")})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("A user with this username already exists.")})
    fields: dict = {}
    if role in STAFF_ROLES:
        if region is None:
            raise ValidationError({"region": _("Choose the area this user works in.")})
        wanted = ROLE_REGION_LEVEL[role]
        if region.level != wanted:
            raise ValidationError(
                {
                    "region": _("A %(role)s works in a %(level)s; choose one.")
                    % {"role": role.label, "level": wanted.label.lower()}
                }
            )
        by.require_covers(region.code)
        fields["region"] = region
    elif role == Role.EMPLOYER:
        if employer is None:
            raise ValidationError({"employer": _("Choose the employer this user acts for.")})
        by.require_covers(employer.region_id)
        fields["employer"] = employer
    elif role == Role.TRAINING_INSTITUTION:
        if institution is None:
            raise ValidationError(
                {"institution": _("Choose the training institution this user acts for.")}
            )
        by.require_covers(institution.region_id)
        fields["institution"] = institution
    elif role == Role.JOB_SEEKER:
        if person is None:
            raise ValidationError({"person": _("Choose the person this account belongs to.")})
        by.require_covers(person.region_id)
        if User.objects.filter(person=person).exists():
            raise ValidationError({"person": _("This person already has an account.")})
        fields["person"] = person
    password = temporary_password()
    user = User(
        username=username,
        role=role,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        phone=phone.strip(),
        **fields,
    )
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    record_event(
        actor=by,
        action="user.create",
        obj=user,
        area_code=user_area_code(user),
        changes={"role": str(role), "area": user_area_code(user)},
        request=request,
    )
    return user, password


@transaction.atomic
def set_user_active(*, by: User, user: User, active: bool, request=None) -> User:
    """Deactivate (the user can no longer log in) or reactivate an account."""
    require_can_act_on(by, user)
    if user.is_active == active:
        return user
    user.is_active = active
    user.save(update_fields=["is_active"])
    record_event(
        actor=by,
        action="user.reactivate" if active else "user.deactivate",
        obj=user,
        area_code=user_area_code(user),
        changes={"is_active": [not active, active]},
        request=request,
    )
    return user


@transaction.atomic
def reset_password(*, by: User, user: User, request=None) -> str:
    """Give the user a new temporary password and return it (shown once, never stored)."""
    require_can_act_on(by, user)
    password = temporary_password()
    user.set_password(password)
    user.save(update_fields=["password"])
    record_event(
        actor=by,
        action="user.reset_password",
        obj=user,
        area_code=user_area_code(user),
        request=request,
    )
    return password

from django.utils.translation import gettext_lazy as _

from jiuye.web.navigation import NavItem


def _can_manage_users(user) -> bool:
    return user.is_authenticated and user.can_manage_users


def _can_see_audit_log(user) -> bool:
    return user.is_authenticated and user.can_see_audit_log


def _is_superuser(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_superuser


NAV_ITEMS = [
    NavItem(
        label=_("Users"),
        url_name="accounts:user_list",
        allowed=_can_manage_users,
        description=_(
            "Open accounts for the staff and organisations of your area, deactivate them, "
            "reset passwords."
        ),
    ),
    NavItem(
        label=_("Audit log"),
        url_name="accounts:audit_log",
        allowed=_can_see_audit_log,
        description=_("Who did what to which record, when and from where, in your area."),
    ),
    NavItem(
        label=_("Administration"),
        url_name="admin:index",
        allowed=_is_superuser,
        description=_("Reference data (regions, occupations) and every user account."),
    ),
]

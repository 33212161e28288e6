from django.utils.translation import gettext_lazy as _

from jiuye.web.navigation import NavItem


def _staff(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.is_area_staff)


NAV_ITEMS = [
    NavItem(
        label=_("Statistics"),
        url_name="stats:dashboard",
        allowed=_staff,
        description=_(
            "Figures for your area against the year's targets, with the people behind them."
        ),
    ),
    NavItem(
        label=_("Targets"),
        url_name="stats:targets",
        allowed=_staff,
        description=_("The year's targets for your area and how they are split below it."),
    ),
]

from django.utils.translation import gettext_lazy as _

from jiuye.web.navigation import NavItem


def may_use_ledger(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.is_area_staff)


NAV_ITEMS = [
    NavItem(
        label=_("Ledger"),
        url_name="people:list",
        allowed=may_use_ledger,
        description=_("People, households and their work: search, record a new status."),
    ),
    NavItem(
        label=_("Import ledger"),
        url_name="people:import",
        allowed=may_use_ledger,
        description=_("Upload a township's XLSX or CSV ledger; every row is checked."),
    ),
]

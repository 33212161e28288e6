from django.utils.translation import gettext_lazy as _

from jiuye.web.navigation import NavItem


def _staff(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.is_area_staff)


def _employer_or_staff(user) -> bool:
    return user.is_authenticated and (bool(user.employer_id) or _staff(user))


def _seeker(user) -> bool:
    return user.is_authenticated and bool(user.person_id)


NAV_ITEMS = [
    NavItem(_("Jobs"), "platform:board", lambda user: True, _("Search live vacancies.")),
    NavItem(
        _("My job search"),
        "platform:seeker_home",
        _seeker,
        _("Your applications and jobs for you."),
    ),
    NavItem(
        _("Vacancies"), "platform:vacancies", _employer_or_staff, _("Post and manage vacancies.")
    ),
    NavItem(_("Applications"), "platform:inbox", _employer_or_staff, _("The applications inbox.")),
    NavItem(_("Employers"), "platform:employers", _staff, _("Register and verify employers.")),
]

from django.utils.translation import gettext_lazy as _

from jiuye.web.navigation import NavItem


def is_staff(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.is_area_staff)


def is_person(user) -> bool:
    return (
        user.is_authenticated
        and getattr(user, "person_id", None) is not None
        and not user.is_area_staff
    )


NAV_ITEMS = [
    NavItem(
        label=_("Assistance"),
        url_name="assistance:index",
        allowed=is_staff,
        description=_(
            "Certify people with employment difficulties, follow zero-employment households, "
            "log home visits, allocate public welfare posts."
        ),
    ),
]
NAV_ITEMS.append(
    NavItem(
        label=_("Employment difficulty certification"),
        url_name="assistance:self_application",
        allowed=is_person,
        description=_("Apply to be certified as a person with employment difficulties."),
    )
)

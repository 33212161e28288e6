"""What the ledger's person and household pages show of assistance, for area staff:
`{% load assistance_ledger %}{% assistance_for_person person %}` and
`{% assistance_for_household household %}`. The templates live with the assistance pages
(jiuye/web/assistance/templates/assistance/_ledger_*.html)."""

from django import template

from jiuye.assistance.selectors import household_assistance, person_assistance

register = template.Library()


def _staff(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not (user.is_superuser or user.is_area_staff):
        return None
    return user


@register.inclusion_tag("assistance/_ledger_person.html", takes_context=True)
def assistance_for_person(context, person):
    user = _staff(context)
    return {"panel": person_assistance(person, user=user) if user else None, "person": person}


@register.inclusion_tag("assistance/_ledger_household.html", takes_context=True)
def assistance_for_household(context, household):
    user = _staff(context)
    return {
        "panel": household_assistance(household, user=user) if user else None,
        "household": household,
    }

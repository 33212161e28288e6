from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "jiuye.people"
    verbose_name = _("Labour-force ledger")

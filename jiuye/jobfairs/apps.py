from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobfairsConfig(AppConfig):
    name = "jiuye.jobfairs"
    verbose_name = _("Job fairs")

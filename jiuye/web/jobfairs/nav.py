from django.utils.translation import gettext_lazy as _

from jiuye.web.navigation import NavItem

NAV_ITEMS = [
    NavItem(_("Job fairs"), "jobfairs:list", lambda user: True, _("Online and on-site job fairs.")),
]

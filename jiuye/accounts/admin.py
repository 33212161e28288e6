"""The Django admin: reference data and users, for superusers only.

Everyday user management happens on the user pages (jiuye/web/accounts), which apply the
area rules; the admin is the superuser's tool and so is closed to everyone else, whatever
`is_staff` or model permissions say. Audit events are shown read-only.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from jiuye.accounts.models import AuditEvent, User


def _superusers_only(request) -> bool:
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = _superusers_only
admin.site.site_header = _("Jiuye administration")
admin.site.site_title = _("Jiuye administration")


@admin.register(User)
class JiuyeUserAdmin(UserAdmin):
    list_display = ["username", "first_name", "role", "region", "is_active", "is_superuser"]
    list_filter = ["role", "is_active", "is_superuser"]
    list_select_related = ["region"]
    search_fields = ["username", "first_name", "last_name", "phone"]
    raw_id_fields = ["region", "employer", "person", "institution"]
    fieldsets = [
        *UserAdmin.fieldsets,
        (_("Role and area"), {"fields": ["role", "region", "employer", "person", "institution"]}),
        (_("Contact"), {"fields": ["phone"]}),
    ]
    add_fieldsets = [
        *UserAdmin.add_fieldsets,
        (_("Role and area"), {"fields": ["role", "region"]}),
    ]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_username", "action", "object_type", "object_repr", "area_code"]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_username", "object_repr", "object_id", "area_code"]
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

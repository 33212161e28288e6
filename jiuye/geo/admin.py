from django.contrib import admin

from jiuye.geo.models import Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent", "is_made_up"]
    list_filter = ["level", "is_made_up"]
    list_select_related = ["parent"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]
    show_full_result_count = False

from django.contrib import admin

from jiuye.occupations.models import Occupation


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = ["code", "level", "name"]
    list_filter = ["level"]
    search_fields = ["code", "name", "aliases"]
    raw_id_fields = ["parent"]
    show_full_result_count = False

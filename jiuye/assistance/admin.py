"""Configuration in the admin: categories per province, rules, post-type eligibility."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from jiuye.assistance.models import AssistanceRules, DifficultyCategory, PostTypeRule


@admin.register(DifficultyCategory)
class DifficultyCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "province_code", "is_active", "sort_order"]
    list_filter = ["province_code", "is_active"]


@admin.register(AssistanceRules)
class AssistanceRulesAdmin(admin.ModelAdmin):
    list_display = ["area_code", "notice_days", "certification_months", "case_deadline_days"]
    fieldsets = [
        (None, {"fields": ["area_code"]}),
        (
            _("Certification and zero-employment households"),
            {"fields": ["notice_days", "certification_months", "case_deadline_days"]},
        ),
        (
            _("Welfare-post priority points"),
            {
                "fields": [
                    "points_near_retirement",
                    "points_zero_employment_household",
                    "points_disabled",
                    "points_same_village",
                    "points_same_township",
                    "points_same_county",
                ]
            },
        ),
    ]


@admin.register(PostTypeRule)
class PostTypeRuleAdmin(admin.ModelAdmin):
    list_display = [
        "post_type",
        "accepts_certified",
        "accepts_poverty_groups",
        "min_age",
        "max_age",
        "catchment_digits",
        "term_months",
    ]

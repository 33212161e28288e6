"""Default difficulty categories, rules and post-type eligibility (provinces add their own)."""

from django.db import migrations

CATEGORIES = [
    ("laid_off_older", "下岗失业女性40周岁以上、男性50周岁以上人员", 10),
    ("disabled", "残疾人员", 20),
    ("zero_employment_household", "零就业家庭成员", 30),
    ("long_term_unemployed", "连续失业一年以上的长期失业人员", 40),
    ("minimum_living_allowance", "享受城乡居民最低生活保障家庭成员", 50),
    ("lifted_out_of_poverty", "脱贫人口", 60),
]

POST_TYPES = [
    # post_type, certified, poverty groups, min age, max age, catchment digits, term months
    ("village_temporary", True, True, 16, 64, 9, 36),
    ("village_welfare", True, True, 16, 64, 9, 36),
    ("urban_welfare", True, False, 16, 59, 6, 36),
]


def load(apps, schema_editor):
    Category = apps.get_model("assistance", "DifficultyCategory")
    Rules = apps.get_model("assistance", "AssistanceRules")
    PostTypeRule = apps.get_model("assistance", "PostTypeRule")
    for code, name, order in CATEGORIES:
        Category.objects.get_or_create(
            province_code="", code=code, defaults={"name": name, "sort_order": order}
        )
    Rules.objects.get_or_create(area_code="")
    for post_type, certified, poverty, min_age, max_age, digits, months in POST_TYPES:
        PostTypeRule.objects.get_or_create(
            post_type=post_type,
            defaults={
                "accepts_certified": certified,
                "accepts_poverty_groups": poverty,
                "min_age": min_age,
                "max_age": max_age,
                "catchment_digits": digits,
                "term_months": months,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("assistance", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


class EmploymentStatus(models.TextChoices):
    EMPLOYED_IN_COUNTY = "employed_county", _("Working in the home county")
    EMPLOYED_IN_PROVINCE = "employed_province", _("Working elsewhere in the province")
    EMPLOYED_OUTSIDE_PROVINCE = "employed_outside", _("Working outside the province")
    SELF_EMPLOYED = "self_employed", _("Self-employed or running a business")
    FLEXIBLE = "flexible", _("Flexible work")
    WELFARE_POST = "welfare_post", _("Public welfare post")
    UNEMPLOYED = "unemployed", _("Unemployed")
    IN_TRAINING = "training", _("In training")
    NOT_IN_LABOUR_FORCE = "not_in_labour_force", _("Outside the labour force")


# "In work" for every figure of the platform: employed anywhere, in business, flexible
# work, or a public welfare post.
WORKING_STATUSES = frozenset(
    {
        EmploymentStatus.EMPLOYED_IN_COUNTY,
        EmploymentStatus.EMPLOYED_IN_PROVINCE,
        EmploymentStatus.EMPLOYED_OUTSIDE_PROVINCE,
        EmploymentStatus.SELF_EMPLOYED,
        EmploymentStatus.FLEXIBLE,
        EmploymentStatus.WELFARE_POST,
    }
)
# Working away from the home county: what makes a migrant worker's spell.
AWAY_STATUSES = frozenset(
    {EmploymentStatus.EMPLOYED_IN_PROVINCE, EmploymentStatus.EMPLOYED_OUTSIDE_PROVINCE}
)


class SpellSource(models.TextChoices):
    FORM = "form", _("Entered on a form")
    IMPORT = "import", _("Imported ledger")
    HIRE = "hire", _("Hired through the platform")
    VISIT = "visit", _("Home visit")
    WELFARE_POST = "welfare_post", _("Public welfare post placement")
    SOCIAL_INSURANCE = "social_insurance", _("Social insurance record")


class PersonGroup(models.TextChoices):
    POOR = "poor", _("Registered poor")
    LIFTED_OUT_OF_POVERTY = "lifted", _("Lifted out of poverty")
    MONITORED = "monitored", _("Monitored for relapse into poverty")
    DISABLED = "disabled", _("Disabled")
    VETERAN = "veteran", _("Veteran")
    DRUG_REHABILITATION = "drug_rehab", _("In drug rehabilitation")
    COLLEGE_GRADUATE = "graduate", _("College graduate")
    REGISTERED_UNEMPLOYED = "registered_unemployed", _("Registered unemployed")
    MIGRANT_WORKER = "migrant_worker", _("Migrant worker")
    FARMER = "farmer", _("Rural labourer")


# Groups that count as "poor labour" in poverty-alleviation figures.
POVERTY_GROUPS = frozenset(
    {PersonGroup.POOR, PersonGroup.LIFTED_OUT_OF_POVERTY, PersonGroup.MONITORED}
)


class Education(models.TextChoices):
    """GB/T 4658-2006 education levels (the first digit of the code)."""

    POSTGRADUATE = "10", _("Postgraduate")
    UNDERGRADUATE = "20", _("University (bachelor)")
    JUNIOR_COLLEGE = "30", _("Junior college")
    SECONDARY_VOCATIONAL = "40", _("Secondary vocational school")
    TECHNICAL_SCHOOL = "50", _("Technical school")
    HIGH_SCHOOL = "60", _("Senior high school")
    JUNIOR_HIGH = "70", _("Junior high school")
    PRIMARY = "80", _("Primary school")
    ILLITERATE = "90", _("Illiterate or semi-literate")


class Relation(models.TextChoices):
    """Relation to the head of the household (GB/T 4761, simplified)."""

    HEAD = "head", _("Head of household")
    SPOUSE = "spouse", _("Spouse")
    CHILD = "child", _("Child")
    CHILD_IN_LAW = "child_in_law", _("Son- or daughter-in-law")
    GRANDCHILD = "grandchild", _("Grandchild")
    PARENT = "parent", _("Parent")
    GRANDPARENT = "grandparent", _("Grandparent")
    SIBLING = "sibling", _("Brother or sister")
    OTHER = "other", _("Other")


# Working age as the ledger counts it: 16 to 59 for men, 16 to 54 for women.
WORKING_AGE_MIN = 16
WORKING_AGE_MAX = {"M": 59, "F": 54}

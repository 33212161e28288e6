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


def status_for_place(place: str, home: str) -> str:
    """The status 外出务工 means for a person registered in `home` who works in `place`: in
    the home county, elsewhere in the province, or outside it."""
    if place[:2] != home[:2]:
        return EmploymentStatus.EMPLOYED_OUTSIDE_PROVINCE
    if place.startswith(home[:6]):
        return EmploymentStatus.EMPLOYED_IN_COUNTY
    return EmploymentStatus.EMPLOYED_IN_PROVINCE


def place_contradicts_status(status: str, place: str, home: str):
    """Why a place of work (a division code) cannot go with an employment status for a
    person registered in `home`, or None. 县内务工 in Dongguan, 省外务工 in Nanning or
    县外省内务工 in the home county are typing slips that would put the person in the wrong
    figure; a place that contains the home county (the province, the city) is vague, not
    wrong."""
    if not (place and home):
        return None
    county, province = home[:6], home[:2]
    if status == EmploymentStatus.EMPLOYED_IN_COUNTY:
        if not (place.startswith(county) or county.startswith(place)):
            return _("Working in the home county, but this place lies outside it.")
    elif status == EmploymentStatus.EMPLOYED_IN_PROVINCE:
        if place[:2] != province:
            return _("Working elsewhere in the province, but this place lies outside the province.")
        if place.startswith(county):
            return _("Working elsewhere in the province, but this place is in the home county.")
    elif status == EmploymentStatus.EMPLOYED_OUTSIDE_PROVINCE and place[:2] == province:
        return _("Working outside the province, but this place lies inside it.")
    return None


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


class Ethnicity(models.TextChoices):
    """GB/T 3304-1991 codes of China's ethnic groups."""

    HAN = "01", _("Han")
    MONGOL = "02", _("Mongol")
    HUI = "03", _("Hui")
    TIBETAN = "04", _("Tibetan")
    UYGHUR = "05", _("Uyghur")
    MIAO = "06", _("Miao")
    YI = "07", _("Yi")
    ZHUANG = "08", _("Zhuang")
    BOUYEI = "09", _("Bouyei")
    KOREAN = "10", _("Korean")
    MANCHU = "11", _("Manchu")
    DONG = "12", _("Dong")
    YAO = "13", _("Yao")
    BAI = "14", _("Bai")
    TUJIA = "15", _("Tujia")
    HANI = "16", _("Hani")
    KAZAKH = "17", _("Kazakh")
    DAI = "18", _("Dai")
    LI = "19", _("Li")
    LISU = "20", _("Lisu")
    VA = "21", _("Va")
    SHE = "22", _("She")
    GAOSHAN = "23", _("Gaoshan")
    LAHU = "24", _("Lahu")
    SUI = "25", _("Sui")
    DONGXIANG = "26", _("Dongxiang")
    NAXI = "27", _("Naxi")
    JINGPO = "28", _("Jingpo")
    KYRGYZ = "29", _("Kyrgyz")
    TU = "30", _("Tu")
    DAUR = "31", _("Daur")
    MULAO = "32", _("Mulao")
    QIANG = "33", _("Qiang")
    BLANG = "34", _("Blang")
    SALAR = "35", _("Salar")
    MAONAN = "36", _("Maonan")
    GELAO = "37", _("Gelao")
    XIBE = "38", _("Xibe")
    ACHANG = "39", _("Achang")
    PUMI = "40", _("Pumi")
    TAJIK = "41", _("Tajik")
    NU = "42", _("Nu")
    UZBEK = "43", _("Uzbek")
    RUSSIAN = "44", _("Russian")
    EVENKI = "45", _("Evenki")
    DEANG = "46", _("De'ang")
    BONAN = "47", _("Bonan")
    YUGUR = "48", _("Yugur")
    GIN = "49", _("Gin")
    TATAR = "50", _("Tatar")
    DERUNG = "51", _("Derung")
    OROQEN = "52", _("Oroqen")
    HEZHEN = "53", _("Hezhen")
    MONBA = "54", _("Monba")
    LHOBA = "55", _("Lhoba")
    JINO = "56", _("Jino")
    OTHER = "97", _("Other ethnic group")
    NATURALISED = "98", _("Naturalised Chinese of foreign origin")


class CertificateKind(models.TextChoices):
    SKILL_LEVEL = "skill_level", _("Vocational skill level certificate")
    QUALIFICATION = "qualification", _("Vocational qualification certificate")
    SPECIAL_OPERATIONS = "special_operations", _("Special operations permit")
    TRAINING = "training", _("Training completion certificate")
    OTHER = "other", _("Other certificate")


class SkillLevel(models.TextChoices):
    """The five levels of vocational skill (职业技能等级), highest last."""

    LEVEL_5 = "5", _("Level 5 (junior worker)")
    LEVEL_4 = "4", _("Level 4 (intermediate worker)")
    LEVEL_3 = "3", _("Level 3 (senior worker)")
    LEVEL_2 = "2", _("Level 2 (technician)")
    LEVEL_1 = "1", _("Level 1 (senior technician)")

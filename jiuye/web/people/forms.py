import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from jiuye.geo.enums import RegionLevel
from jiuye.geo.models import Region
from jiuye.people.enums import (
    CertificateKind,
    Education,
    EmploymentStatus,
    Ethnicity,
    PersonGroup,
    Relation,
    SkillLevel,
    place_contradicts_status,
)
from jiuye.people.importing.normalise import CellError, parse_id_number, parse_phone
from jiuye.web.core.areas import AreaField
from jiuye.web.forms import BootstrapForm

# As the field writes a disability level (and as the import stores it).
DISABILITY_LEVELS = [
    ("一级", _("Grade 1 (most severe)")),
    ("二级", _("Grade 2")),
    ("三级", _("Grade 3")),
    ("四级", _("Grade 4")),
]
AGE_BANDS = [
    ("16-29", _("16 to 29")),
    ("30-44", _("30 to 44")),
    ("45-59", _("45 to 59")),
    ("60-", _("60 and over")),
]


def area_choices(user) -> list[tuple[str, str]]:
    parent = user.area_code
    regions = Region.objects.filter(parent_id=parent) if parent else Region.objects.filter(level=1)
    return [("", _("All"))] + [(r.code, r.name) for r in regions.order_by("code")]


class LedgerFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.SearchInput(
            attrs={"placeholder": _("Name, ID number or phone"), "autocomplete": "off"}
        ),
    )
    area = forms.ChoiceField(label=_("Area"), required=False)
    group = forms.ChoiceField(
        label=_("Group"), required=False, choices=[("", _("All")), *PersonGroup.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), ("none", _("No status recorded")), *EmploymentStatus.choices],
    )
    age = forms.ChoiceField(label=_("Age"), required=False, choices=[("", _("All")), *AGE_BANDS])
    household = forms.CharField(label=_("Household number"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = area_choices(user)


class PersonForm(BootstrapForm):
    id_number = forms.CharField(label=_("ID number"), max_length=30)
    name = forms.CharField(label=_("Name"), max_length=50)
    phone = forms.CharField(label=_("Mobile phone"), max_length=30, required=False)
    region_code = AreaField(
        label=_("Household registration area (village or township)"),
        min_level=RegionLevel.TOWNSHIP,
    )
    current_region_code = AreaField(
        label=_("Current address area"),
        required=False,
        help_text=_("Where the person lives now, if not where registered."),
    )
    education = forms.ChoiceField(
        label=_("Education"), required=False, choices=[("", "—"), *Education.choices]
    )
    ethnicity = forms.ChoiceField(
        label=_("Ethnicity"), required=False, choices=[("", "—"), *Ethnicity.choices]
    )
    household_number = forms.CharField(label=_("Household number"), max_length=32, required=False)
    relation = forms.ChoiceField(
        label=_("Relation to head"), required=False, choices=[("", "—"), *Relation.choices]
    )
    groups = forms.MultipleChoiceField(
        label=_("Groups"),
        required=False,
        choices=PersonGroup.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    disability_level = forms.ChoiceField(
        label=_("Disability level"),
        required=False,
        choices=[("", "—"), *DISABILITY_LEVELS],
    )
    graduation_year = forms.IntegerField(
        label=_("Year of graduation"), required=False, min_value=1950, max_value=2100
    )

    def __init__(self, *args, user, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["region_code"].limit_to(user)
        if editing:
            del self.fields["id_number"]

    def clean_id_number(self):
        try:
            return parse_id_number(self.cleaned_data["id_number"])
        except CellError as exc:
            raise forms.ValidationError(exc.reason) from None

    def clean_phone(self):
        try:
            return parse_phone(self.cleaned_data["phone"])
        except CellError as exc:
            raise forms.ValidationError(exc.reason) from None

    def clean(self):
        data = super().clean()
        if data.get("relation") and not data.get("household_number"):
            self.add_error("household_number", _("Give the household for this relation."))
        # A detail implies its group: giving the level means the person is disabled.
        details = {}
        if data.get("disability_level"):
            details[PersonGroup.DISABLED] = data["disability_level"]
        if data.get("graduation_year"):
            details[PersonGroup.COLLEGE_GRADUATE] = str(data["graduation_year"])
        groups = list(data.get("groups") or [])
        data["groups"] = groups + [g for g in details if g not in groups]
        data["group_details"] = details
        return data


class StatusForm(BootstrapForm):
    status = forms.ChoiceField(label=_("Status"), choices=EmploymentStatus.choices)
    start = forms.DateField(
        label=_("Since"),
        widget=forms.DateInput(attrs={"type": "date"}),
        initial=datetime.date.today,
    )
    region_code = AreaField(
        label=_("Place of work"),
        required=False,
        help_text=_("Where the work is: a city, county or township, anywhere in China."),
    )
    employer_name = forms.CharField(label=_("Employer"), max_length=200, required=False)
    monthly_income = forms.IntegerField(
        label=_("Monthly income (yuan)"), required=False, min_value=0, max_value=1_000_000
    )

    def __init__(self, *args, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_start(self):
        start = self.cleaned_data["start"]
        if start > datetime.date.today():
            raise forms.ValidationError(_("This date is in the future."))
        return start

    def clean(self):
        data = super().clean()
        if self.person is not None and data.get("status") and data.get("region_code"):
            problem = place_contradicts_status(
                data["status"], data["region_code"], self.person.region_id
            )
            if problem:
                self.add_error("region_code", problem)
        return data


class ImportForm(BootstrapForm):
    file = forms.FileField(label=_("Ledger file (XLSX or CSV)"))
    dry_run = forms.BooleanField(label=_("Check only, write nothing"), required=False)
    skip_invalid = forms.BooleanField(
        label=_("Write the valid rows even if some rows have problems"), required=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Upload an XLSX or CSV file."))
        return upload


class SkillForm(BootstrapForm):
    occupation = forms.CharField(
        label=_("Occupation (code or name)"),
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. 6-29-01-03 or 砌筑工")}),
    )

    def clean_occupation(self):
        from jiuye.people.skills import resolve_occupation

        code = resolve_occupation(self.cleaned_data["occupation"])
        if not code:
            raise forms.ValidationError(
                _("No occupation of the 2022 classification has this code or name.")
            )
        return code


class CertificateForm(BootstrapForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=CertificateKind.choices)
    name = forms.CharField(label=_("Name on the certificate"), max_length=100)
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", "—"), *SkillLevel.choices]
    )
    number = forms.CharField(label=_("Certificate number"), max_length=50, required=False)
    issuer = forms.CharField(label=_("Issued by"), max_length=100, required=False)
    issued_on = forms.DateField(
        label=_("Issued on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_until = forms.DateField(
        label=_("Valid until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        issued, until = data.get("issued_on"), data.get("valid_until")
        if issued and until and until < issued:
            self.add_error("valid_until", _("A certificate cannot expire before its issue."))
        if issued and issued > datetime.date.today():
            self.add_error("issued_on", _("This date is in the future."))
        return data

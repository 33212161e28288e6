import re

from django import forms
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.applications.enums import ApplicationStatus, Availability
from jiuye.employers.enums import EmployerKind, Industry
from jiuye.geo.enums import RegionLevel
from jiuye.geo.models import Region
from jiuye.people.enums import Education
from jiuye.people.importing.normalise import CellError, parse_phone
from jiuye.people.skills import occupation_names, resolve_occupation
from jiuye.vacancies.enums import EmploymentType
from jiuye.web.core.areas import AreaField
from jiuye.web.forms import BootstrapForm
from jiuye.web.platform.areas import area_choices


def _region_code_field(label, required=True):
    """An area picked by name (or typed as its division code)."""
    return AreaField(label=label, required=required)


def clean_phone(value: str) -> str:
    """A Chinese mobile or landline number as national digits, or '' (python-phonenumbers,
    as the ledger import checks them)."""
    try:
        return parse_phone(value)
    except CellError as exc:
        raise forms.ValidationError(exc.reason) from None


class BoardSearchForm(BootstrapForm):
    q = forms.CharField(label=_("Keyword or pinyin"), required=False, max_length=50)
    area = forms.CharField(label=_("Area"), required=False, max_length=12)
    near = forms.CharField(label=_("Near my home area (code)"), required=False, max_length=12)
    occupation = forms.CharField(label=_("Occupation group"), required=False, max_length=10)
    min_wage = forms.IntegerField(label=_("Lowest monthly wage"), required=False, min_value=0)
    employment_type = forms.ChoiceField(
        label=_("Employment type"),
        required=False,
        choices=[("", _("Any")), *EmploymentType.choices],
    )
    posted_within = forms.TypedChoiceField(
        label=_("Posted within"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any time")), (3, _("3 days")), (7, _("7 days")), (30, _("30 days"))],
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=500, widget=forms.HiddenInput)


class _AccountFields(BootstrapForm):
    username = forms.CharField(label=_("Username"), max_length=150)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, min_length=10)

    def clean_password(self):
        password = self.cleaned_data["password"]
        validate_password(password)
        return password


class EmployerForm(BootstrapForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    credit_code = forms.CharField(
        label=_("Unified social credit code"), max_length=24, required=False
    )
    kind = forms.ChoiceField(label=_("Type"), choices=EmployerKind.choices)
    industry = forms.ChoiceField(
        label=_("Industry"), choices=[("", "---"), *Industry.choices], required=False
    )
    region = _region_code_field(_("Area"))
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    contact_name = forms.CharField(label=_("Contact person"), max_length=50, required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=20, required=False)

    def clean_contact_phone(self):
        return clean_phone(self.cleaned_data["contact_phone"])


def _pick_region_by_name(form, *, counties_too: bool) -> None:
    """On the public registration pages the area is chosen by name, not typed as a code."""
    field = form.fields["region"]
    field.widget = forms.Select(
        choices=area_choices(settings.JIUYE_CITY_CODE, counties_too=counties_too),
        attrs={"class": "form-select"},
    )
    field.help_text = ""


class EmployerSelfRegistrationForm(EmployerForm, _AccountFields):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _pick_region_by_name(self, counties_too=True)


class VacancyForm(BootstrapForm):
    title = forms.CharField(label=_("Job title"), max_length=100)
    occupation_code = forms.CharField(
        label=_("Occupation"),
        max_length=50,
        required=False,
        help_text=_(
            "Its name in the 2022 classification (电工), or its code. Left empty, it is "
            "suggested from the title."
        ),
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    headcount = forms.IntegerField(label=_("Positions"), min_value=1, initial=1)
    wage_min = forms.IntegerField(label=_("Monthly wage from (yuan)"), min_value=0)
    wage_max = forms.IntegerField(label=_("Monthly wage up to (yuan)"), min_value=0)
    region = _region_code_field(_("Place of work"))
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    education = forms.ChoiceField(
        label=_("Education required"), choices=[("", _("Any")), *Education.choices], required=False
    )
    skills = forms.CharField(label=_("Skills required"), max_length=300, required=False)
    housing = forms.BooleanField(label=_("Housing provided"), required=False)
    meals = forms.BooleanField(label=_("Meals provided"), required=False)
    transport = forms.BooleanField(label=_("Transport provided"), required=False)
    employment_type = forms.ChoiceField(label=_("Employment type"), choices=EmploymentType.choices)
    valid_until = forms.DateField(
        label=_("Valid until"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        code = self.initial.get("occupation_code")
        if code:  # shown by name
            self.initial["occupation_code"] = occupation_names([code]).get(code, code)

    def clean_occupation_code(self) -> str:
        text = self.cleaned_data["occupation_code"].strip()
        if not text:
            return ""
        code = resolve_occupation(text)
        if not code:
            raise forms.ValidationError(
                _(
                    "Not an occupation of the classification: %(words)s. Write its name (电工), "
                    "or leave it empty to have it suggested from the title."
                )
                % {"words": text}
            )
        return code

    def clean_valid_until(self):
        day = self.cleaned_data["valid_until"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("The end date has passed."))
        return day

    def vacancy_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["region_id"] = data.pop("region")
        return data


class _SeekerFields(BootstrapForm):
    name = forms.CharField(label=_("Name"), max_length=50)
    id_number = forms.CharField(label=_("Resident ID number"), max_length=20)
    region = _region_code_field(_("Household registration area"))
    phone = forms.CharField(label=_("Mobile phone"), max_length=20, required=False)

    def clean_phone(self):
        return clean_phone(self.cleaned_data["phone"])


class SeekerRegistrationForm(_SeekerFields, _AccountFields):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _pick_region_by_name(self, counties_too=False)
        self.fields["region"].label = _("Township of your household registration")


class StaffSeekerForm(_SeekerFields):
    pass


def desired_area_choices(city: str, chosen: list[str]) -> list:
    """Where a seeker would work, by name: the whole city, its counties and townships, and the
    provinces for work farther away. An area chosen earlier that is none of these (a city
    elsewhere, say) stays on offer, so saving the form does not drop it."""
    whole_city = list(Region.objects.filter(code=city).values_list("code", "name"))
    groups = [(_("The whole city"), whole_city), *area_choices(city, counties_too=True)[1:]]
    provinces = Region.objects.filter(level=RegionLevel.PROVINCE).order_by("code")
    provinces = list(provinces.values_list("code", "name"))
    offered = {code for _label, places in groups for code, _name in places}
    offered.update(code for code, _name in provinces)
    kept = Region.objects.filter(code__in=[code for code in chosen if code not in offered])
    groups.append((_("Farther away"), provinces + list(kept.values_list("code", "name"))))
    return groups


_SEPARATORS = re.compile(r"[,，、;；/\s]+")


class OccupationsField(forms.CharField):
    """Occupations of the 2022 classification written by name (电工、焊工), as a code, or by
    an alias; cleaned to the space-separated codes a seeker keeps."""

    def clean(self, value):
        value = super().clean(value)
        codes, unknown = [], []
        for word in _SEPARATORS.split(value or ""):
            if not word:
                continue
            code = resolve_occupation(word)
            if not code:
                unknown.append(word)
            elif code not in codes:
                codes.append(code)
        if unknown:
            raise forms.ValidationError(
                _(
                    "Not an occupation of the classification: %(words)s. Write the occupation's "
                    "name (电工, 焊工), or leave it to the desired jobs."
                )
                % {"words": "、".join(unknown)}
            )
        joined = " ".join(codes)
        if len(joined) > 200:
            raise forms.ValidationError(_("Choose fewer occupations."))
        return joined


class ProfileForm(BootstrapForm):
    desired_titles = forms.CharField(label=_("Desired jobs"), max_length=200, required=False)
    desired_occupations = OccupationsField(
        label=_("Desired occupations"),
        max_length=200,
        required=False,
        help_text=_(
            "By name, separated by 、 (电工、焊工). Left empty, they are found from the "
            "desired jobs."
        ),
    )
    desired_region_codes = forms.MultipleChoiceField(
        label=_("Where you would work"),
        required=False,
        help_text=_("Choose one or more; hold Ctrl (or tap each on a phone) to choose several."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    min_wage = forms.IntegerField(label=_("Lowest acceptable monthly wage"), min_value=0)
    availability = forms.ChoiceField(label=_("Availability"), choices=Availability.choices)

    def __init__(self, *args, chosen_regions: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["desired_region_codes"].choices = desired_area_choices(
            settings.JIUYE_CITY_CODE, list(chosen_regions)
        )
        # The kept codes shown as the names a person reads.
        codes = (self.initial.get("desired_occupations") or "").split()
        if codes:
            names = occupation_names(codes)
            self.initial["desired_occupations"] = "、".join(names.get(c, c) for c in codes)

    def clean_desired_region_codes(self) -> str:
        """Stored as the seeker's space-separated codes (`JobSeeker.desired_region_codes`)."""
        joined = " ".join(self.cleaned_data["desired_region_codes"])
        if len(joined) > 200:
            raise forms.ValidationError(_("Choose fewer areas."))
        return joined


class ApplyForm(BootstrapForm):
    message = forms.CharField(
        label=_("Message to the employer"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TransitionForm(BootstrapForm):
    to = forms.ChoiceField(label=_("New status"), choices=ApplicationStatus.choices)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class CounterApplicationForm(BootstrapForm):
    vacancy = forms.IntegerField(label=_("Vacancy number"), min_value=1)
    id_number = forms.CharField(label=_("Job seeker's ID number"), max_length=20)
    fair = forms.IntegerField(
        label=_("Job fair number"),
        min_value=1,
        required=False,
        help_text=_("When the application was made at a job fair's booth."),
    )

import datetime

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.accounts.enums import ROLE_REGION_LEVEL, STAFF_ROLES, Role
from jiuye.accounts.models import User
from jiuye.employers.models import Employer, TrainingInstitution
from jiuye.geo.enums import RegionLevel
from jiuye.geo.models import Region
from jiuye.web.forms import BootstrapForm

# Roles a manager can give from the user pages. Job-seeker accounts belong to a person in the
# ledger and are opened where that person is kept, not here.
CREATABLE_ROLES = [r for r in Role if r != Role.JOB_SEEKER]


def manager_area(user: User) -> str:
    """The area whose regions a manager may assign; a superuser without one gets the city."""
    return user.area_code or settings.JIUYE_CITY_CODE


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Region) -> str:
        indent = "\u3000" * max(obj.level - RegionLevel.CITY, 0)
        return f"{indent}{obj.name} ({obj.code})"


class UserCreateForm(BootstrapForm):
    username = forms.CharField(label=_("Username"), max_length=150)
    first_name = forms.CharField(label=_("Name"), max_length=150, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    role = forms.ChoiceField(label=_("Role"))
    region = RegionChoiceField(
        label=_("Area"),
        queryset=Region.objects.none(),
        required=False,
        help_text=_("For staff: the city, county, township or village they work in."),
    )
    employer = forms.ModelChoiceField(
        label=_("Employer"), queryset=Employer.objects.none(), required=False
    )
    institution = forms.ModelChoiceField(
        label=_("Training institution"),
        queryset=TrainingInstitution.objects.none(),
        required=False,
    )

    def __init__(self, *args, manager: User, **kwargs):
        super().__init__(*args, **kwargs)
        area = manager_area(manager)
        # A superuser without a staff role assigns from the city down.
        own_level = ROLE_REGION_LEVEL.get(manager.role, RegionLevel.CITY)
        self.fields["role"].choices = [
            (role.value, role.label)
            for role in CREATABLE_ROLES
            if role not in STAFF_ROLES or ROLE_REGION_LEVEL[role] >= own_level
        ]
        self.fields["region"].queryset = (
            Region.objects.within(area).filter(level__gte=own_level).order_by("code")
        )
        self.fields["employer"].queryset = Employer.objects.visible_to(manager).order_by("name")
        self.fields["institution"].queryset = TrainingInstitution.objects.visible_to(
            manager
        ).order_by("name")


class UserFilterForm(forms.Form):
    q = forms.CharField(label=_("Username or name"), required=False)
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("All roles")), *Role.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), ("active", _("Active")), ("inactive", _("Deactivated"))],
    )


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("Who (username)"), required=False)
    action = forms.CharField(
        label=_("Action"), required=False, help_text=_("e.g. user.create, or user. for all")
    )
    object_type = forms.CharField(
        label=_("Object type"), required=False, help_text=_("e.g. accounts.user")
    )
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    area = forms.CharField(
        label=_("Area code"),
        required=False,
        max_length=12,
        help_text=_("A region code; its whole area is shown."),
    )

    def __init__(self, *args, viewer: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.viewer = viewer

    def clean_area(self) -> str:
        area = self.cleaned_data["area"].strip()
        if area and not area.isdigit():
            raise forms.ValidationError(_("A region code has digits only."))
        if area and not self.viewer.is_superuser and not area.startswith(self.viewer.area_code):
            raise forms.ValidationError(_("That area lies outside your own."))
        return area

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data

    def filter(self, events):
        data = self.cleaned_data
        if data["actor"]:
            events = events.filter(actor_username__iexact=data["actor"].strip())
        if data["action"]:
            events = events.filter(action__startswith=data["action"].strip())
        if data["object_type"]:
            events = events.filter(object_type=data["object_type"].strip().lower())
        if data["start"]:
            events = events.filter(at__gte=_start_of(data["start"]))
        if data["end"]:
            events = events.filter(at__lt=_start_of(data["end"] + datetime.timedelta(days=1)))
        if data["area"]:
            events = events.filter(area_code__startswith=data["area"])
        return events


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))

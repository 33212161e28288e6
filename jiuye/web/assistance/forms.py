import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from jiuye.accounts.models import User
from jiuye.assistance.enums import CaseCloseReason, PlacementEndReason, PostType, VisitNeed
from jiuye.assistance.models import DifficultyCategory
from jiuye.geo.enums import RegionLevel
from jiuye.lib.idnumbers import InvalidIdNumber, validate_id_number
from jiuye.web.core.areas import AreaField
from jiuye.web.forms import BootstrapForm

DATE = forms.DateInput(attrs={"type": "date"})


class ApplicationForm(BootstrapForm):
    id_number = forms.CharField(label=_("ID number of the person"), max_length=20)
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=DifficultyCategory.objects.filter(is_active=True)
    )
    applied_on = forms.DateField(label=_("Applied on"), widget=DATE, initial=datetime.date.today)
    by_person = forms.BooleanField(label=_("The person applied themselves"), required=False)
    statement = forms.CharField(label=_("Statement"), widget=forms.Textarea, required=False)

    def __init__(self, *args, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        if person is not None:  # chosen on the ledger's person page
            del self.fields["id_number"]

    def clean_id_number(self):
        try:
            return validate_id_number(self.cleaned_data["id_number"])
        except InvalidIdNumber as exc:
            raise forms.ValidationError(_("Not a valid ID number.")) from exc


class TransitionForm(BootstrapForm):
    action = forms.CharField(widget=forms.HiddenInput)
    on = forms.DateField(label=_("Date"), widget=DATE, initial=datetime.date.today)
    note = forms.CharField(label=_("Note or reason"), required=False, max_length=300)


class CloseCaseForm(BootstrapForm):
    reason = forms.ChoiceField(label=_("Reason"), choices=CaseCloseReason.choices)
    note = forms.CharField(label=_("Note"), max_length=300)


class OfferForm(BootstrapForm):
    offered_on = forms.DateField(label=_("Offered on"), widget=DATE, initial=datetime.date.today)
    description = forms.CharField(label=_("Job offered"), max_length=200)
    refused = forms.BooleanField(label=_("Refused"), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class OwnerField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.get_full_name() or obj.username} · {obj.region.name}"


class VisitForm(BootstrapForm):
    """A visit with up to `TASK_ROWS` follow-up tasks, each with an owner (any staff member
    whose area covers the household; the person logging the visit by default)."""

    TASK_ROWS = ("task", "task_2")

    visited_on = forms.DateField(label=_("Visited on"), widget=DATE, initial=datetime.date.today)
    visitors = forms.CharField(label=_("Visitors"), max_length=200)
    needs = forms.MultipleChoiceField(
        label=_("Needs found"),
        choices=VisitNeed.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 3}))
    outcome = forms.CharField(
        label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, owners=None, default_owner=None, **kwargs):
        super().__init__(*args, **kwargs)
        owners = owners if owners is not None else User.objects.none()
        for index, name in enumerate(self.TASK_ROWS, start=1):
            self.fields[name] = forms.CharField(
                label=_("Follow-up task %(n)s") % {"n": index}, max_length=200, required=False
            )
            self.fields[f"{name}_owner"] = OwnerField(
                label=_("Owner of task %(n)s") % {"n": index},
                queryset=owners,
                required=False,
                initial=default_owner.pk if default_owner is not None else None,
                widget=forms.Select(attrs={"class": "form-select"}),
            )
            self.fields[f"{name}_due_on"] = forms.DateField(
                label=_("Task %(n)s due on") % {"n": index}, widget=DATE, required=False
            )
        self.default_owner = default_owner

    def clean(self):
        data = super().clean()
        for name in self.TASK_ROWS:
            if data.get(name) and not data.get(f"{name}_due_on"):
                self.add_error(f"{name}_due_on", _("A follow-up task needs a due date."))
        return data

    def tasks(self) -> list[tuple]:
        """(description, owner, due date) for each task written."""
        data = self.cleaned_data
        return [
            (data[name], data.get(f"{name}_owner") or self.default_owner, data[f"{name}_due_on"])
            for name in self.TASK_ROWS
            if data.get(name)
        ]


class MonthForm(BootstrapForm):
    month = forms.DateField(
        label=_("Month"), widget=forms.DateInput(attrs={"type": "month"}), input_formats=["%Y-%m"]
    )
    days_worked = forms.IntegerField(label=_("Days worked"), min_value=0, max_value=31)


class EndPlacementForm(BootstrapForm):
    end_date = forms.DateField(label=_("Ended on"), widget=DATE, initial=datetime.date.today)
    reason = forms.ChoiceField(label=_("Reason"), choices=PlacementEndReason.choices)


class SelfApplicationForm(BootstrapForm):
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=DifficultyCategory.objects.filter(is_active=True)
    )
    statement = forms.CharField(
        label=_("Why finding work is hard for you"), widget=forms.Textarea(attrs={"rows": 3})
    )


class PostForm(BootstrapForm):
    post_type = forms.ChoiceField(label=_("Post type"), choices=PostType.choices)
    title = forms.CharField(label=_("Post"), max_length=100)
    region_code = AreaField(label=_("Area (village or township)"), min_level=RegionLevel.TOWNSHIP)
    host_unit = forms.CharField(label=_("Host unit"), max_length=100)
    duties = forms.CharField(label=_("Duties"), max_length=300, required=False)
    funding_source = forms.CharField(label=_("Funding source"), max_length=100, required=False)
    monthly_subsidy = forms.IntegerField(label=_("Monthly subsidy (yuan)"), min_value=1)
    places = forms.IntegerField(label=_("Places"), min_value=1, max_value=500)
    start_date = forms.DateField(label=_("From"), widget=DATE, initial=datetime.date.today)
    end_date = forms.DateField(label=_("Until"), widget=DATE, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["region_code"].limit_to(user)

    def clean(self):
        data = super().clean()
        if (
            data.get("end_date")
            and data.get("start_date")
            and data["end_date"] < data["start_date"]
        ):
            self.add_error("end_date", _("The end must come after the start."))
        return data


class RollForm(BootstrapForm):
    """Which subsidy roll to download: a month, an area inside the user's own, a host unit."""

    month = forms.DateField(
        label=_("Month"),
        widget=forms.DateInput(attrs={"type": "month"}),
        input_formats=["%Y-%m"],
        required=False,
    )
    area = AreaField(label=_("Area (empty: all your area)"), required=False)
    host_unit = forms.CharField(
        label=_("Host unit (empty: every unit)"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"list": "host-units"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["area"].limit_to(user)

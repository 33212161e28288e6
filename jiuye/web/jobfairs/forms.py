from django import forms
from django.utils.translation import gettext_lazy as _

from jiuye.jobfairs.enums import FairMode, FairTheme
from jiuye.web.core.areas import AreaField
from jiuye.web.forms import BootstrapForm


class FairForm(BootstrapForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    theme = forms.ChoiceField(label=_("Theme"), choices=FairTheme.choices)
    mode = forms.ChoiceField(label=_("Mode"), choices=FairMode.choices)
    starts_at = forms.DateTimeField(
        label=_("Starts"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    region = AreaField(label=_("Area"))
    organiser = forms.CharField(label=_("Organiser"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)

    def clean(self):
        data = super().clean()
        if data.get("mode") == FairMode.OFFLINE and not data.get("venue"):
            self.add_error("venue", _("An on-site fair needs a venue."))
        return data


class SignUpForm(BootstrapForm):
    booth = forms.CharField(label=_("Booth wanted"), max_length=20, required=False)
    vacancies = forms.ModelMultipleChoiceField(
        label=_("Vacancies you bring"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, vacancies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vacancies"].queryset = vacancies


class CheckInForm(BootstrapForm):
    code = forms.CharField(label=_("Registration code"), max_length=20)

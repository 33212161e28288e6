import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.stats.catalogue import catalogue


class FilterForm(forms.Form):
    area = forms.CharField(label=_("Area"), required=False, max_length=12)
    as_of = forms.DateField(
        label=_("As of"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    period_start = forms.DateField(
        label=_("Period from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        as_of = data.get("as_of") or timezone.localdate()
        start = data.get("period_start") or as_of.replace(month=1, day=1)
        if start > as_of:
            raise forms.ValidationError(_("The period starts after the as-of date."))
        if as_of.year < 2000 or as_of > timezone.localdate() + datetime.timedelta(days=366):
            raise forms.ValidationError(_("Choose a date between 2000 and next year."))
        data["as_of"], data["period_start"] = as_of, start
        return data


class SplitForm(forms.Form):
    """One field per child area (added by the view) and a reason if they do not add up."""

    indicator_code = forms.ChoiceField(label=_("Indicator"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    reason = forms.CharField(
        label=_("Why the split does not add up (if it does not)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, children=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator_code"].choices = [
            (i.code, i.label) for i in catalogue() if i.targetable
        ]
        self.children = list(children)
        for region in self.children:
            self.fields[f"share_{region.code}"] = forms.DecimalField(
                label=region.name, required=False, min_value=0, decimal_places=2
            )

    def shares(self) -> dict:
        return {
            region.code: self.cleaned_data[f"share_{region.code}"]
            for region in self.children
            if self.cleaned_data.get(f"share_{region.code}") is not None
        }

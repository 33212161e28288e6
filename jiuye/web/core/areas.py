"""The area picker: every form field that takes an area (a village, a township, a place of
work) lets a person type its name and pick it from a list, or type its code.

The widget is a search box, which asks `web:area_search` for matches as the person types
(HTMX), and a hidden input that holds the picked code (`static/web/area_picker.js` fills it and
empties it again as soon as the text is changed). Without JavaScript, or when a name is
typed and not picked, the field resolves the typed text itself: a code, or a name only one
area in reach carries. Forms that post a code alone (the API's clients, tests) still work:
with no text beside it, the code is the value."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jiuye.geo.models import Region
from jiuye.geo.search import AreaNotFound, full_names, resolve_area

TEXT_SUFFIX = "_text"
NOWHERE = "-"  # a scope no division code starts with
PLACEHOLDER = _("Name or code, e.g. 东莞 长安")


class AreaPickerWidget(forms.Widget):
    template_name = "web/area_picker.html"

    def __init__(self, attrs=None, *, within: str = "", min_level: int = 1):
        super().__init__(attrs)
        self.within = within
        self.min_level = min_level

    def format_value(self, value):
        return "" if value is None else str(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        value = context["widget"]["value"]
        code = label = ""
        if value.isdigit():
            row = Region.objects.filter(code=value).values_list("code", "name", "level").first()
            if row is not None:
                code, label = row[0], full_names([row])[row[0]]
        if not code:
            label = value  # what was typed and did not resolve: shown again with its error
        context["widget"].update(
            code=code,
            label=label,
            text_name=name + TEXT_SUFFIX,
            search_url=reverse("area_search"),
            within=self.within,
            min_level=self.min_level,
            placeholder=PLACEHOLDER,
        )
        return context

    def value_from_datadict(self, data, files, name):
        code = (data.get(name) or "").strip()
        text = data.get(name + TEXT_SUFFIX)
        if text is None or code:
            return code
        return text.strip()

    def value_omitted_from_data(self, data, files, name):
        return name not in data and name + TEXT_SUFFIX not in data


class AreaField(forms.CharField):
    """An area's code, picked by name. `within` (a code prefix, usually the user's own
    area) and `min_level` (say, township or below) bound what can be picked."""

    def __init__(self, *, within: str = "", min_level: int = 1, **kwargs):
        kwargs.setdefault("max_length", 100)
        super().__init__(widget=AreaPickerWidget(within=within, min_level=min_level), **kwargs)
        self.within = within
        self.min_level = min_level

    def limit_to(self, user) -> None:
        """Only areas `user` covers can be picked (`User.covers`): a superuser's any, a staff
        member's own area's, nobody else's any."""
        within = "" if user.is_superuser else (user.area_code or NOWHERE)
        self.within = self.widget.within = within

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return ""
        try:
            return resolve_area(value, within=self.within, min_level=self.min_level).code
        except AreaNotFound as exc:
            raise forms.ValidationError(str(exc)) from None

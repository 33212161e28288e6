from django import forms

from jiuye.web.forms import BootstrapForm


class SampleForm(BootstrapForm):
    name = forms.CharField()
    level = forms.ChoiceField(choices=[("a", "A")])
    agree = forms.BooleanField()


def test_each_widget_gets_the_bootstrap_class_of_its_kind():
    form = SampleForm()
    assert 'class="form-control"' in str(form["name"])
    assert 'class="form-select"' in str(form["level"])
    assert 'class="form-check-input"' in str(form["agree"])


def test_a_field_with_errors_is_marked_invalid():
    form = SampleForm(data={})
    assert form.errors
    assert 'class="form-control is-invalid"' in str(form["name"])
    assert "is-invalid" not in str(SampleForm()["name"])

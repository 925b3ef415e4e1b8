"""QuickSelect writes the same select as Django's template-rendered one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.test.html import parse_html
from hypothesis import given, settings
from hypothesis import strategies as st

from nastavnik.common.widgets import QuickSelect

TEXT = st.text(alphabet=st.sampled_from(list("аБв xyz<>&\"'ё№1")), max_size=8)
OPTION = st.tuples(TEXT, TEXT)
CHOICES = st.lists(
    st.one_of(OPTION, st.tuples(TEXT.filter(bool), st.lists(OPTION, min_size=1, max_size=3))), max_size=6
)


def _both(choices: Any, value: Any, attrs: dict[str, Any] | None = None) -> tuple[str, str]:
    return forms.Select(choices=choices).render("org", value, attrs), QuickSelect(choices=choices).render(
        "org", value, attrs
    )


@settings(max_examples=150, deadline=None)
@given(choices=CHOICES, pick=st.integers(min_value=0, max_value=9), required=st.booleans())
def test_the_markup_is_django_s_for_any_choices_groups_and_selection(choices: Any, pick: int, required: bool) -> None:
    flat = [v for item in choices for v in ([item[0]] if isinstance(item[1], str) else [c[0] for c in item[1]])]
    value = flat[pick % len(flat)] if flat else None
    attrs = {"id": "id_org", "class": "select", "required": required, "data-x": '"q"'}
    expected, quick = _both(choices, value, attrs)
    assert parse_html(quick) == parse_html(expected)


def test_text_is_escaped_and_the_chosen_option_is_selected() -> None:
    _, quick = _both([("1", "Школа <№1> & «Ромашка»"), ("2", "Лицей")], "2", {"id": "id_org"})
    assert "Школа &lt;№1&gt; &amp; «Ромашка»" in quick
    assert '<option value="2" selected>Лицей</option>' in quick
    assert '<option value="1">' in quick


def test_a_bound_filter_keeps_its_choice_and_the_empty_label() -> None:
    class Pick(forms.Form):
        org = forms.ChoiceField(choices=[("", "---------"), ("7", "Гимназия № 7")], widget=QuickSelect, required=False)

    html = str(Pick({"org": "7"})["org"])
    assert '<option value="">---------</option>' in html
    assert '<option value="7" selected>Гимназия № 7</option>' in html
    assert 'name="org"' in html and 'id="id_org"' in html

"""A date picker shows its value only in ISO format: a Dutch ``10-03-2026`` looks empty."""

import ast
import datetime
from pathlib import Path

from django import forms

from terugkeer.core.forms import DateInput

PACKAGE = Path(__file__).resolve().parents[2]


def test_the_date_picker_renders_an_initial_date_in_iso_format():
    class DayForm(forms.Form):
        day = forms.DateField(widget=DateInput(), initial=datetime.date(2026, 3, 9))

    html = str(DayForm()["day"])

    assert 'type="date"' in html
    assert 'value="2026-03-09"' in html


def _date_pickers_without_iso_format():
    """Each ``DateInput(attrs={"type": "date"})`` of the application code without ISO format."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if not (isinstance(node, ast.Call) and ast.unparse(node.func).endswith("DateInput")):
                continue
            text = ast.unparse(node)
            if "'type': 'date'" in text and "format='%Y-%m-%d'" not in text:
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    return found


def test_no_date_picker_renders_its_value_in_the_dutch_display_format():
    assert _date_pickers_without_iso_format() == []


def _own_date_pickers():
    """Each date picker built from Django's widget outside ``core.forms``: there is one, shared."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts or path == PACKAGE / "core" / "forms.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if (
                isinstance(node, ast.Call)
                and ast.unparse(node.func) == "forms.DateInput"
                and "'type': 'date'" in ast.unparse(node)
            ):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    return found


def test_every_date_picker_is_the_shared_one():
    assert _own_date_pickers() == []

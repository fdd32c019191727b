"""``{{ text|for_organisation:organisation }}``: a questionnaire text with its organisation."""

from django import template

from terugkeer.assessments.selectors import personalised

register = template.Library()


@register.filter
def for_organisation(text, organisation):
    return personalised(text, organisation)

"""Choices of the activities app (Dutch labels for users)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsentChange(models.TextChoices):
    GIVEN = "gegeven", _("Toestemming gegeven")
    WITHDRAWN = "ingetrokken", _("Toestemming ingetrokken")


class ActivityKind(models.TextChoices):
    WALKING = "wandelproject", _("Wandelproject")
    SPORT = "sport", _("Sport")
    COOKING = "kookworkshop", _("Kookworkshop")
    BUDGET = "budgetcoaching", _("Budgetcoaching")
    OTHER = "anders", _("Anders")

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    MALE = "M", _("man")
    FEMALE = "V", _("vrouw")
    OTHER = "X", _("anders / onbekend")


class Household(models.TextChoices):
    UNKNOWN = "onbekend", _("onbekend")
    SINGLE = "alleenstaand", _("alleenstaand")
    COUPLE = "samenwonend", _("samenwonend zonder kinderen")
    FAMILY = "gezin", _("samenwonend met kinderen")
    SINGLE_PARENT = "eenoudergezin", _("eenoudergezin")
    WITH_PARENTS = "bij_ouders", _("inwonend bij ouders of familie")
    HOMELESS = "dak_thuisloos", _("dak- of thuisloos")

from django.db import models
from django.utils.translation import gettext_lazy as _

from terugkeer.core.roles import Role  # noqa: F401  (re-exported: memberships hold a Role)


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "gemeente", _("Gemeente")
    FOUNDATION = "stichting", _("Stichting")
    REGIONAL_POINT = "regionaal_coordinatiepunt", _("Regionaal coördinatiepunt")

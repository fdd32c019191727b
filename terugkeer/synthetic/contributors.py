"""Finding the apps that add rows to the synthetic dataset: ``<app>/synthetic.py``.

By convention, as ``seed_demo`` finds ``<app>/demo.py``: the generator looks the modules up over
INSTALLED_APPS, so no app below ``synthetic`` ever imports it (the contract they implement lives
in ``terugkeer.core.synthetic_contract``).
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from terugkeer.core.synthetic_contract import Contributor


def discover_contributors(app_names: Iterable[str] | None = None) -> list[Contributor]:
    """The ``CONTRIBUTOR`` of every ``<app>.synthetic`` module, by ``order`` then app order."""
    if app_names is None:
        app_names = [config.name for config in apps.get_app_configs()]
    found = []
    for position, name in enumerate(app_names):
        if not name.startswith("terugkeer.") or not find_spec(f"{name}.synthetic"):
            continue
        contributor = getattr(import_module(f"{name}.synthetic"), "CONTRIBUTOR", None)
        if not isinstance(contributor, Contributor):
            raise ImproperlyConfigured(
                f"{name}.synthetic must define CONTRIBUTOR = Contributor(...)"
            )
        found.append((contributor.order, position, contributor))
    return [contributor for _order, _position, contributor in sorted(found, key=lambda f: f[:2])]

"""Issue 11: every view that creates rows from a form carries the one-time ``form_token``.

Walks the whole URLconf (so it grows with every app): a view whose URL name says it creates
(``…_create``, ``…_add``, ``…_new``, ``register``, ``upload``, ``…_record``, ``open_…``) must
consume a token (``core.form_tokens.once_per_token`` or ``submitted_once``, in the view or a
base class), or be listed below with the reason a double submit cannot create twice. And a
view whose form always issues a token must consume it: a token nobody consumes guards nothing.
Each app's own tests replay the double click per form (``mentoring/tests/test_double_submit.py``).
"""

import inspect
import re

from django.urls import URLPattern, URLResolver, get_resolver

from terugkeer.core.forms import OneTimeFormMixin

CREATES = re.compile(r"(_create|_add|_new|register|upload|_record|open_)")
CONSUMES = ("once_per_token(", "submitted_once(")

# URL name: why a repeated POST creates nothing twice without a form token.
EXEMPT = {
    "intake:register": "a typed-in melding has a fingerprint (detention.importing."
    "typed_fingerprint): the repeat is 'al eerder ontvangen' (cases/tests/test_races.py)",
    "intake:import_upload": "an upload creates only a draft batch; confirming the same file "
    "twice is refused by its hash and row fingerprints (cases/tests/test_races.py)",
    "interventions:request_new_version": "the service locks the request and refuses a second "
    "new version ('Er is al een nieuwe versie van deze aanvraag')",
}


def _views(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _views(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            view_class = getattr(pattern.callback, "view_class", None)
            if view_class is not None and not namespace.startswith("admin:"):
                yield f"{namespace}{pattern.name}", view_class


def _own_source(cls) -> str:
    return "".join(
        inspect.getsource(base) for base in cls.__mro__ if base.__module__.startswith("terugkeer.")
    )


def _consumes(view_class) -> bool:
    return any(call in _own_source(view_class) for call in CONSUMES)


def test_every_create_view_consumes_a_one_time_form_token():
    views = dict(_views(get_resolver().url_patterns))
    missing = [
        f"{name} ({view_class.__module__}.{view_class.__name__})"
        for name, view_class in sorted(views.items())
        if CREATES.search(name.split(":")[-1]) and name not in EXEMPT and not _consumes(view_class)
    ]
    assert missing == [], "create views without a one-time form token: " + ", ".join(missing)
    assert not set(EXEMPT) - set(views), "exempted URL names that no longer exist"
    assert sum(1 for v in views.values() if _consumes(v)) >= 20


def test_every_view_whose_form_always_issues_a_token_consumes_it():
    unconsumed = [
        name
        for name, view_class in _views(get_resolver().url_patterns)
        if isinstance(getattr(view_class, "form_class", None), type)
        and issubclass(view_class.form_class, OneTimeFormMixin)
        and not _consumes(view_class)
    ]
    assert unconsumed == []

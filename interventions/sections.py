"""Sections of an intervention's page that apps above this one provide.

An intervention's page shows the selected use cases and the coalitions
carrying it. Use cases sit on a floor above interventions (a use case points
at its intervention), so this app does not import them. Instead the page asks
for its ``RELATED`` section here, and the portal, which reads across the
apps, provides it from its ``AppConfig.ready()`` — the way apps register with
the admin. A section nobody provides renders as nothing.
"""

from collections.abc import Callable

# ``render(intervention, user) -> str``: the selected use cases and coalitions.
RELATED = "related"
# ``render(intervention, user) -> str``: the results panel of an intervention.
INTERVENTION_RESULTS = "intervention-results"
# ``render(action_line, user) -> str``: an action line's indicators with their charts.
ACTION_LINE_RESULTS = "action-line-results"
# ``render(use_case, user) -> str``: a use case's indicators (the use case page asks).
USE_CASE_RESULTS = "use-case-results"

_providers: dict[str, Callable[..., str]] = {}


def provide(name: str, render: Callable[..., str]) -> None:
    """Let ``render`` draw the section ``name`` (the last one provided wins)."""
    _providers[name] = render


def render(name: str, *args) -> str:
    """The section ``name`` rendered, or an empty string when nobody provides it."""
    provider = _providers.get(name)
    return provider(*args) if provider is not None else ""

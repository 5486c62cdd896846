"""The seam through which services tell the features above them what happened.

A service calls ``publish("milestone.done", milestone)`` inside its own
transaction, after the write; whoever listens (the webhooks' outbox,
``corridor.webhooks``) registers with ``subscribe`` in its ``AppConfig.ready``
and writes its own rows in that same transaction, so an event is recorded
exactly when the write commits. Services never import what listens: the
listeners sit on a higher floor. A listener does bookkeeping only, never
business work.
"""

from collections.abc import Callable

Listener = Callable[[str, object, dict], None]

_listeners: list[Listener] = []


def subscribe(listener: Listener) -> Listener:
    """Register ``listener(event_type, instance, data)``; twice registers once."""
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


def publish(event_type: str, instance, **data) -> None:
    """Tell every listener that ``event_type`` happened to ``instance``."""
    for listener in _listeners:
        listener(event_type, instance, data)

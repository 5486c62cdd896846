"""Schemathesis against the live schema, in-process through the WSGI app.

As the Board and as a partner, for every operation: generated valid and
invalid requests never answer 5xx, and every response conforms to the schema
(status code, content type, body). Bounded so it finishes in a few minutes.
"""

import pytest
import schemathesis
from django.core.signals import request_finished
from django.core.signals import request_started
from django.db import close_old_connections
from django.db import transaction
from hypothesis import HealthCheck
from hypothesis import Phase
from hypothesis import given
from hypothesis import settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import content_type_conformance
from schemathesis.specs.openapi.checks import response_schema_conformance
from schemathesis.specs.openapi.checks import status_code_conformance

from corridor.accounts.tokens import create_token
from corridor.wsgi import application

MAX_EXAMPLES = 6
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def wsgi_in_test_transaction():
    """The WSGI handler closes old connections around each request; inside a test
    that would close the test's transaction (Django's test client does the same)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield application
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.parametrize("role", ["board", "partner_a"])
def test_every_operation_survives_generated_requests(role, world, wsgi_in_test_transaction):
    _token, plaintext = create_token(getattr(world, role))
    headers = {"Authorization": f"Bearer {plaintext}"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", wsgi_in_test_transaction)
    failures = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 40

    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @settings(
                max_examples=MAX_EXAMPLES,
                deadline=None,
                database=None,
                derandomize=True,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case):
                with transaction.atomic():
                    response = case.call(headers=headers)
                    transaction.set_rollback(True)
                case.validate_response(response, checks=CHECKS, headers=headers)

            try:
                run()
            except (Exception, BaseExceptionGroup) as exc:  # report all operations at once
                failures.append(f"{operation.label} [{mode.value}]: {exc}"[:2000])
    assert not failures, "\n\n".join(failures)

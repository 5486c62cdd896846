"""Test support shared by the apps: the browser harness for end-to-end tests,
and real Celery worker processes for integration tests."""

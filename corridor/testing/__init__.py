"""Test support shared by the apps: the browser harness for end-to-end tests."""

"""Test wiring: the Frappe test double (only when the real frappe is absent) and the Slack mock."""

import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))

try:
	import frappe  # noqa: F401

	USING_DOUBLE = False
except ImportError:
	sys.path.insert(0, os.path.join(HERE, "doubles"))
	USING_DOUBLE = True

pytest_plugins = ["tests.harness.slack_fixtures", "tests.harness.app_fixtures"]


@pytest.fixture(autouse=True)
def site():
	"""A fresh in-memory Frappe site per test (see tests/doubles/frappe_test_site.py)."""
	if not USING_DOUBLE:
		pytest.skip("real frappe installed: the double's site fixture does not apply")
	from frappe_test_site import reset_site  # noqa: PLC0415 - importable only after the sys.path setup

	yield reset_site()

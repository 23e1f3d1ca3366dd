"""Test wiring for test-suite/: a fresh double site per test (the double itself is put on sys.path by
test-suite/suite_plugin.py, with the Slack mock and app fixtures)."""

import frappe
import pytest

USING_DOUBLE = frappe.__version__.endswith("-double")


@pytest.fixture(autouse=True)
def site():
	"""A fresh in-memory Frappe site per test (see test-suite/doubles/frappe_test_site.py)."""
	if not USING_DOUBLE:
		pytest.skip("real frappe installed: the double's site fixture does not apply")
	from frappe_test_site import reset_site  # noqa: PLC0415 - importable only after the sys.path setup

	yield reset_site()

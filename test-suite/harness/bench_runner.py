"""pytest plugin: the app's package tests (frappe_slack_connector/**/test_*.py) on the double, the
way `bench --site <site> run-tests --app frappe_slack_connector` runs them on a real site.

frappe/test_runner.py (v15) `main`: frappe.init(site) + frappe.connect() (Administrator), then
`frappe.flags.in_test = True`, then unittest runs every FrappeTestCase class. Here each test module
gets a fresh double site set up the same way (test-suite/ keeps its own per-test `site` fixture). The
classes themselves are v15 FrappeTestCase (test-suite/doubles/frappe/tests/utils.py): pytest runs their
setUpClass/class cleanups as unittest would.
"""

from __future__ import annotations

import os

import pytest

PACKAGE = os.path.join(
	os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "frappe_slack_connector"
)


def in_package(path) -> bool:
	return os.path.abspath(str(path)).startswith(PACKAGE + os.sep)


@pytest.fixture(scope="module", autouse=True)
def bench_test_site(request):
	if not in_package(request.node.path):
		yield None
		return
	import frappe  # noqa: PLC0415
	from frappe_test_site import reset_site  # noqa: PLC0415 - on sys.path once test-suite/suite_plugin.py ran

	site = reset_site()
	frappe.set_user("Administrator")
	frappe.flags.in_test = True
	yield site


def pytest_collection_modifyitems(config, items):
	"""A package test module saying `VERSIONS_DIFFER = True` (it cannot import pytest: a bench may
	have none) tests what Frappe v15 and v16 do differently: it gets the `versions` marker, so
	scripts/test runs it in both modes of the double."""
	for item in items:
		module = getattr(item, "module", None)
		if in_package(item.path) and getattr(module, "VERSIONS_DIFFER", False):
			item.add_marker("versions")

"""frappe/tests/__init__.py: version-15 exports no test classes here; version-16 exports
IntegrationTestCase (frappe/tests/classes/integration_test_case.py), the base class of its tests."""

import double_version

if double_version.V16:
	from frappe.tests.utils import IntegrationTestCase  # noqa: F401

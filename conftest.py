"""pytest wiring for the whole checkout: the Frappe v15 test double (only when the real frappe is
absent), the Slack mock and app fixtures, and the bench-runner plugin that runs the app's package
tests (frappe_slack_connector/**/test_*.py) the way `bench run-tests` does."""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

try:
	import frappe  # noqa: F401
except ImportError:
	sys.path.insert(0, os.path.join(HERE, "tests", "doubles"))

pytest_plugins = ["tests.harness.slack_fixtures", "tests.harness.app_fixtures", "tests.harness.bench_runner"]

"""pytest wiring for the whole checkout, loaded by pyproject's `addopts = "-p suite_plugin"` (this
directory is on pytest's `pythonpath`): the Frappe v15 test double (only when the real frappe is
absent), the Slack mock and app fixtures, and the bench-runner plugin that runs the app's package
tests (frappe_slack_connector/**/test_*.py) the way `bench run-tests` does.

A plugin here rather than a conftest.py at the repository root: the editable install puts the root
on a bench's sys.path, where a root `conftest` (or `tests`) module would be importable by every app."""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

try:
	import frappe  # noqa: F401
except ImportError:
	sys.path.insert(0, os.path.join(HERE, "doubles"))

pytest_plugins = ["harness.slack_fixtures", "harness.app_fixtures", "harness.bench_runner"]

"""The app's own tests: what `bench --site <site> run-tests --app frappe_slack_connector` runs on a
real site, and pytest runs on the repository's Frappe double (see utils.py).

They share the repository's test harness (tests/harness: the Slack mock, Slack-built requests, the
bad-input bodies), so the app must be an editable checkout, as `bench get-app` installs it. A bench
can already have another top-level `tests` package on sys.path (plaid-python, an ERPNext
dependency, ships one), so the checkout's own is put first before anything imports it."""

import os
import sys

_CHECKOUT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _checkout_tests_first() -> None:
	loaded = sys.modules.get("tests")
	paths = [os.path.abspath(p) for p in getattr(loaded, "__path__", [])]
	if os.path.join(_CHECKOUT, "tests") in paths:
		return
	if not os.path.isdir(os.path.join(_CHECKOUT, "tests", "harness")):
		raise ImportError(f"the app's tests need the checkout's tests/harness (not found under {_CHECKOUT})")
	sys.path.insert(0, _CHECKOUT)
	for name in [n for n in sys.modules if n == "tests" or n.startswith("tests.")]:
		del sys.modules[name]


_checkout_tests_first()

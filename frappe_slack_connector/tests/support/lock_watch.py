"""Records every Slack call the app makes while its transaction holds a row lock (a locking read,
an update or a delete not yet committed) — other workers could be waiting on that lock. Only the
double knows its locks (`Database._locks_held`), so this runs on the double only. Recorded, not
raised: the app catches unexpected errors and would hide an assert.

Used by the `app` fixture (test-suite/harness/app_fixtures.py) and by the app's package tests
(frappe_slack_connector/tests/utils.py)."""

from __future__ import annotations


class LockWatch:
	def __init__(self) -> None:
		from frappe_slack_connector.slack import client  # noqa: PLC0415 - after the double is on sys.path

		self._client = client
		self._real_call = client.call
		self.under_lock: list[str] = []

	def start(self) -> LockWatch:
		import frappe  # noqa: PLC0415

		watch = self

		def call_checked(slack_client, method, **kwargs):
			db = getattr(frappe.local, "db", None)
			held = db._locks_held() if db is not None else set()
			if held:
				watch.under_lock.append(f"{method} while holding {sorted(held)}")
			return watch._real_call(slack_client, method, **kwargs)

		self._client.call = call_checked
		return self

	def stop(self) -> list[str]:
		self._client.call = self._real_call
		return self.under_lock

"""A Frappe site context of its own, for work that arrives outside a web request (the Socket Mode
client's envelopes): opened and closed around each unit of work, so one bad envelope never
poisons the next.

    with site_context.opened(site, sites_path):
        ...  # the app's logic, as Guest, like a Slack request
    # committed when the block returned, rolled back when it raised; the context is gone

This is what Frappe's own long-running processes do per job (frappe/utils/background_jobs.py v15
`execute_job`: init + connect, set_user, commit or rollback, destroy).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import frappe

GUEST = "Guest"


@contextlib.contextmanager
def opened(site: str, sites_path: str = ".", *, user: str = GUEST) -> Iterator[None]:
	"""A fresh `frappe.local` for `site` connected to its database, as `user` (Guest: Slack sends
	no session, exactly as on the HTTP routes); commit on return, roll back on an exception (which
	propagates), and always close the connection and release the context."""
	# force: a context left behind by a crash must never carry into this unit of work.
	frappe.init(site, sites_path=sites_path, force=True)
	try:
		frappe.connect(set_admin_as_user=False)
		frappe.set_user(user)
		try:
			yield
		except BaseException:
			frappe.db.rollback()
			raise
		frappe.db.commit()
	finally:
		frappe.destroy()

"""A second `slack-socket-mode` process for tests: its own (double) site, configured for Socket
Mode against the given Web API mock, running the app's client until SIGTERM.

    python -m harness.socket_process <slack_api_url> <app_token> <bot_token>

Run with the Frappe double first on PYTHONPATH (test-suite/doubles), from the repository root.
"""

from __future__ import annotations

import logging
import sys


def main(api_url: str, app_token: str, bot_token: str) -> int:
	import frappe  # noqa: PLC0415 - the double, from PYTHONPATH
	from frappe_test_site import reset_site  # noqa: PLC0415

	from frappe_slack_connector.flows import dispatch  # noqa: PLC0415
	from frappe_slack_connector.slack.socket_mode import SocketModeClient  # noqa: PLC0415

	logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
	reset_site(conf={"slack_api_url": api_url})
	settings = frappe.get_single("Slack Settings")
	settings.update(
		{"connection": "Socket Mode", "app_level_token": app_token, "bot_user_oauth_token": bot_token}
	)
	frappe.set_user("Administrator")
	settings.save()
	frappe.db.commit()
	client = SocketModeClient(frappe.local.site, frappe.local.sites_path, handlers=dispatch)
	client.install_signal_handlers()
	return client.run()


if __name__ == "__main__":
	sys.exit(main(*sys.argv[1:4]))

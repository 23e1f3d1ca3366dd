"""Bench commands of the app. Frappe (frappe/utils/bench_helper.py, v15) imports
`<app>.commands` and adds every click command in its `commands` list to `bench`:

    bench --site <site> slack-socket-mode
"""

from __future__ import annotations

import logging
import sys

import click
from frappe.commands import get_site, pass_context


@click.command("slack-socket-mode")
@pass_context
def slack_socket_mode(context):
	"""Connect this site to Slack over Socket Mode and serve slash commands and clicks until
	stopped (SIGTERM / Ctrl-C). For sites Slack cannot reach; needs Slack Settings → Connection
	"Socket Mode" and an App-Level Token. Exit code 2: the configuration must be fixed first."""
	# Imported here: bench imports this module for every command it lists.
	from frappe_slack_connector.flows import dispatch  # noqa: PLC0415
	from frappe_slack_connector.slack.socket_mode import SocketModeClient  # noqa: PLC0415

	site = get_site(context)
	logging.basicConfig(
		level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr
	)
	# The transport is handed the app's dispatch: the same handlers as the HTTP routes.
	client = SocketModeClient(site, sites_path=".", handlers=dispatch)
	client.install_signal_handlers()
	code = client.run()
	if code:
		click.secho("Socket Mode stopped: see the message above for what to fix.", fg="red", err=True)
	sys.exit(code)


commands = [slack_socket_mode]

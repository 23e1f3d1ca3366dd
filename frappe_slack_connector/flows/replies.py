"""Answers several flows give a click: a notice only the clicking user sees, a notice in the
app's DM with them, a modal rebuilt in place (from the request, or from a job when the answer
had to wait for a commit)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from werkzeug.wrappers import Response

from frappe_slack_connector.slack import site as slack_site
from frappe_slack_connector.slack.responses import ack

if TYPE_CHECKING:
	from frappe_slack_connector._core import SlackMessage


def ephemeral(route, message: SlackMessage) -> None:
	"""Show `message` to the clicking user only, in the channel of the clicked message; a click
	on the Home tab has none: the app's DM with them says it."""
	if not route.get("channel_id"):
		dm_notice(route["user_id"], message)
		return
	post_ephemeral(route["channel_id"], route["user_id"], message, path=slack_site.REQUEST)


def post_ephemeral(channel: str, user: str, message: SlackMessage, *, path: str) -> None:
	"""A notice only `user` sees in `channel`; `path`: the request's or a job's Slack client."""
	slack_site.call_or_log(
		"chat.postEphemeral",
		path=path,
		channel=channel,
		user=user,
		log_title="Slack ephemeral message not sent",
		**message,
	)


def dm_notice(slack_user_id: str, message: SlackMessage, *, path: str = slack_site.REQUEST) -> None:
	"""A notice in the app's DM with the user (a Home tab click has no message to answer under)."""
	slack_site.call_or_log(
		"chat.postMessage",
		path=path,
		channel=slack_user_id,
		log_title="Slack notice not sent",
		**message,
	)


def update_open_modal(route, view: dict, *, log_title: str) -> Response:
	"""Rebuild the modal the user has open (a select changed it) in place, and ack the click."""
	slack_site.call_or_log(
		"views.update",
		path=slack_site.REQUEST,
		view_id=route["view_id"],
		hash=route["view_hash"],
		view=view,
		log_title=log_title,
		# The user changed the form meanwhile; their next change updates it again.
		expected_errors={"hash_conflict"},
	)
	return ack()

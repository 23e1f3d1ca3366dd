"""Answers several flows give a click, in the request (a notice only the clicking user sees, a
notice in the app's DM with them, a modal rebuilt in place). An answer that must wait for the
request's commit (a row lock is held) is owed to the outbox by the flow instead (`outbox/owe`)."""

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
	slack_site.call_or_log(
		"chat.postEphemeral",
		path=slack_site.REQUEST,
		channel=route["channel_id"],
		user=route["user_id"],
		log_title="Slack ephemeral message not sent",
		body=message,
	)


def dm_notice(slack_user_id: str, message: SlackMessage) -> None:
	"""A notice in the app's DM with the user (a Home tab click has no message to answer under)."""
	slack_site.call_or_log(
		"chat.postMessage",
		path=slack_site.REQUEST,
		channel=slack_user_id,
		log_title="Slack notice not sent",
		body=message,
	)


def open_modal(trigger_id: str, view: str, *, log_title: str, log_context: str) -> str | None:
	"""Open `view` with the click's or command's trigger (`views.open`, in the request: a trigger
	lives 3 s). None once opened; else Slack's error (logged), for the caller to tell the user."""
	opened = slack_site.call_or_log(
		"views.open",
		path=slack_site.REQUEST,
		trigger_id=trigger_id,
		body=view,
		under="view",
		log_title=log_title,
		log_context=log_context,
	)
	return None if opened.ok else opened.error


def update_open_modal(route, view: str, *, log_title: str) -> Response:
	"""Rebuild the modal the user has open (a select changed it) in place, and ack the click."""
	slack_site.call_or_log(
		"views.update",
		path=slack_site.REQUEST,
		view_id=route["view_id"],
		hash=route["view_hash"],
		body=view,
		under="view",
		log_title=log_title,
		# The user changed the form meanwhile; their next change updates it again.
		expected_errors={"hash_conflict"},
	)
	return ack()

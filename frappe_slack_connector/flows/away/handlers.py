"""The Home tab's "While you are away" buttons (request path, answered within Slack's 3 s):
Show my leave in Slack (a fresh single-use state bound to the Frappe user and the Slack user, and
the consent modal with the link to Slack's authorize page: views.open is the only Slack call),
Stop showing, and the Do Not Disturb choice (both owe what follows and re-publish the tab)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from werkzeug.wrappers import Response

from frappe_slack_connector import core
from frappe_slack_connector.erp import away as erp_away
from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.erp import oauth_state as erp_oauth_state
from frappe_slack_connector.erp import settings as erp_settings
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.flows import words
from frappe_slack_connector.flows.away import jobs
from frappe_slack_connector.flows.home import jobs as home_jobs
from frappe_slack_connector.flows.replies import open_modal
from frappe_slack_connector.slack import site as slack_site
from frappe_slack_connector.slack.responses import ack

if TYPE_CHECKING:
	from frappe_slack_connector._core import AwayRoute


def person_authorize_url(user: str, slack_user_id: str) -> str | None:
	"""Slack's authorize page asking the person (never the workspace) for the user scopes, with a
	fresh state bound to both of them; None when the app has no client id yet."""
	client_id, _secret = erp_settings.client_credentials()
	if not client_id:
		return None
	state = erp_oauth_state.new_oauth_state(user, kind=erp_oauth_state.PERSON, slack_user_id=slack_user_id)
	return slack_site.authorize_url(
		slack_site.api_url(),
		client_id=client_id,
		redirect_uri=core.oauth_redirect_url(erp_settings.site_url()),
		state=state,
		user_scope=",".join(core.USER_SCOPES),
	)


def away_show(route: AwayRoute) -> Response:
	"""Show my leave in Slack: the consent modal."""
	user = erp_users.enabled_user_of_slack_id(route["user_id"])
	if not user:
		return ack()
	url = person_authorize_url(user, route["user_id"])
	if url is None:
		erp_log.log_error(
			"Slack consent not offered: not configured",
			"Slack Settings has no Client ID: a person's consent needs the app's OAuth settings",
		)
		return ack()
	# Logged when Slack refuses: the person clicks again (the Home tab is unchanged).
	open_modal(
		route["trigger_id"],
		core.build_away_consent_modal(url, words=words.away(erp_users.language_of(user))),
		log_title="Slack consent form not opened",
		log_context=f"user {user}",
	)
	return ack()


def away_stop(route: AwayRoute) -> Response:
	"""Stop showing: consent off now; clears and the revoke owed; the tab re-published."""
	user = erp_users.enabled_user_of_slack_id(route["user_id"])
	if user and erp_away.state(user) is not None:
		jobs.withdraw(user)
		home_jobs.republish([user])
	return ack()


def away_dnd(route: AwayRoute) -> Response:
	"""The Do Not Disturb choice: stored, what it changes owed, the tab re-published."""
	user = erp_users.enabled_user_of_slack_id(route["user_id"])
	if user and erp_away.state(user) is not None:
		erp_away.choose_dnd(user, bool(route["dnd"]))
		jobs.reconcile(user)
		home_jobs.republish([user])
	return ack()

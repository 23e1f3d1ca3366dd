""" "Add to Slack": the OAuth v2 install and its callback (which also brings a person back from
allowing "Show my leave in Slack": `flows/away/consent`).

`install` (System Manager) gives Slack's authorize page with a fresh `state` bound to the
installing user: a browser navigation is redirected there, the desk's "Add to Slack" call
(`frappe.call`, Accept: application/json) gets the URL and a refusal as a desk message instead of
a page. Slack sends the browser back to `callback`, which checks the state, exchanges the code
with `oauth.v2.access` and stores the bot token and the workspace in Slack Settings; it answers
with HTML pages (a browser is on the other end), never JSON. The code, the client secret and the
token never appear in a page or a log; the state only in the authorize URL.
"""

from __future__ import annotations

from html import escape

import frappe

from frappe_slack_connector import core
from frappe_slack_connector.erp import desk as erp_desk
from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.erp import oauth_state as erp_oauth_state
from frappe_slack_connector.erp import settings as erp_settings
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.flows.away import consent as away_consent
from frappe_slack_connector.slack import site as slack_site
from frappe_slack_connector.slack.client import SlackCallError

MAX_ECHO_CHARS = 100


def state_problem(problem: str) -> str:
	"""What the admin sees for a rejected state (the log says which one it was), in their language."""
	return {
		"missing": frappe._("The link from Slack has no state parameter."),
		"unknown": frappe._("This install link is unknown or has expired."),
		"expired": frappe._("This install link has expired (they are valid for 10 minutes)."),
		"reused": frappe._("This install link has already been used."),
		"wrong_user": frappe._("This install was started by another user."),
	}[problem]


def authorize_url(api_base_url: str, *, client_id: str, redirect_uri: str, state: str) -> str:
	"""Slack's authorize URL for the workspace install (the bot scopes) on the host of the Web API
	base URL (slack.com, GovSlack, a proxy)."""
	return slack_site.authorize_url(
		api_base_url,
		client_id=client_id,
		redirect_uri=redirect_uri,
		state=state,
		scope=",".join(core.BOT_SCOPES),
	)


def _page(title: str, message: str, *, status: int, success: bool = False) -> None:
	"""An HTML message page; `message` is plain text and is escaped here."""
	frappe.respond_as_web_page(
		title,
		f"<p>{escape(message)}</p>",
		success=success,
		http_status_code=status,
		primary_action=erp_desk.route(erp_settings.SETTINGS_DOCTYPE),
		primary_label=frappe._("Open Slack Settings"),
	)


def _desk_call() -> bool:
	"""The desk's `frappe.call` asks for JSON (frappe/public/js/frappe/request.js sends Accept:
	application/json; frappe/app.py handle_exception answers errors in JSON on the same sign)."""
	return "application/json" in (frappe.request.headers.get("Accept") or "")


def _reject(log_title: str, log_message: str, message: str, *, status: int = 400) -> None:
	"""Error Log (kept although Frappe rolls back GET requests), nothing stored; a failure page, or
	for the desk's call the same message in a desk dialog, so the admin never leaves the form."""
	erp_log.log_error(log_title, log_message, survives_rollback=True)
	title = frappe._("Slack was not connected")
	if _desk_call():
		frappe.throw(message, title=title)
	_page(title, message, status=status)


@frappe.whitelist(methods=["GET"])
def install() -> dict | None:
	"""Slack's OAuth v2 authorize page for the System Manager: a redirect, or for the desk's call
	`{"authorize_url": …}`, which the form then opens."""
	frappe.only_for(erp_users.SYSTEM_MANAGER)
	client_id, client_secret = erp_settings.client_credentials()
	if not client_id or not client_secret:
		_reject(
			"Slack OAuth install: not configured",
			"Client ID or Client Secret is empty in Slack Settings",
			frappe._(
				"Set the Client ID and Client Secret (Slack app → Basic Information) in Slack Settings first."
			),
		)
		return
	try:
		redirect_uri = core.oauth_redirect_url(erp_settings.site_url())
	except core.ManifestError as err:
		_reject(
			f"Slack OAuth install: bad site URL ({err.reason})",
			str(err),
			frappe._("This site's public URL cannot be used by Slack: {0}").format(err),
		)
		return
	state = erp_oauth_state.new_oauth_state(erp_users.session_user())
	url = authorize_url(slack_site.api_url(), client_id=client_id, redirect_uri=redirect_uri, state=state)
	if _desk_call():
		return {"authorize_url": url}
	frappe.local.response["type"] = "redirect"
	frappe.local.response["location"] = url
	return None


@frappe.whitelist(allow_guest=True, methods=["GET"])
def callback(code: str | None = None, state: str | None = None, error: str | None = None) -> None:
	"""Slack's redirect after the install: check `state`, exchange `code`, store the workspace.
	A person's consent to show their leave (a PERSON state) is finished by the away flow."""
	grant, problem = erp_oauth_state.take_oauth_grant(state)
	if grant is not None and grant["kind"] == erp_oauth_state.PERSON:
		status, title, message, success = away_consent.finish(grant, code=code, error=error)
		frappe.respond_as_web_page(
			title, f"<p>{escape(message)}</p>", success=success, http_status_code=status
		)
		return
	user = grant["user"] if grant else None
	if error:
		shown = error[:MAX_ECHO_CHARS]
		if problem:
			shown += f"; state {problem}"
		_reject(
			f"Slack OAuth install cancelled: {error[:MAX_ECHO_CHARS]}",
			f"Slack redirected back with error={shown}",
			frappe._("Slack reported: {0}. Nothing was changed; start again from Slack Settings.").format(
				error[:MAX_ECHO_CHARS]
			),
			status=403 if error == "access_denied" else 400,
		)
		return
	if not problem and user != erp_users.session_user():
		problem = "wrong_user"
	if problem:
		_reject(
			f"Slack OAuth callback rejected: {problem} state",
			f"state {problem}; session user {erp_users.session_user()}",
			state_problem(problem) + " " + frappe._("Start again from Slack Settings → Add to Slack."),
			status=403 if problem == "wrong_user" else 400,
		)
		return
	if not code:
		_reject(
			"Slack OAuth callback rejected: no code",
			"Slack redirected back without a code",
			frappe._("The link from Slack has no authorization code. Start again from Slack Settings."),
		)
		return
	_exchange(code)


def _exchange(code: str) -> None:
	client_id, client_secret = erp_settings.client_credentials()
	if not client_id or not client_secret:
		_reject(
			"Slack OAuth callback: not configured",
			"Client ID or Client Secret is empty in Slack Settings",
			frappe._("Set the Client ID and Client Secret in Slack Settings, then start again."),
		)
		return
	try:
		data = slack_site.exchange_oauth_code(code, client_id=client_id, client_secret=client_secret)
	except SlackCallError as err:
		_reject(
			f"Slack OAuth exchange failed: {err.error}",
			str(err),
			frappe._("Slack refused the installation: {0}. Start again from Slack Settings.").format(
				err.error
			),
			status=502,
		)
		return
	team = data.get("team") or {}
	token = data.get("access_token") or ""
	if data.get("token_type") != "bot" or not token.startswith("xoxb-") or not team.get("id"):
		_reject(
			"Slack OAuth exchange: unexpected answer",
			f"token_type={data.get('token_type')!r}, team id present: {bool(team.get('id'))}",
			frappe._("Slack's answer had no bot token. Check the app's bot scopes and start again."),
			status=502,
		)
		return
	erp_settings.store_workspace(
		bot_token=token,
		team_id=team["id"],
		team_name=team.get("name") or team["id"],
		bot_user_id=data.get("bot_user_id") or "",
	)
	_page(
		frappe._("Slack connected"),
		frappe._("This site is now connected to the Slack workspace {0}.").format(
			team.get("name") or team["id"]
		),
		status=200,
		success=True,
	)

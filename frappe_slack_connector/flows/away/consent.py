"""A person's consent coming back from Slack (`api/oauth.callback` with a PERSON state): no desk
session is needed — the person's browser comes from Slack — because the single-use state proves
who started it, and Slack's `authed_user.id` must be the Slack user the state was made for. The
user token is stored as a Password on their Slack User Meta (never in a page or a log); what their
Slack is owed now is owed at once, and their Home tab re-published."""

from __future__ import annotations

from frappe_slack_connector import core
from frappe_slack_connector.erp import away as erp_away
from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.erp import settings as erp_settings
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.flows import words
from frappe_slack_connector.flows.away import jobs
from frappe_slack_connector.flows.home import jobs as home_jobs
from frappe_slack_connector.slack import site as slack_site
from frappe_slack_connector.slack.client import SlackCallError, call

MAX_ECHO_CHARS = 100


def finish(grant: dict, *, code: str | None, error: str | None) -> tuple[int, str, str, bool]:
	"""(HTTP status, title, message, success) of the page the person's browser shows."""
	user, slack_user_id = grant["user"], grant["slack_user_id"]
	lang = erp_users.language_of(user)

	def page(status: int, outcome: str, log: str | None = None) -> tuple[int, str, str, bool]:
		if log:
			erp_log.log_error(
				f"Slack consent not stored: {outcome}", f"user {user}: {log}", survives_rollback=True
			)
		title, message = words.consent_page(lang, outcome)
		return status, title, message, outcome == "ok"

	if error:
		return page(
			403 if error == "access_denied" else 400, "denied", f"Slack said {error[:MAX_ECHO_CHARS]}"
		)
	if not code:
		return page(400, "failed", "Slack redirected back without a code")
	granted = _exchange(code, slack_user_id)
	if isinstance(granted, tuple):
		return page(*granted)
	token, scopes = granted["token"], granted["scopes"]
	if erp_away.state(user) is None or erp_users.slack_id_of_user(user) != slack_user_id:
		_give_back(token)
		return page(403, "not_linked", f"{user} is no longer linked to {slack_user_id}")
	tz = _tz_of(slack_user_id)  # asked before anything is written: no Slack call under a row lock
	erp_away.store_consent(user, token=token, scopes=scopes)
	erp_away.remember_tz(user, tz)
	jobs.reconcile(user)
	home_jobs.republish([user])
	return page(200, "ok")


def _exchange(code: str, slack_user_id: str) -> dict | tuple[int, str, str]:
	"""`{"token", "scopes"}` Slack grants for `code`, or what the page says instead (status,
	outcome, what the log says); a token that will not be kept is given back at once."""
	client_id, client_secret = erp_settings.client_credentials()
	if not client_id or not client_secret:
		return 400, "failed", "Client ID or Client Secret is empty in Slack Settings"
	try:
		data = slack_site.exchange_oauth_code(code, client_id=client_id, client_secret=client_secret)
	except SlackCallError as err:
		return 502, "failed", f"oauth.v2.access: {err.error}"
	authed = data.get("authed_user") or {}
	token = authed.get("access_token") or ""
	if authed.get("token_type") != "user" or not token.startswith("xoxp-"):
		return 502, "failed", "Slack's answer had no user token"
	if authed.get("id") != slack_user_id:
		_give_back(token)
		return 403, "wrong_user", f"the state was for {slack_user_id}, Slack's answer for {authed.get('id')}"
	scopes = [s.strip() for s in (authed.get("scope") or "").split(",") if s.strip()]
	missing = [s for s in core.REQUIRED_USER_SCOPES if s not in scopes]
	if missing:
		_give_back(token)
		return 403, "missing_scopes", f"not granted: {', '.join(missing)}"
	return {"token": token, "scopes": scopes}


def _give_back(token: str) -> None:
	"""A token that will not be kept is revoked at once, so none stays valid unused."""
	try:
		call(slack_site.person_client(token, path=slack_site.REQUEST), "auth.revoke")
	except SlackCallError as err:
		erp_log.log_error("Slack token not revoked", f"auth.revoke: {err.error}", survives_rollback=True)


def _tz_of(slack_user_id: str) -> str | None:
	"""The person's Slack time zone (users.info), None when Slack does not say."""
	try:
		data = slack_site.call_site("users.info", path=slack_site.REQUEST, user=slack_user_id)
	except SlackCallError:
		return None
	return (data.get("user") or {}).get("tz") or None

"""Slack Settings and the site around it: secrets, site config, the public URL, the workspace."""

from __future__ import annotations

import frappe

from frappe_slack_connector.erp import clock

SETTINGS_DOCTYPE = "Slack Settings"
# Slack Settings fields filled by the OAuth install (read-only in the form).
WORKSPACE_FIELDS = ("slack_team_id", "slack_team_name", "bot_user_id")


def settings():
	"""The Slack Settings single (cached per request by Frappe)."""
	return frappe.get_cached_doc(SETTINGS_DOCTYPE)


def _password(fieldname: str) -> str | None:
	# frappe/model/base_document.py: get_password(raise_exception=False) → None when unset.
	value = settings().get_password(fieldname, raise_exception=False)
	return value.strip() if value and value.strip() else None


def signing_secret() -> str | None:
	return _password("signing_secret")


def bot_token() -> str | None:
	return _password("bot_user_oauth_token")


def app_token() -> str | None:
	"""The App-Level Token (xapp-…, scope connections:write) that opens Socket Mode connections."""
	return _password("app_level_token")


# Slack Settings → Connection: how Slack reaches the app.
HTTP = "Public URL (HTTP)"
SOCKET_MODE = "Socket Mode"


def socket_mode() -> bool:
	"""True when Slack delivers over Socket Mode (`bench --site <site> slack-socket-mode`); a
	never-saved field means the default, HTTP."""
	return (settings().get("connection") or HTTP) == SOCKET_MODE


def client_credentials() -> tuple[str | None, str | None]:
	"""(Client ID, Client Secret) of the Slack app, from Slack Settings."""
	client_id = (settings().get("client_id") or "").strip() or None
	return client_id, _password("client_secret")


def slack_api_url() -> str | None:
	"""Site config `slack_api_url` (GovSlack, proxies, tests); None means Slack's own."""
	return frappe.conf.get("slack_api_url") or None


def site_name() -> str | None:
	"""The site this request or job runs for (one Slack client per site)."""
	return getattr(frappe.local, "site", None)


def site_url() -> str:
	return frappe.utils.get_url()


def workspace() -> frappe._dict:
	"""The connected workspace as stored by the OAuth install (empty values when never installed)."""
	doc = settings()
	return frappe._dict({field: doc.get(field) or None for field in WORKSPACE_FIELDS})


def store_workspace(*, bot_token: str, team_id: str, team_name: str, bot_user_id: str) -> None:
	"""Save the bot token (Password) and the workspace of an OAuth install; kept at the end of
	this request even though it is a GET."""
	doc = frappe.get_single(SETTINGS_DOCTYPE)
	doc.bot_user_oauth_token = bot_token
	doc.slack_team_id = team_id
	doc.slack_team_name = team_name
	doc.bot_user_id = bot_user_id
	# The callback has checked that the session user started the install as a System Manager.
	doc.save(ignore_permissions=True)
	# The OAuth callback is a GET, which Frappe rolls back; flags.commit makes it commit instead,
	# once the request has succeeded (frappe/app.py sync_database).
	frappe.local.flags.commit = True


def record_workspace(*, team_id: str, team_name: str, bot_user_id: str) -> None:
	"""Keep the workspace a working bot token answers for (Test connection), so Connected
	Workspace shows a token pasted by hand too. Written without touching `modified`: a form open
	while the test runs stays saveable, and nothing is written when nothing changed."""
	seen = {"slack_team_id": team_id, "slack_team_name": team_name, "bot_user_id": bot_user_id}
	stored = frappe.db.get_singles_dict(SETTINGS_DOCTYPE)
	changed = {field: value for field, value in seen.items() if value and stored.get(field) != value}
	if changed:
		frappe.db.set_single_value(SETTINGS_DOCTYPE, changed, update_modified=False)


# Slack Settings "Approver Reminders" fields.
REMIND_FIELD = "remind_approvers"
REMIND_AFTER_FIELD = "reminder_after_hours"


def reminder_settings() -> frappe._dict:
	"""Slack Settings "Remind approvers of pending requests" and "after (hours)", as stored now.

	Read from get_singles_dict, not the cached doc or get_single_value: a site migrated from
	before the fields existed has no row for them, and a missing row takes the DocType default
	(off, 24 hours) rather than 0."""
	values = frappe.db.get_singles_dict(SETTINGS_DOCTYPE, cast=True)
	meta = frappe.get_meta(SETTINGS_DOCTYPE)

	def stored(fieldname):
		value = values.get(fieldname)
		return meta.get_field(fieldname).default if value is None else value

	return frappe._dict(
		enabled=bool(frappe.utils.cint(stored(REMIND_FIELD))),
		after_hours=max(frappe.utils.cint(stored(REMIND_AFTER_FIELD)), 0),
	)


def record_user_sync(result: str) -> None:
	"""Keep the last Slack user sync's time and result (the desk message's text) in Slack Settings,
	for an admin who missed the live message. Like the daily jobs' dates, it moves `modified`: a
	form opened before is asked to reload rather than saving its stale copy over the record."""
	frappe.db.set_single_value(
		SETTINGS_DOCTYPE, {"last_user_sync": clock.now(), "last_user_sync_result": result}
	)

"""Slack Settings and the site around it: secrets, site config, the public URL, the workspace."""

from __future__ import annotations

import datetime

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


# --- what each daily job reads (one accessor per concern) ----------------------------------------
#
# Each reads the stored values (`get_singles_dict`), not the cached doc or `get_single_value`: a
# site migrated from before a field existed has no tabSingles row for it, and a missing row takes
# the DocType default rather than 0. `for_update=True` is a locking read: it sees rows other
# workers committed after this transaction started, which a plain read under REPEATABLE READ
# would not (frappe/database/database.py: get_value(for_update) does not lock a Single; this does).

SUMMARY_MENTION_FIELD = "mention_in_summary"
TIMESHEET_MENTION_FIELD = "mention_in_timesheet_reminder"


def _stored(values: dict, fieldname: str):
	"""A stored value, or the DocType default when the site has no row for the field."""
	value = values.get(fieldname)
	if value is None:
		value = frappe.get_meta(SETTINGS_DOCTYPE).get_field(fieldname).default
	return value


def _time_of_day(values: dict, fieldname: str) -> str:
	"""`HH:MM:SS` of a Time field. cast=True gives a timedelta, and 00:00 is `timedelta(0)`,
	which is falsy: only a missing row (never saved) takes the DocType default."""
	value = _stored(values, fieldname)
	delta = frappe.utils.get_timedelta(value)
	if delta is None:
		raise ValueError(f"Slack Settings {fieldname} is not a time: {value!r}")
	seconds = int(delta.total_seconds())
	return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def stored_date(value) -> str | None:
	"""ISO date of a Date field read with cast=True, or None when unset (frappe/utils/data.py
	cast() turns a NULL Date into date(1, 1, 1))."""
	if not value or value == datetime.date(1, 1, 1):
		return None
	return str(value)


def summary_settings(*, for_update: bool = False) -> frappe._dict:
	"""The daily "who is out" summary: on or off, its channel, time and title, and the day (and
	message ts) it was last sent."""
	values = frappe.db.get_singles_dict(SETTINGS_DOCTYPE, for_update=for_update, cast=True)
	return frappe._dict(
		enabled=bool(frappe.utils.cint(values.get("send_attendance_updates"))),
		channel=(values.get("attendance_channel_id") or "").strip(),
		send_time=_time_of_day(values, "attendance_time"),
		title=values.get("leave_notification_subject") or "",
		last_date=stored_date(values.get("last_attendance_date")),
		last_ts=values.get("last_attendance_msg_ts") or None,
	)


def summary_mentions() -> bool:
	""" "Mention people in the daily summary": mentions (`<@U…>`) or plain names in the summary,
	the late-leave note and the Home tab's "who is out"; a never-saved field means on."""
	values = frappe.db.get_singles_dict(SETTINGS_DOCTYPE, cast=True)
	return bool(frappe.utils.cint(_stored(values, SUMMARY_MENTION_FIELD)))


def approver_reminder_settings() -> frappe._dict:
	"""The approvers' daily reminder: on or off (default off), after how many hours an Open
	application is due one (default 24), and its time: the summary's Attendance time. Claimed
	per approver, so no day is stored here (`last_date` None)."""
	values = frappe.db.get_singles_dict(SETTINGS_DOCTYPE, cast=True)
	return frappe._dict(
		enabled=bool(frappe.utils.cint(_stored(values, "remind_approvers"))),
		after_hours=max(frappe.utils.cint(_stored(values, "reminder_after_hours")), 0),
		send_time=_time_of_day(values, "attendance_time"),
		last_date=None,
	)


def timesheet_reminder_settings(*, for_update: bool = False) -> frappe._dict:
	"""The missed-hours reminder: on or off, its time, the departments it covers (all when
	empty), mentions on or off (default on), and the day it was last sent."""
	values = frappe.db.get_singles_dict(SETTINGS_DOCTYPE, for_update=for_update, cast=True)
	departments = frappe.get_all(
		"Slack Timesheet Department",
		filters={
			"parent": SETTINGS_DOCTYPE,
			"parenttype": SETTINGS_DOCTYPE,
			"parentfield": "timesheet_departments",
		},
		pluck="department",
		limit_page_length=0,
	)
	return frappe._dict(
		enabled=bool(frappe.utils.cint(values.get("remind_to_log_time"))),
		send_time=_time_of_day(values, "timesheet_reminder_time"),
		departments=sorted(set(departments)),
		mention=bool(frappe.utils.cint(_stored(values, TIMESHEET_MENTION_FIELD))),
		last_date=stored_date(values.get("last_timesheet_reminder_date")),
	)


def record_user_sync(result: str) -> None:
	"""Keep the last Slack user sync's time and result (the desk message's text) in Slack Settings,
	for an admin who missed the live message. Like the daily jobs' dates, it moves `modified`: a
	form opened before is asked to reload rather than saving its stale copy over the record."""
	frappe.db.set_single_value(
		SETTINGS_DOCTYPE, {"last_user_sync": clock.now(), "last_user_sync_result": result}
	)


HIDE_LEAVE_TYPES_FIELD = "hide_leave_types"


def hide_leave_types() -> bool:
	""" "Hide leave types in shared views": /whoisout says "Out" instead of each leave type; a
	never-saved field means off."""
	values = frappe.db.get_singles_dict(SETTINGS_DOCTYPE, cast=True)
	return bool(frappe.utils.cint(_stored(values, HIDE_LEAVE_TYPES_FIELD)))


def away_status_settings() -> tuple[str, str]:
	""" "While you are away": the status text template (`{date}`; empty: the translated default)
	and emoji Slack Settings give (`:palm_tree:` when never saved)."""
	values = frappe.db.get_singles_dict(SETTINGS_DOCTYPE, cast=True)
	text = (values.get("away_status_text") or "").strip()
	emoji = (_stored(values, "away_status_emoji") or "").strip()
	return text, emoji

"""Sync Slack users: link every Slack account to the enabled Frappe user with the same e-mail.

Runs on the long queue, from the "Sync Slack users" button and weekly from the scheduler.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from frappe import _

from frappe_slack_connector.erp import away as erp_away
from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.erp import settings as erp_settings
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.slack import site as slack_site
from frappe_slack_connector.slack.client import SlackCallError

PAGE_SIZE = 200
# A workspace of 200 000 members; stops a cursor that never ends.
MAX_PAGES = 1000
SLACKBOT_ID = "USLACKBOT"
MAX_CONFLICTS_LOGGED = 50
JOB_ID = "frappe_slack_connector::sync_slack_users"


def members() -> Iterator[dict[str, Any]]:
	"""Every workspace member, following `users.list`'s cursor."""
	cursor = ""
	for _page in range(MAX_PAGES):
		data = slack_site.call_site("users.list", path=slack_site.JOB, limit=PAGE_SIZE, cursor=cursor or None)
		yield from data.get("members") or []
		next_cursor = (data.get("response_metadata") or {}).get("next_cursor") or ""
		if not next_cursor or next_cursor == cursor:
			return
		cursor = next_cursor
	raise SlackCallError("users.list", "too_many_pages", detail=f"stopped after {MAX_PAGES} pages")


def _email(member: dict[str, Any]) -> str | None:
	"""The member's e-mail if it is a person we may link: not a bot, not deleted, has an e-mail."""
	if member.get("deleted") or member.get("is_bot") or member.get("id") == SLACKBOT_ID:
		return None
	email = ((member.get("profile") or {}).get("email") or "").strip().lower()
	return email or None


def _summary(counts: dict[str, int], lang: str | None = None) -> str:
	"""The counts as a line: English for the logs, or the desk message in `lang`."""
	if lang is None:
		return ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in counts.items())
	labels = {
		"linked": _("linked", lang=lang),
		"already_linked": _("already linked", lang=lang),
		"slack_only": _("only in Slack", lang=lang),
		"employees_without_slack": _("employees without Slack", lang=lang),
		"conflicts": _("conflicts", lang=lang),
		"skipped": _("skipped", lang=lang),
	}
	return ", ".join(f"{labels[k]}: {v}" for k, v in counts.items())


def _report(notify_user: str | None, message: str, indicator: str) -> None:
	"""The result as a live desk message for who pressed the button, and kept in Slack Settings."""
	erp_settings.record_user_sync(message)
	erp_log.notify(notify_user, message, indicator=indicator)


def sync_users(notify_user: str | None = None) -> dict[str, Any]:
	"""Link Slack accounts to Frappe users by e-mail; return (and log) the counts.

	Counts: `linked` (new or changed links), `already_linked`, `slack_only` (people in Slack with
	no enabled Frappe user), `employees_without_slack` (Active Employees' users with no link
	after the sync), `conflicts` (a Slack ID already linked to another user, or two Slack accounts
	matching one user: reported, never overwritten), `skipped` (bots, deleted, no e-mail).
	"""
	# A job runs in the site's configured language, not the user's: the desk message is written
	# in the language of the person who pressed the button.
	lang = erp_users.language_of(notify_user)
	by_email = erp_users.enabled_users_by_email()
	counts = dict.fromkeys(
		("linked", "already_linked", "slack_only", "employees_without_slack", "conflicts", "skipped"), 0
	)
	conflicts: list[str] = []
	matched: dict[str, str] = {}
	try:
		for member in members():
			email = _email(member)
			if not email:
				counts["skipped"] += 1
				continue
			user = by_email.get(email)
			if not user:
				counts["slack_only"] += 1
				continue
			slack_id = member["id"]
			if user in matched and matched[user] != slack_id:
				counts["conflicts"] += 1
				conflicts.append(f"{user}: matches Slack users {matched[user]} and {slack_id}")
				continue
			matched[user] = slack_id
			result = erp_users.link_slack_user(user, slack_id, member.get("name"))
			if result == "conflict":
				counts["conflicts"] += 1
				conflicts.append(
					f"{slack_id} ({email}) is linked to {erp_users.user_of_slack_id(slack_id)}, not {user}"
				)
			else:
				counts[result] += 1
				# Their Slack time zone: their leave starts and ends at their own midnight.
				erp_away.remember_tz(user, member.get("tz"))
	except SlackCallError as err:
		# The job ends normally, so the worker commits this log with the links made so far.
		erp_log.log_error(f"Slack user sync failed: {err.method} {err.error}", str(err))
		_report(notify_user, _("Slack user sync failed: {0}", lang=lang).format(err.error), "red")
		return {"ok": False, "error": err.error, **counts}
	linked = erp_users.linked_users()
	counts["employees_without_slack"] = sum(1 for u in erp_users.active_employee_users() if u not in linked)
	summary = _summary(counts)
	if conflicts:
		shown = conflicts[:MAX_CONFLICTS_LOGGED]
		more = len(conflicts) - len(shown)
		erp_log.log_error(
			f"Slack user sync: {len(conflicts)} conflict(s)",
			"\n".join(shown) + (f"\n… and {more} more" if more > 0 else "") + f"\n\n{summary}",
		)
	erp_log.log_info(f"Slack user sync: {summary}")
	_report(
		notify_user,
		_("Slack user sync finished. {0}", lang=lang).format(_summary(counts, lang)),
		"orange" if conflicts else "green",
	)
	return {"ok": True, **counts, "conflict_details": conflicts}

"""Digests: each `Slack Digest` rule tells its channel who of its scope is out over its horizon
(today, the next working day, the rest of this week, next week), with the scope's holidays and
the birthdays and work anniversaries of its people.

Every rule is a `DailyJob` of the one daily-job helper (`flows/daily.py`): the gate (enabled, a
working day of the scope, its time reached, a weekly rule from its weekday on, not yet claimed
this period), then the period claimed on the rule's row (a locking read of the row, then its
`last_period` set to the period's last day) and the post owed to the outbox in the same
transaction. Two workers ticking at once: the second waits for the row and sees it claimed.

What the post says is computed in the Rust core (`core.digest_days`, `core.build_digest`,
`core.celebrations_due`, `core.holidays_to_announce`); this module gathers the rows through the
ERP adapter. Slack Settings' attendance summary is the first rule (`summary.py` posts it, with
this module's options when the patch has created its rule).
"""

from __future__ import annotations

import datetime
import json

from frappe_slack_connector import core
from frappe_slack_connector.erp import attendance as erp_attendance
from frappe_slack_connector.erp import daily as erp_daily
from frappe_slack_connector.erp import deliveries as erp_deliveries
from frappe_slack_connector.erp import desk as erp_desk
from frappe_slack_connector.erp import digests as erp_digests
from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.flows import daily, words
from frappe_slack_connector.outbox import owe

# How far ahead the scope's days off are looked up: past a long holiday, "tomorrow" still finds
# the next working day, and next week ends at most 13 days from today.
DAYS_OFF_AHEAD = 21
# The days whose holidays may be announced (a weekly post's week, the days up to the next working day).
HOLIDAYS_AHEAD = 14
NOT_THIS_WEEKDAY = "not_this_weekday"


def _day(value) -> datetime.date:
	return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


def _employees(settings) -> list[str] | None:
	"""The rule's scope, looked up once per read of the rule (the gate's day-off questions share it)."""
	if "employees" not in settings:
		settings["employees"] = erp_digests.scope_employees(settings)
	return settings["employees"]


def period_end(day: datetime.date, settings) -> datetime.date:
	"""The last day of the period a post on `day` covers for its claim: a weekly rule claims its
	week (through Sunday), the others the day."""
	if settings.horizon in erp_digests.WEEKLY:
		return day + datetime.timedelta(days=6 - day.weekday())
	return day


def _waits(day: datetime.date, settings) -> str | None:
	"""A weekly rule posts from its weekday on (the first working day of the week from it)."""
	if settings.weekday is not None and day.weekday() < settings.weekday:
		return NOT_THIS_WEEKDAY
	return None


def day_off(day: datetime.date, settings) -> bool:
	"""A day off for the rule's scope (nobody of it works): no post."""
	return erp_digests.is_day_off(day, _employees(settings))


def _has_channel(settings) -> str | None:
	if settings.channel:
		return None
	erp_log.log_error(f"Digest {settings.name} not sent: no channel", "The Slack Digest has no channel.")
	return "no_channel"


def _read(rule: str):
	def read_settings(for_update: bool = False):
		found = erp_digests.rule_settings(rule, for_update=for_update)
		# Deleted since the tick listed it: nothing is due.
		return found or erp_digests.rule_settings_missing(rule)

	return read_settings


class TickRows:
	"""The leave rows of one tick (today to the last day any horizon may reach), read when the
	first rule is due and shared by the others: converted for the core once (`core.DigestRows`),
	not once per rule."""

	def __init__(self):
		self._rows = None

	def of(self, today: datetime.date):
		if self._rows is None:
			ahead = today + datetime.timedelta(days=DAYS_OFF_AHEAD)
			self._rows = core.DigestRows(erp_attendance.absences_between(today, ahead))
		return self._rows


def job_for(rule: str, rows: TickRows | None = None) -> daily.DailyJob:
	"""The daily job of digest rule `rule` (sharing the tick's `rows` when given)."""
	return daily.DailyJob(
		read_settings=_read(rule),
		send=lambda today, settings: send_digest(today, settings, rows=rows),
		day_mark=erp_daily.digest_mark(rule),
		precondition=_has_channel,
		day_off=day_off,
		waits=_waits,
		period_end=period_end,
	)


def run_due() -> dict:
	"""Every enabled rule whose post is due, each through the daily-job helper: `{rule: result}`.
	A rule that fails is rolled back (its claim with it, so the next tick tries again) and
	logged; the other rules still go."""
	results = {}
	rows = TickRows()
	for rule in erp_digests.scheduled_rules():
		try:
			results[rule] = daily.run_if_due(job_for(rule, rows))
		except Exception:
			erp_log.roll_back_and_log_exception(f"Digest {rule} not sent")
			results[rule] = {"sent": False, "reason": "error"}
	return results


def _digest_key(rule: str, period) -> str:
	return f"digest:{rule}:{period}"


def delivery_of(rule: str, period) -> str | None:
	"""The delivery of the rule's post for the period claimed through `period`; None if not owed."""
	return erp_deliveries.latest_with_key(_digest_key(rule, period))


def send_digest(today: datetime.date, settings, *, rows: TickRows | None = None) -> dict:
	"""Owe the rule's post (its ts kept on the rule once delivered), the rest threaded under it,
	and the celebrations announced through the day they cover, in the claim's transaction."""
	built = build(today, settings, rows=rows)
	messages = built["messages"]
	period = period_end(today, settings)
	first = owe.post(
		messages[0],
		channel=settings.channel,
		record=owe.Record.digest_sent(
			settings.name, str(period), previous=settings.last_date, celebrated=celebrated(settings, built)
		),
		coalesce_key=_digest_key(settings.name, period),
		what="Digest",
	)
	for message in messages[1:]:
		owe.post(message, channel=settings.channel, thread_of=first, what="Digest continuation")
	if built["celebrated_through"]:
		erp_digests.record_celebrated(settings.name, built["celebrated_through"])
	return {"sent": True, "delivery": first, "messages": len(messages)}


def celebrated(settings, built: dict) -> dict | None:
	"""What a post's record keeps to give the celebrations back if Slack never gets it."""
	if not (settings.name and built["celebrated_through"]):
		return None
	return {"rule": settings.name, "through": built["celebrated_through"], "before": settings.last_celebrated}


def _celebrations(today: datetime.date, days: list[str], settings, employees) -> tuple[list, str | None]:
	"""The birthdays and anniversaries due since the last day celebrated (a day missed — the
	site down, a holiday — comes with the next post, once; at most `CATCH_UP_DAYS` back) through
	the last day the post covers. Returns (celebrations, the day they run through)."""
	if not (settings.birthdays or settings.anniversaries):
		return [], None
	earliest = today - datetime.timedelta(days=erp_digests.CATCH_UP_DAYS)
	start = today
	if settings.last_celebrated:
		start = max(_day(settings.last_celebrated) + datetime.timedelta(days=1), earliest)
	end = max([today, *(_day(day) for day in days)])
	if start > end:
		return [], None
	wanted = {"birthday"} if settings.birthdays else set()
	if settings.anniversaries:
		wanted.add("anniversary")
	due = core.celebrations_due(
		erp_digests.celebration_people(employees), from_day=str(start), to_day=str(end)
	)
	return [c for c in due if c["kind"] in wanted], str(end)


def build(today: datetime.date, settings, *, rows: TickRows | None = None) -> dict:
	"""The rule's messages for `today` and the day its celebrations run through."""
	employees = _employees(settings)
	# "Today" needs today's answer only; the others look ahead past any holiday.
	ahead = 0 if settings.horizon == "today" else DAYS_OFF_AHEAD
	off = erp_digests.days_off(today, today + datetime.timedelta(days=ahead), employees)
	days = core.digest_days(settings.horizon, str(today), off)
	holidays = (
		core.holidays_to_announce(
			settings.horizon,
			str(today),
			erp_digests.holidays_between(today, today + datetime.timedelta(days=HOLIDAYS_AHEAD), employees),
		)
		if settings.announce_holidays
		else []
	)
	celebrations, celebrated_through = _celebrations(today, days, settings, employees)
	lang = erp_users.language_of(None)
	title = words.summary_title(lang, settings.title)
	if (
		settings.horizon == "today"
		and employees is None
		and settings.include_open
		and not (holidays or celebrations)
	):
		# The plain daily summary — what `build_digest` renders for it — from the day's rows alone
		# (three queries; no leave types or statuses needed).
		messages = core.build_attendance_summary(
			erp_attendance.absences_on(today),
			today=str(today),
			title=title,
			words=words.summary(lang),
			mention=settings.mention,
		)
		return {"messages": messages, "celebrated_through": celebrated_through}
	if rows is not None:
		leaves = rows.of(today)
	else:
		# Sent by hand on a day off, "today" still tells who is out today.
		leaves = erp_attendance.absences_between(days[0] if days else today, days[-1] if days else today)
	messages = core.build_digest(
		leaves,
		horizon=settings.horizon,
		today=str(today),
		days=days,
		employees=employees,
		include_open=settings.include_open,
		mention=settings.mention,
		hide_types=settings.hide_types,
		holidays=holidays,
		celebrations=celebrations,
		title=title,
		report_url=erp_desk.list_url("Leave Application"),
		words=words.digest(lang),
	)
	return {"messages": messages, "celebrated_through": celebrated_through}


def preview(rule: str, today: datetime.date) -> dict:
	"""What the rule (not Slack Settings' summary: `summary.dry_run`) would post `today`, as Slack renders it (Markdown) and as JSON; nothing is
	claimed, owed or recorded."""
	settings = erp_digests.rule_settings(rule)
	messages = build(today, settings)["messages"]
	markdown = "\n\n".join(core.render_markdown(m) for m in messages)
	return {"channel": settings.channel, "markdown": markdown, "messages": [json.loads(m) for m in messages]}


def send_now(rule: str, today: datetime.date) -> dict:
	"""The debugging path (not for Slack Settings' summary: `daily.send_now(summary.DAILY, …)`): the rule's post of `today` owed now, whatever the gate says (its
	period claimed all the same)."""
	return daily.send_now(job_for(rule), today)

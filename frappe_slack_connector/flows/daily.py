"""The one daily-job helper: every job sent once per working day (the attendance summary, the
approvers' reminders, the timesheet reminders) runs the same skeleton, on every scheduler tick
(`all`, 4 min) from every worker:

1. the working-morning gate (`working_morning_gate`): enabled, a working day of the default
   company, the job's time reached, not yet sent;
2. the claim, decided atomically: a day claimed in Slack Settings (`erp/daily.py`: a file lock,
   then a locking read of the Single), or, for a job whose `day_mark` is None, one claim per
   recipient taken by its `send` (unique claim rows);
3. the send: the job owes its messages to the outbox (`outbox/owe.py`) in the claim's
   transaction, and both commit together — a claimed day always has its messages owed, and the
   outbox retries what Slack does not take, so a day is never given back nor sent twice.

`send_now` is the debugging path (`bench execute …`): the same claim, whatever the gate says.

A digest rule (`flows/attendance/digests.py`) is a DailyJob too, one per rule: its days off are
its scope's (`day_off`), a weekly rule waits for its weekday (`waits`) and claims its whole week
(`period_end`: the day marked is the period's last, so the gate's "claimed through today or
later" means "already sent this period").

A new daily job: its settings accessor in `erp/settings.py`, its `DayMark` in `erp/daily.py`
(or per-recipient claims), a `DailyJob` in its flow, an entry point in `tasks/daily.py` and a
line in hooks.py `scheduler_events`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from frappe_slack_connector import core
from frappe_slack_connector.erp import clock as erp_clock
from frappe_slack_connector.erp import daily as erp_daily
from frappe_slack_connector.erp import holidays as erp_holidays

# What `core.should_send_attendance` says when the gate is open.
GATE_OPEN = "ok"


def _always_ready(settings) -> str | None:
	return None


def _sent_or_not(reason: str, sent: dict | None) -> dict:
	return sent if sent is not None else {"sent": False, "reason": reason}


def _company_day_off(day: datetime.date, settings) -> bool:
	return not erp_holidays.is_working_day(day)


def _never_waits(day: datetime.date, settings) -> str | None:
	return None


def _the_day_itself(day: datetime.date, settings) -> datetime.date:
	return day


@dataclass(frozen=True)
class DailyJob:
	"""One job sent once per working day.

	`read_settings(for_update=False)`: its settings as stored now, with `enabled`, `send_time`
	(`HH:MM:SS`) and `last_date` (the day claimed last, None when claimed per recipient).
	`send(today, settings)`: the work, once the day is claimed (owing, in the claim's transaction);
	what it returns is the result.
	`day_mark`: where the day is claimed (None: `send` claims per recipient).
	`precondition(settings)`: why the day cannot be claimed now (logged by it), else None.
	`report(reason, sent)`: the job's result from the gate's reason and what `send` returned
	(None: nothing was sent).
	`day_off(day, settings)`: whether `day` is off for the job (the default company's days off).
	`waits(day, settings)`: why an enabled job is not due on `day` whatever the time (a weekly
	rule before its weekday), else None.
	`period_end(day, settings)`: the last day of the period a claim on `day` takes (the day
	itself; a weekly rule's Sunday)."""

	read_settings: Callable[..., Any]
	send: Callable[[datetime.date, Any], dict]
	day_mark: erp_daily.DayMark | None = None
	precondition: Callable[[Any], str | None] = _always_ready
	report: Callable[[str, dict | None], dict] = _sent_or_not
	day_off: Callable[[datetime.date, Any], bool] = _company_day_off
	waits: Callable[[datetime.date, Any], str | None] = _never_waits
	period_end: Callable[[datetime.date, Any], datetime.date] = _the_day_itself


def working_morning_gate(now, *, enabled, send_time, last_sent, day_off=None) -> tuple[bool, str]:
	"""The gate of every once-per-working-day job: enabled, a working day (of the default
	company, or as `day_off(day)` says), from `send_time` on, not yet sent (`last_sent`, or None
	when the job claims per recipient). Returns (due, reason)."""
	# Holiday lookups only matter when the rest of the gate could pass.
	is_off = day_off or (lambda day: not erp_holidays.is_working_day(day))
	is_holiday = enabled and is_off(now.date())
	return core.should_send_attendance(
		now=now.isoformat(),
		enabled=enabled,
		send_time=send_time,
		is_holiday=is_holiday,
		last_sent=last_sent,
	)


def run_if_due(job: DailyJob) -> dict:
	"""Send today's batch if it is due; safe to run on every tick from every worker."""
	now = erp_clock.now()
	settings = job.read_settings()
	waiting = settings.enabled and job.waits(now.date(), settings)
	if waiting:
		return job.report(waiting, None)
	due, reason = working_morning_gate(
		now,
		enabled=settings.enabled,
		send_time=settings.send_time,
		last_sent=settings.last_date,
		day_off=lambda day: job.day_off(day, settings),
	)
	if not due:
		return job.report(reason, None)
	return _claim_then_send(job, now.date(), reason, settings, skip_if_sent=True)


def send_now(job: DailyJob, today: datetime.date) -> dict:
	"""Send `today`'s batch now, whatever the gate says; the day is claimed all the same."""
	return _claim_then_send(job, today, GATE_OPEN, None, skip_if_sent=False)


def _claim_then_send(job: DailyJob, today, reason: str, settings, *, skip_if_sent: bool) -> dict:
	if job.day_mark is None:
		# Claimed per recipient by the send itself.
		return job.report(reason, job.send(today, settings or job.read_settings()))
	with erp_daily.exclusive(job.day_mark):
		# Another worker may have sent it while we waited for the lock: re-read with a locking read.
		settings = job.read_settings(for_update=True)
		if skip_if_sent and settings.last_date and settings.last_date >= str(today):
			return job.report("already_sent", None)
		refused = job.precondition(settings)
		if refused:
			return job.report(refused, None)
		erp_daily.claim_day(job.day_mark, job.period_end(today, settings))
		sent = job.send(today, settings)
		erp_daily.commit_claim()
	return job.report(reason, sent)

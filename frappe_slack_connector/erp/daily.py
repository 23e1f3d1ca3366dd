"""The day a once-a-day batch (the attendance summary, the timesheet reminders) was claimed: a
Date field of Slack Settings, decided under a file lock (one bench, any worker) and a locking
read of the Single (workers on other benches), and committed with the messages it owes.

    with daily.exclusive(daily.SUMMARY):
        settings = erp_settings.summary_settings(for_update=True)   # the locking read
        ...                                                          # not sent today yet?
        daily.claim_day(daily.SUMMARY, today)                        # the day taken
        ...                                                          # the batch owed
        daily.commit_claim()                                         # together: the lock ends

`flows/daily.py` runs that skeleton for every daily job (the batch is owed to the outbox between
the claim and its commit); jobs that claim per recipient (the
approvers' reminders, `erp/reminders.py`) use unique claim rows instead.

A digest rule (`Slack Digest`) marks its period on its own row (`digest_mark`): the same
skeleton, the locking read being the rule's row (`erp/digests.rule_settings(for_update=True)`),
and the date marked the period's last day (a weekly rule's Sunday), so "claimed through a day on
or after today" means "already sent this period" for daily and weekly rules alike.
"""

from __future__ import annotations

from dataclasses import dataclass

import frappe
from frappe.utils.synchronization import filelock

from frappe_slack_connector.erp.settings import SETTINGS_DOCTYPE, stored_date


@dataclass(frozen=True)
class DayMark:
	"""Where a daily batch marks its day in Slack Settings: `date_field`, and `ts_field` when the
	batch is one message whose ts is kept ("" while claimed and not yet posted)."""

	lock: str
	date_field: str
	ts_field: str | None = None
	# A row of `doctype` holding the mark (a digest rule); None: Slack Settings.
	doctype: str = SETTINGS_DOCTYPE
	name: str | None = None

	def read(self) -> dict:
		"""The mark's stored values, a locking read (the Single, or the rule's row)."""
		if self.name is None:
			return frappe.db.get_singles_dict(self.doctype, for_update=True, cast=True)
		fields = [self.date_field, *([self.ts_field] if self.ts_field else [])]
		return frappe.db.get_value(self.doctype, self.name, fields, as_dict=True, for_update=True) or {}

	def write(self, values: dict) -> None:
		if self.name is None:
			frappe.db.set_single_value(self.doctype, values)
		else:
			frappe.db.set_value(self.doctype, self.name, values, update_modified=False)


SUMMARY = DayMark(
	"frappe_slack_connector_attendance_summary", "last_attendance_date", "last_attendance_msg_ts"
)
TIMESHEET_REMINDERS = DayMark("frappe_slack_connector_timesheet_reminder", "last_timesheet_reminder_date")
DIGEST_DOCTYPE = "Slack Digest"


def digest_mark(rule: str) -> DayMark:
	"""Where the digest rule `rule` marks the period it claimed (its last day) and its post's ts."""
	return DayMark(
		f"frappe_slack_connector_digest_{frappe.scrub(rule)}",
		"last_period",
		"last_post_ts",
		doctype=DIGEST_DOCTYPE,
		name=rule,
	)


def exclusive(mark: DayMark):
	"""Exclusive section for deciding whether today's batch is ours to send (one bench, any
	worker; the locking read of Slack Settings orders workers across benches)."""
	return filelock(mark.lock, timeout=60)


def claim_day(mark: DayMark, day) -> None:
	"""Mark `day` as taken (its ts "" until the outbox delivers the message), not committed: the
	caller owes the batch in the same transaction, then `commit_claim` ends the locking read of
	Slack Settings, and every other worker sees the day as taken."""
	values = {mark.date_field: str(day)}
	if mark.ts_field:
		values[mark.ts_field] = ""
	mark.write(values)


def commit_claim() -> None:
	"""Commit the day's claim with everything its batch owes."""
	frappe.db.commit()


def record_ts(mark: DayMark, day, ts: str) -> None:
	"""The batch of `day` is out (its message delivered by the outbox): keep its ts, if `day` is
	still the day marked (a later day's claim is never undone). Not committed."""
	values = mark.read()
	if mark.ts_field and stored_date(values.get(mark.date_field)) == str(day):
		mark.write({mark.ts_field: ts})


def release_day(mark: DayMark, day, previous: str | None) -> None:
	"""Slack certainly posted nothing of `day`'s batch: give the day back (the last date sent
	before the claim), so the next tick tries again. Only while the claim is still ours (no ts).
	Not committed."""
	values = mark.read()
	still_ours = stored_date(values.get(mark.date_field)) == str(day)
	if still_ours and not (mark.ts_field and values.get(mark.ts_field)):
		restored = {mark.date_field: previous}
		if mark.ts_field:
			restored[mark.ts_field] = None
		mark.write(restored)

"""What a person's Slack is owed while they are away, and when it is reconciled.

Reconciling one person: lock their Slack User Meta row, compute what their Slack should show now
(`core.away_status_now`: their approved leaves, days off between them, their time zone), compare
it with what was last OWED (kept on the row), owe the difference through the outbox in their own
sequence (`outbox/owe.set_status` … `end_snooze`) and store it. Two workers reconciling at once
take turns on the row: the second finds the first's debt and owes nothing. The outbox delivers
(with the person's token, reading their status first: theirs is left alone).

Called from Leave Application events (approved submit, cancel, a change after submit, delete),
from consent given or withdrawn and the Do Not Disturb choice, and hourly for everyone who
consented (`sweep`): a leave starts and ends at each person's own local midnight, which a daily
job at the site's morning would miss by up to a day for people in other time zones.
"""

from __future__ import annotations

from frappe_slack_connector import core
from frappe_slack_connector.erp import away as erp_away
from frappe_slack_connector.erp import clock
from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.erp import settings as erp_settings
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.flows import words
from frappe_slack_connector.flows.home import jobs as home_jobs
from frappe_slack_connector.outbox import owe

JOBS = __name__


def wanted_now(user: str, state, now: int) -> dict | None:
	"""What the person's Slack should show now: `{"text", "emoji", "expiration", "snooze"}`
	(`snooze` the minutes of Do Not Disturb, 0 when not chosen) plus the body, or None."""
	if not state.consent:
		return None
	leaves, non_working = erp_away.approved_leaves(user)
	if not leaves:
		return None
	text, emoji = erp_settings.away_status_settings()
	found = core.away_status_now(
		{
			"leaves": leaves,
			"non_working": non_working,
			"tz": state.tz or erp_away.site_tz(),
			"now": now,
		},
		words=words.away_status(erp_users.language_of(user), text, emoji),
	)
	if found is None:
		return None
	snooze = found["snooze_minutes"] if state.dnd and erp_away.DND_SCOPE in state.scopes else 0
	return {**found, "snooze": snooze}


def reconcile(user: str) -> None:
	"""Owe what `user`'s Slack lacks now, in this transaction (see the module)."""
	state = erp_away.state(user, for_update=True)
	if state is None:
		return
	now = int(clock.epoch_seconds(clock.now()))
	wanted = wanted_now(user, state, now)
	owed = state.owed or {}
	status = {k: wanted[k] for k in ("text", "emoji", "expiration")} if wanted else None
	snooze_until = wanted["expiration"] if wanted and wanted["snooze"] else None
	# What ran to its end has ended in Slack too (the status expired, the snooze ran out):
	# nothing to clear.
	owed_status = owed.get("status")
	if owed_status and not status and owed_status["expiration"] <= now:
		owed_status = None
	owed_snooze = owed.get("snooze_until")
	if owed_snooze and not snooze_until and owed_snooze <= now:
		owed_snooze = None
	if status != owed_status:
		if status:
			owe.set_status(wanted["body"], user=user)
		else:
			owe.clear_status(user=user)
	if snooze_until != owed_snooze:
		if snooze_until:
			owe.snooze(wanted["snooze"], user=user)
		else:
			owe.end_snooze(user=user)
	new = {"status": status, "snooze_until": snooze_until} if (status or snooze_until) else None
	if new != (state.owed or None):
		erp_away.store_owed(user, new)


def reconcile_for_leave(doc) -> None:
	"""A Leave Application changed (any way): its person's Slack, when they consented."""
	user = erp_users.employee_user(doc.employee) if doc.employee else None
	if not user:
		return
	state = erp_away.state(user)
	if state is None or not (state.consent or state.owed):
		return
	reconcile(user)


def withdraw(user: str) -> None:
	"""Stop showing: consent off at once, then in the person's sequence: clear what is ours (the
	relay checks it still is), end our snooze, revoke the token (erased once delivered)."""
	erp_away.withdraw_consent(user)
	reconcile(user)
	owe.revoke_consent(user=user)


def sweep() -> None:
	"""Hourly: reconcile everyone who consented or is still owed a clear, each in their own
	transaction so one failure holds back nobody else."""
	for user in erp_away.consenting_users():
		try:
			reconcile(user)
			erp_away.commit()
		except Exception:
			erp_log.roll_back_and_log_exception(f"Slack status not reconciled for {user}")


def after_consent_lost(user: str) -> None:
	"""Slack said the person's token no longer works (the relay erased it): their tab says so."""
	home_jobs.republish([user])

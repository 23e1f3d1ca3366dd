"""What a delivered post records: data kept on its Slack Delivery row (`Record`), applied once
when the delivery is owed (`on_owed`) and once when Slack has the message or the outbox gives up
(`on_delivered`, `on_failed`).

    post(message, to_user=approver, about=("Leave Application", name),
         record=Record.slack_message(slack_messages.APPROVAL_REQUEST, approver))

A Record is data, not code: its `kind` picks one of the functions below, so a row owed by an
older version of the app is still understood by a newer relay.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from frappe_slack_connector import core
from frappe_slack_connector.erp import daily as erp_daily
from frappe_slack_connector.erp import deliveries, slack_messages
from frappe_slack_connector.erp import digests as erp_digests
from frappe_slack_connector.erp import reminders as erp_reminders

SLACK_MESSAGE = "slack_message"
REMINDER_LISTED = "reminder_listed"
SUMMARY_SENT = "summary_sent"
DIGEST_SENT = "digest_sent"


@dataclass(frozen=True)
class Record:
	kind: str
	args: dict[str, Any] = field(default_factory=dict)

	@classmethod
	def slack_message(
		cls, purpose: str, recipient: str | None, *, outcome_notice: dict | None = None
	) -> Record:
		"""A Slack Message row about the delivery's document (`about`), listed by
		`slack_messages.following` from the moment it is owed; channel and ts once delivered.
		`outcome_notice`: whoever asked for it learns how it went, an ephemeral in `channel` to
		`user` — `delivered` once Slack has it, `failed` when it is not sent (the built messages'
		JSON text): `{"channel", "user", "delivered", "failed"}`."""
		args = {"purpose": purpose, "recipient": recipient}
		if outcome_notice:
			args["outcome_notice"] = outcome_notice
		return cls(SLACK_MESSAGE, args)

	@classmethod
	def reminder_listed(cls, names: list[str], approver: str, *, claim: str | None = None) -> Record:
		"""An approver's reminder listing the Leave Applications `names`: a Slack Message row under
		each; `claim` (the `erp/reminders` claim key) is marked Sent or Not Sent by the outcome."""
		return cls(REMINDER_LISTED, {"names": list(names), "approver": approver, "claim": claim})

	@classmethod
	def documents_listed(
		cls, documents: list[tuple[str, str]], approver: str, *, claim: str | None = None
	) -> Record:
		"""The approval engine's reminder listing `documents` (`(doctype, name)` each): a Slack
		Message row under each; `claim` as for `reminder_listed`."""
		return cls(
			REMINDER_LISTED,
			{"documents": [list(d) for d in documents], "approver": approver, "claim": claim},
		)

	@classmethod
	def summary_sent(cls, day: str, *, previous: str | None = None, celebrated: dict | None = None) -> Record:
		"""The attendance summary of `day`: its ts is kept in Slack Settings once delivered (the
		late-leave notes thread under it); Failed, the day goes back to `previous` (the day sent
		before this claim), so the next tick owes the summary again — and the celebrations it
		announced (`celebrated`, see `digest_sent`) are owed again with it."""
		args = {"day": str(day), "previous": previous}
		if celebrated:
			args["celebrated"] = celebrated
		return cls(SUMMARY_SENT, args)

	@classmethod
	def digest_sent(
		cls, rule: str, period: str, *, previous: str | None = None, celebrated: dict | None = None
	) -> Record:
		"""The post of digest rule `rule` for the period claimed through `period`: its ts is kept on
		the rule once delivered (late leaves thread under it); Failed, the rule's period goes back
		to `previous`, so the next tick owes the post again. `celebrated`: `{"rule", "through",
		"before"}` when the post announced birthdays and anniversaries through `through`: Failed,
		the rule's Celebrated Through goes back to `before`."""
		args = {"rule": rule, "period": str(period), "previous": previous}
		if celebrated:
			args["celebrated"] = celebrated
		return cls(DIGEST_SENT, args)

	def as_json(self) -> dict[str, Any]:
		return {"kind": self.kind, "args": self.args}

	@classmethod
	def from_json(cls, data: dict[str, Any] | None) -> Record | None:
		if not data:
			return None
		return cls(str(data["kind"]), dict(data.get("args") or {}))


def on_owed(record: Record, *, delivery: str, about: tuple[str, str] | None) -> None:
	"""In the owing transaction: what must be visible before Slack has the message."""
	if record.kind == SLACK_MESSAGE:
		if about is None:
			raise ValueError("Record.slack_message needs the document the message is about")
		slack_messages.record_owed(
			about[0],
			about[1],
			purpose=record.args["purpose"],
			recipient=record.args.get("recipient"),
			delivery=delivery,
		)
	elif record.kind == REMINDER_LISTED and "documents" in record.args:
		erp_reminders.record_documents_owed(
			[tuple(d) for d in record.args["documents"]], approver=record.args["approver"], delivery=delivery
		)
	elif record.kind == REMINDER_LISTED:
		erp_reminders.record_listed_owed(
			record.args["names"], approver=record.args["approver"], delivery=delivery
		)
	elif record.kind not in (SUMMARY_SENT, DIGEST_SENT):
		raise ValueError(f"unknown record kind {record.kind!r}")


def on_delivered(record: Record, *, delivery: str, channel: str, ts: str) -> None:
	"""In the transaction that marks the delivery Delivered."""
	if record.kind in (SLACK_MESSAGE, REMINDER_LISTED):
		slack_messages.fill_delivered(delivery, channel=channel, ts=ts)
	_notice(record, "delivered")
	if record.kind == REMINDER_LISTED and record.args.get("claim"):
		erp_reminders.set_outcome(record.args["claim"], erp_reminders.SENT, channel=channel, ts=ts)
	elif record.kind == SUMMARY_SENT:
		erp_daily.record_ts(erp_daily.SUMMARY, record.args["day"], ts)
	elif record.kind == DIGEST_SENT:
		erp_daily.record_ts(erp_daily.digest_mark(record.args["rule"]), record.args["period"], ts)


def on_failed(record: Record, *, status: str, reason: str) -> None:
	"""In the transaction that marks the delivery Failed, Unknown or Dropped."""
	if record.kind == REMINDER_LISTED and record.args.get("claim"):
		outcome = erp_reminders.OUTCOME_UNKNOWN if status == "Unknown" else erp_reminders.NOT_SENT
		erp_reminders.set_outcome(record.args["claim"], outcome, error=reason[:140])
	elif record.kind == SUMMARY_SENT and status == "Failed":
		# Certainly not in Slack (an Unknown one may be: its day stays claimed).
		erp_daily.release_day(erp_daily.SUMMARY, record.args["day"], record.args.get("previous"))
	elif record.kind == DIGEST_SENT and status == "Failed":
		erp_daily.release_day(
			erp_daily.digest_mark(record.args["rule"]), record.args["period"], record.args.get("previous")
		)
	celebrated = record.args.get("celebrated")
	if celebrated and status == "Failed":
		# Certainly not announced: the next post announces them.
		erp_digests.restore_celebrated(celebrated["rule"], celebrated["through"], celebrated.get("before"))
	if status == "Failed":
		_notice(record, "failed")


def _notice(record: Record, outcome: str) -> None:
	"""Owe the ephemeral the record asks for on this outcome (the drain that owes it sends it)."""
	notice = record.args.get("outcome_notice") or {}
	message = notice.get(outcome)
	if not message:
		return
	fields = {"user": notice["user"]}
	# A record owed by the previous version holds the message as a dict.
	body = message if isinstance(message, str) else deliveries.dumps(message)
	core.request_body(body, fields)  # refused here, in the recording transaction, not when sent
	deliveries.insert(
		{
			"method": "chat.postEphemeral",
			"channel": notice["channel"],
			"body": body,
			"request_fields": deliveries.dumps(fields),
			"sequence": f"channel:{notice['channel']}",
			"what": "Slack ephemeral message",
		}
	)

"""Slack Message records: which Slack message (channel + ts) the app posted about a document, to
whom and why, so a change to the document from anywhere can find that message and rewrite it."""

from __future__ import annotations

import frappe

DOCTYPE = "Slack Message"
# The `purpose` options of slack_message.json.
APPROVAL_REQUEST = "Approval Request"
REQUESTER_CONFIRMATION = "Requester Confirmation"
CANCELLATION_REQUEST = "Cancellation Request"  # to the approver, when the requester asks to cancel
# The daily reminder to a leave approver: one message listing several documents, recorded once
# under each of them (same channel and ts).
APPROVAL_REMINDER = "Approval Reminder"

_FIELDS = ["name", "purpose", "recipient", "channel", "ts", "delivery"]


def record_clicked_request(
	reference_doctype: str, reference_name: str, *, channel, ts, approver: str | None
) -> None:
	"""Before a decision from Slack: remember the approval request that was clicked (when the click
	came from a message), so the decision's document events rewrite it with the document's other
	messages — it may have been posted before the app kept records."""
	if channel and ts:
		record(
			reference_doctype,
			reference_name,
			purpose=APPROVAL_REQUEST,
			channel=channel,
			ts=ts,
			recipient=approver,
		)


def record(
	reference_doctype: str,
	reference_name: str,
	*,
	purpose: str,
	channel: str,
	ts: str,
	recipient: str | None,
) -> None:
	"""Remember a posted message about a document; a message already remembered for it (same
	document, channel and ts) is kept. One message may be about several documents (a reminder)."""
	if frappe.db.exists(
		DOCTYPE,
		{
			"reference_doctype": reference_doctype,
			"reference_name": reference_name,
			"channel": channel,
			"ts": ts,
		},
	):
		return
	frappe.get_doc(
		{
			"doctype": DOCTYPE,
			"reference_doctype": reference_doctype,
			"reference_name": reference_name,
			"purpose": purpose,
			"channel": channel,
			"ts": ts,
			"recipient": recipient,
		}
	).insert(ignore_permissions=True)  # the app writes these; people only read them


def record_owed(
	reference_doctype: str,
	reference_name: str,
	*,
	purpose: str,
	recipient: str | None,
	delivery: str,
) -> None:
	"""Remember a message owed about a document and still on its way (`delivery`, a Slack
	Delivery): `following` lists it at once, with no channel or ts until Slack has it, so a
	rewrite owed meanwhile targets the delivery."""
	frappe.get_doc(
		{
			"doctype": DOCTYPE,
			"reference_doctype": reference_doctype,
			"reference_name": reference_name,
			"purpose": purpose,
			"recipient": recipient,
			"delivery": delivery,
		}
	).insert(ignore_permissions=True)  # the app writes these; people only read them


def fill_delivered(delivery: str, *, channel: str, ts: str) -> None:
	"""Slack has the message of `delivery`: every record of it gets its channel and ts."""
	frappe.db.set_value(
		DOCTYPE, {"delivery": delivery}, {"channel": channel, "ts": ts}, update_modified=False
	)


def following(reference_doctype: str, reference_name: str, purpose: str | None = None) -> list[dict]:
	"""The messages (of `purpose`, or of any) that still follow the document (not superseded),
	oldest first."""
	filters = {"reference_doctype": reference_doctype, "reference_name": reference_name, "superseded": 0}
	if purpose:
		filters["purpose"] = purpose
	return frappe.get_all(DOCTYPE, filters=filters, fields=_FIELDS, order_by="creation asc")


def supersede(name: str) -> None:
	"""The message stops following its document (it went to another approver)."""
	# db.set_value: no validation, so a record of a cancelled document can still be marked.
	frappe.db.set_value(DOCTYPE, name, "superseded", 1, update_modified=False)


def forget(reference_doctype: str, reference_name: str) -> list[dict]:
	"""Delete the records of a document that is being deleted; returns what they said (every
	purpose), so the messages can still be rewritten after the document is gone."""
	rows = frappe.get_all(
		DOCTYPE,
		filters={"reference_doctype": reference_doctype, "reference_name": reference_name},
		fields=[*_FIELDS, "superseded"],
		order_by="creation asc",
	)
	if rows:
		frappe.db.delete(DOCTYPE, {"reference_doctype": reference_doctype, "reference_name": reference_name})
	return [row for row in rows if not row.superseded]


def take_following(reference_doctype: str, reference_name: str, purpose: str) -> list[dict]:
	"""The messages of `purpose` that still follow the document, marked superseded in one step:
	read with a row lock, so of two overlapping answers (a double click) only the first gets them
	and the other finds none."""
	rows = frappe.db.get_values(  # not get_all: v15's takes no for_update (a TypeError)
		DOCTYPE,
		{
			"reference_doctype": reference_doctype,
			"reference_name": reference_name,
			"purpose": purpose,
			"superseded": 0,
		},
		list(_FIELDS),
		as_dict=True,
		order_by="creation asc",
		for_update=True,
	)
	for row in rows:
		supersede(row.name)
	return rows


# A message about to be posted, claimed so that a double click posts it once: the job that posts
# it records it (then `following` finds it) and lets the claim go.
_PENDING_PREFIX = "slack_connector:pending:"
PENDING_SECONDS = 300  # an unknown outcome keeps the claim this long, then a new ask may go out


def _pending_key(reference_doctype: str, reference_name: str, purpose: str) -> str:
	return frappe.cache.make_key(f"{_PENDING_PREFIX}{purpose}:{reference_doctype}:{reference_name}")


def claim_pending(reference_doctype: str, reference_name: str, purpose: str) -> bool:
	"""True for the one caller that may post the message now."""
	return bool(
		frappe.cache.set(
			_pending_key(reference_doctype, reference_name, purpose), 1, ex=PENDING_SECONDS, nx=True
		)
	)


def release_pending(reference_doctype: str, reference_name: str, purpose: str) -> None:
	frappe.cache.delete(_pending_key(reference_doctype, reference_name, purpose))


def release_pending_after_commit(reference_doctype: str, reference_name: str, purpose: str) -> None:
	"""Let the claim go once the message's record is committed (then `following` finds it): a
	click between the release and the commit would otherwise ask a second time."""
	frappe.db.after_commit.add(lambda: release_pending(reference_doctype, reference_name, purpose))


# --- records of messages the outbox owes (recorded at owe time, completed on delivery) -----------


def target_of(message: dict) -> str | tuple[str, str]:
	"""What a rewrite of a recorded message targets: its delivery (posted, or still on its way),
	else the (channel, ts) of a message recorded before the outbox or found on a click."""
	return message.get("delivery") or (message["channel"], message["ts"])


def on_its_way(message: dict) -> bool:
	"""The recorded message is owed and Slack has not posted it yet."""
	return bool(message.get("delivery")) and not message.get("ts")


def same_message(message: dict) -> dict:
	"""Filters for every record of the one Slack message `message` records (a reminder is
	recorded under each application it lists)."""
	if message.get("delivery"):
		return {"delivery": message["delivery"]}
	return {"channel": message["channel"], "ts": message["ts"]}

"""Slack Delivery rows: every read and write of the outbox's table (owe, coalesce, claim, finish,
the due heads of each sequence, the counts the settings show, the prune).

The relay commits through here (`claim`, `finish`, `defer`): a claim is committed before Slack
is called, so no row lock is ever held across a Slack call.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

import frappe

from frappe_slack_connector.erp import clock
from frappe_slack_connector.erp.settings import SETTINGS_DOCTYPE

DOCTYPE = "Slack Delivery"

# The `status` options of slack_delivery.json.
PENDING = "Pending"
SENDING = "Sending"
DELIVERED = "Delivered"
FAILED = "Failed"
UNKNOWN = "Unknown"
DROPPED = "Dropped"
STATES = (PENDING, SENDING, DELIVERED, FAILED, UNKNOWN, DROPPED)
# Not done yet: the oldest such row of a sequence is its head, the only one that may go out.
# Unknown holds its sequence too: what follows it (a rewrite of it, a later message about the
# same document) waits until an admin retries it.
OPEN_STATES = (PENDING, SENDING, UNKNOWN)
# The body of a row that owes nothing but its target (a chat.delete), set when it is sent.
EMPTY_BODY = "{}"

# Slack Settings fields (the "Delivery" section) and their defaults.
HORIZON_FIELD = "delivery_retry_hours"
KEEP_FIELD = "keep_delivered_days"
DEFAULT_HORIZON_HOURS = 24
DEFAULT_KEEP_DAYS = 14

# The columns the relay works with.
FIELDS = (
	"name",
	"status",
	"method",
	"channel",
	"to_user",
	"body",
	"request_fields",
	"reference_doctype",
	"reference_name",
	"what",
	"recipient_role",
	"sequence",
	"target",
	"target_channel",
	"target_ts",
	"attempts",
	"next_attempt_at",
	"give_up_at",
	"lease_until",
	"outcome_unknown",
	"record",
	"creation",
	"result_channel",
	"result_ts",
	"last_error",
)
# How many open rows one look for due heads reads at a time.
_HEAD_PAGE = 500


def _settings_int(fieldname: str, default: int) -> int:
	# The stored value: a site migrated from before the field has no row for it (the default).
	value = frappe.db.get_singles_dict(SETTINGS_DOCTYPE).get(fieldname)
	return int(value) if value not in (None, "") and int(value) > 0 else default


def horizon_hours() -> int:
	"""Slack Settings "Retry deliveries for (hours)"."""
	return _settings_int(HORIZON_FIELD, DEFAULT_HORIZON_HOURS)


def keep_days() -> int:
	"""Slack Settings "Keep delivered for (days)"."""
	return _settings_int(KEEP_FIELD, DEFAULT_KEEP_DAYS)


def insert(values: dict[str, Any]) -> str:
	"""A new delivery row in the current transaction (it commits with the change that owes it);
	its name, which sorts in the order deliveries were owed."""
	now = clock.now()
	doc = frappe.get_doc(
		{
			"doctype": DOCTYPE,
			"status": PENDING,
			"attempts": 0,
			"next_attempt_at": now,
			"give_up_at": now + datetime.timedelta(hours=horizon_hours()),
			**values,
		}
	)
	doc.insert(ignore_permissions=True)  # the app owes these; people only read them
	return doc.name


def get(name: str, *, for_update: bool = False) -> frappe._dict | None:
	"""One delivery's working columns (a locking read with `for_update`)."""
	return frappe.db.get_value(DOCTYPE, name, list(FIELDS), as_dict=True, for_update=for_update)


def pending_with_key(coalesce_key: str, *, before: str) -> list[str]:
	"""Rows with `coalesce_key` still Pending (not claimed) owed before `before`, locked: a
	claim (which locks too) either got them first or finds them Dropped."""
	# frappe.db.get_values, not frappe.get_all: v15's get_all (DatabaseQuery.execute) takes no
	# `for_update` (a TypeError on a real site); get_values does, and locks.
	rows = frappe.db.get_values(
		DOCTYPE,
		{"coalesce_key": coalesce_key, "status": PENDING, "name": ("<", before)},
		"name",
		order_by="name asc",
		for_update=True,
	)
	return [row[0] for row in rows]


def drop(names: list[str] | str, reason: str) -> None:
	"""Mark rows Dropped with the reason (no Slack call will be made for them)."""
	names = [names] if isinstance(names, str) else list(names)
	if names:
		frappe.db.set_value(
			DOCTYPE,
			{"name": ("in", names)},
			{"status": DROPPED, "last_error": reason, "lease_until": None, "claimed_by": None},
		)


def replace_body(name: str, body: str) -> None:
	"""A pending post's body rewritten (a builder's JSON text, stored as it is)."""
	frappe.db.set_value(DOCTYPE, name, "body", body)


def dumps(value: Any) -> str:
	return json.dumps(value, separators=(",", ":"), sort_keys=True)


def loads(text: str | None) -> Any:
	return json.loads(text) if text else None


def document_exists(doctype: str, name: str) -> bool:
	return bool(frappe.db.exists(doctype, name))


# ------------------------------------------------------------------------------------ the relay


def due_heads(now: datetime.datetime, *, limit: int) -> list[str]:
	"""Up to `limit` names of due heads, oldest first: per sequence its oldest open row, when it
	is Pending and due, or Sending with an expired lease (a worker died holding it)."""
	heads: list[str] = []
	seen: set[str] = set()
	after = ""
	while len(heads) < limit:
		rows = frappe.get_all(
			DOCTYPE,
			filters={"status": ("in", OPEN_STATES), "name": (">", after)},
			fields=["name", "sequence", "status", "next_attempt_at", "lease_until"],
			order_by="name asc",
			limit_page_length=_HEAD_PAGE,
		)
		for row in rows:
			if row.sequence in seen:
				continue
			seen.add(row.sequence)
			if _due(row, now):
				heads.append(row.name)
				if len(heads) >= limit:
					break
		if len(rows) < _HEAD_PAGE:
			break
		after = rows[-1].name
	return heads


def _due(row: frappe._dict, now: datetime.datetime) -> bool:
	if row.status == PENDING:
		return row.next_attempt_at is None or frappe.utils.get_datetime(row.next_attempt_at) <= now
	if row.status == SENDING:
		return row.lease_until is None or frappe.utils.get_datetime(row.lease_until) <= now
	return False


def next_due_at() -> datetime.datetime | None:
	"""When the earliest Pending row is due (None when nothing is pending)."""
	rows = frappe.get_all(
		DOCTYPE,
		filters={"status": PENDING},
		fields=["next_attempt_at"],
		order_by="next_attempt_at asc",
		limit_page_length=1,
	)
	return frappe.utils.get_datetime(rows[0].next_attempt_at) if rows else None


def claim(names: list[str], *, worker: str, now: datetime.datetime, lease_seconds: int) -> list[frappe._dict]:
	"""Take the rows of `names` that are still due, for `worker`, and commit: a locking read of
	them (another worker's claim waits for this commit, then finds them taken), one update.
	Returns the claimed rows with their working columns."""
	if not names:
		return []
	rows = frappe.db.get_values(  # not get_all: v15's takes no for_update (see pending_with_key)
		DOCTYPE,
		{"name": ("in", names)},
		list(FIELDS),
		as_dict=True,
		order_by="name asc",
		for_update=True,
	)
	claimed = [row for row in rows if _due(row, now)]
	if claimed:
		lease_until = now + datetime.timedelta(seconds=lease_seconds)
		frappe.db.set_value(
			DOCTYPE,
			{"name": ("in", [row.name for row in claimed])},
			{"status": SENDING, "claimed_by": worker, "lease_until": lease_until},
			update_modified=False,
		)
	frappe.db.commit()
	return claimed


def target_of(name: str) -> frappe._dict | None:
	"""Where the post `name` went (status, result channel and ts), for an update, a delete or a
	thread reply of it."""
	return frappe.db.get_value(
		DOCTYPE, name, ["name", "status", "result_channel", "result_ts", "channel"], as_dict=True
	)


def finish(name: str, values: dict[str, Any], *, worker: str) -> bool:
	"""Record an attempt's outcome on a row this worker still holds (its lease not taken over);
	not committed (the caller commits with the Record's writes). False when the row is no longer
	ours: a worker that outlived its lease leaves the row to whoever took it over."""
	row = frappe.db.get_value(DOCTYPE, name, ["status", "claimed_by"], as_dict=True, for_update=True)
	if not row or row.status != SENDING or row.claimed_by != worker:
		return False
	frappe.db.set_value(DOCTYPE, name, {"lease_until": None, **values})
	return True


def commit() -> None:
	frappe.db.commit()


def rollback() -> None:
	frappe.db.rollback()


# --------------------------------------------------------------------------------- admin, prune


def retry_now(name: str) -> bool:
	"""A Failed or Unknown row goes out again at once, with a fresh horizon; the admin has
	decided, so an unknown outcome is no longer looked up first. False for any other state."""
	row = frappe.db.get_value(DOCTYPE, name, ["status"], as_dict=True, for_update=True)
	if not row or row.status not in (FAILED, UNKNOWN):
		return False
	now = clock.now()
	frappe.db.set_value(
		DOCTYPE,
		name,
		{
			"status": PENDING,
			"next_attempt_at": now,
			"give_up_at": now + datetime.timedelta(hours=horizon_hours()),
			"outcome_unknown": 0,
			"lease_until": None,
			"claimed_by": None,
		},
	)
	return True


def counts() -> dict[str, int]:
	"""How many rows are in each state."""
	return {state: frappe.db.count(DOCTYPE, {"status": state}) for state in STATES}


def oldest_pending_since() -> datetime.datetime | None:
	"""When the oldest row still waiting (Pending or Sending) was owed."""
	rows = frappe.get_all(
		DOCTYPE,
		filters={"status": ("in", (PENDING, SENDING))},
		fields=["creation"],
		order_by="creation asc",
		limit_page_length=1,
	)
	return frappe.utils.get_datetime(rows[0].creation) if rows else None


def prune(now: datetime.datetime) -> int:
	"""Delete Delivered and Dropped rows last changed more than "Keep delivered for (days)" ago;
	how many. Failed and Unknown rows stay until an admin deals with them."""
	before = now - datetime.timedelta(days=keep_days())
	names = frappe.get_all(
		DOCTYPE,
		filters={"status": ("in", (DELIVERED, DROPPED)), "modified": ("<", before)},
		pluck="name",
		limit_page_length=0,
	)
	if names:
		frappe.db.delete(DOCTYPE, {"name": ("in", names)})
	return len(names)


def latest_with_key(coalesce_key: str) -> str | None:
	"""The newest delivery owed with `coalesce_key` that was not dropped (e.g. today's summary,
	which a late-leave note threads under while it may still be on its way)."""
	rows = frappe.get_all(
		DOCTYPE,
		filters={"coalesce_key": coalesce_key, "status": ("!=", DROPPED)},
		pluck="name",
		order_by="name desc",
		limit_page_length=1,
	)
	return rows[0] if rows else None

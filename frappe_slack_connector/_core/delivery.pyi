"""The outbox's delivery rules (rust/python/src/delivery.rs over rust/core/src/delivery.rs)."""

from typing import Literal

DELIVERY_EVENT_TYPE: str
"""`event_type` of the message metadata every post of the outbox carries,
`frappe_slack_delivery`."""

def classify_delivery_error(
	method: str, error: str, *, http_status: int | None = None
) -> Literal["retry", "unknown", "permanent"]:
	"""What the relay does after `method` failed with `error` (Slack's error code, or the
	client's own: `connection_error` = never sent, `outcome_unknown` = sent but unanswered or
	answered with a 5xx, `not_configured` = no bot token yet, `request_error`).

	`retry`: not done, or safe to repeat (never sent, 429 / `ratelimited`,
	`service_unavailable`, and any failure of a call that sets a state: chat.update, chat.delete,
	views.publish). `unknown`: a chat.postMessage / chat.postEphemeral that may have been done
	(`outcome_unknown`, `internal_error`, `fatal_error`, a bare 5xx): look for it before sending
	again; a Workflow Builder step's completion (`functions.completeSuccess` / `completeError`)
	in that case too: it is sent again, and `delivery_done_before` reads Slack's refusal. `permanent`: anything else (channel_not_found, not_in_channel, account_inactive,
	invalid_blocks, invalid_auth, token_revoked, message_not_found…): fail it with the reason.
	"""

def delivery_done_before(
	method: str, error: str, *, earlier_outcome_unknown: bool, with_execution_token: bool
) -> bool:
	"""Whether `method`, refused with `error`, had been carried out by an earlier attempt whose
	outcome was unknown: a step completion repeated after its execution stopped running — Slack
	says `execution_not_in_running_state`, or refuses the execution's own token (`invalid_auth`,
	`token_expired`; only `with_execution_token`), which ends with the execution. False otherwise."""

def next_retry_delay(attempts: int, *, retry_after: float | None = None, seed: int) -> float:
	"""Seconds before the next try after `attempts` failed ones (1 after the first failure):
	from 2 s, doubling, capped at 60 s, with jitter between half and all of the step drawn from
	`seed` (e.g. a hash of the delivery's name and attempt, so workers spread out), and never less
	than Slack's `retry_after` (capped at one hour; NaN, infinite or non-positive counts as none).
	`attempts` and `seed` must be non-negative integers (`OverflowError` otherwise)."""

def delivery_metadata(delivery: str) -> dict[str, object]:
	"""The message metadata for the delivery named `delivery`: `{"event_type":
	"frappe_slack_delivery", "event_payload": {"delivery": delivery}}`. An empty name or one over
	140 characters raises `InputError` (`empty_name` / `name_too_long`, field `delivery`)."""

def find_delivery_in_history(history: dict[str, object], delivery: str) -> str | None:
	"""The `ts` of the message in a `conversations.history` answer (fetched with
	`include_all_metadata`) that carries `delivery`'s metadata, or None when no message does.
	Messages that are not objects or have no `ts` are passed over; an answer without a
	`messages` list raises `InputError` (`no_messages`, field `history`), as does a bad name."""

def request_body(
	body: str | bytes, fields: dict[str, object] | None = None, *, under: str | None = None
) -> bytes:
	"""The Web API request body (UTF-8 JSON bytes) of `body` — a builder's JSON text (one object),
	as the outbox stores it or a builder returned it — with `fields` (what the caller sets:
	channel, ts, thread_ts, user, user_id, reply_broadcast, metadata…) written before its keys;
	with `under` (e.g. "view"), `body` becomes the value of that key beside `fields`
	(`{"trigger_id": …, "view": <body>}`). A field set to None is left out.

	The body's text is copied as it is, never built into Python (or Rust) objects: only its top
	level is read. Raises `InputError` with reason `not_an_object` (field "body": not JSON, or
	not one object), `duplicate_key` (the body names a key twice), `field_collision` (field
	"fields": a field that is a key of the body already, or is `under`) or `bad_field` (a field
	that cannot be written as JSON); a field value that is not JSON-like raises `TypeError`.
	Rows stored by the previous version (`json.dumps` of the whole body) are bodies like any other.
	"""

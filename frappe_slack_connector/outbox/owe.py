"""Owing a Slack write: jobs owe, the outbox delivers.

    from frappe_slack_connector.outbox import owe
    name = owe.post(message, to_user=approver, about=("Leave Application", leave),
                    record=owe.Record.slack_message(APPROVAL_REQUEST, approver))
    owe.update(decided, target=name)           # a post still on its way, or (channel, ts)

`message` / `view` is a builder's JSON text (`core.build_*`), stored in the row's body as it is;
the few fields set here (reply_broadcast, user) are kept beside it in `request_fields`, and the
relay sends `core.request_body(body, fields + channel, ts…)`: no dict of the blocks is made.

Each call inserts one Slack Delivery row in the current transaction and returns its name; none
calls Slack. The row commits with the change that owes it (a rolled-back transaction owes
nothing), and the commit enqueues the drain (`outbox/relay.drain`, one job at a time).

Order: rows with the same sequence go out in the order they were owed. The sequence is the
document's (`"{doctype}:{name}"` of `about`), an update's or a delete's that of its target post,
else the channel's or the user's. Coalescing: an update of a post still Pending folds into it;
an older Pending update of the same message, or an older Pending row with the same
`coalesce_key` (a Home tab), is Dropped as superseded.
"""

from __future__ import annotations

from typing import Any

from frappe_slack_connector import core
from frappe_slack_connector.erp import deliveries
from frappe_slack_connector.erp import jobs as erp_jobs
from frappe_slack_connector.outbox import records, relay
from frappe_slack_connector.outbox.records import Record

__all__ = [
	"Record",
	"clear_status",
	"complete_step",
	"delete",
	"end_snooze",
	"ephemeral",
	"post",
	"publish_home",
	"revoke_consent",
	"set_status",
	"snooze",
	"unfurl",
	"update",
]


POST = "chat.postMessage"
UPDATE = "chat.update"
DELETE = "chat.delete"
EPHEMERAL = "chat.postEphemeral"
PUBLISH = "views.publish"
UNFURL = "chat.unfurl"
# The fields `chat.unfurl` takes beside its `unfurls`: one pair or the other
# (https://api.slack.com/methods/chat.unfurl).
UNFURL_TARGETS = (("channel", "ts"), ("unfurl_id", "source"))
# A person's own Slack, written with their user token ("While you are away").
PROFILE_SET = "users.profile.set"
SNOOZE = "dnd.setSnooze"
END_SNOOZE = "dnd.endSnooze"
REVOKE = "auth.revoke"
PERSONAL_METHODS = frozenset({PROFILE_SET, SNOOZE, END_SNOOZE, REVOKE})
# A Workflow Builder step's outcome, sent with its execution's token (erp/steps).
STEP_SUCCESS = "functions.completeSuccess"
STEP_ERROR = "functions.completeError"

Target = str | tuple[str, str]


def post(
	message: str,
	*,
	channel: str | None = None,
	to_user: str | None = None,
	about: tuple[str, str] | None = None,
	thread_of: Target | None = None,
	reply_broadcast: bool = False,
	record: Record | None = None,
	coalesce_key: str | None = None,
	what: str | None = None,
	recipient_role: str | None = None,
) -> str:
	"""Owe a `chat.postMessage` to `channel` (a channel id, or a Slack user id for a DM) or to
	the Frappe user `to_user` (their Slack account is found when it is sent:
	`outbox/recipients`); `thread_of`: the post (a delivery name, or (channel, ts)) this one
	replies under. `what` (e.g. "Leave approval request") and `recipient_role` (who `to_user` is
	to the document, e.g. "approver") word the Error Log an admin gets when it is not sent."""
	if bool(channel) == bool(to_user):
		raise ValueError("post needs exactly one of channel and to_user")
	fields = {"reply_broadcast": True} if reply_broadcast else {}
	values: dict[str, Any] = {
		"method": POST,
		"channel": channel,
		"to_user": to_user,
		"what": what,
		"recipient_role": recipient_role,
	}
	sequence = _sequence(about, channel=channel, to_user=to_user)
	if thread_of is not None:
		values.update(_target_values(thread_of))
		if values.get("target"):
			sequence = _target_sequence(values["target"]) or sequence
	return _owe(
		values,
		message,
		fields=fields,
		about=about,
		sequence=sequence,
		coalesce_key=coalesce_key,
		record=record,
	)


def update(
	message: str, *, target: Target, about: tuple[str, str] | None = None, what: str | None = None
) -> str:
	"""Owe a `chat.update` of `target`: a delivery name (its post, maybe not sent yet) or the
	(channel, ts) of a message posted earlier. An update of a post still Pending folds into it;
	an older Pending update of the same message is superseded. `what`: as for `post`."""
	values = {"method": UPDATE, "what": what, **_target_values(target)}
	key = _message_key(values)
	post_row = _pending_post(values.get("target"))
	if post_row is not None:
		# The post has not gone out: it goes out as updated (its own fields kept beside the new
		# body), and this row only says so.
		_check(message, deliveries.loads(post_row.request_fields))
		deliveries.replace_body(post_row.name, message)
		name = _owe(values, message, about=about, sequence=post_row.sequence, coalesce_key=key, kick=False)
		deliveries.drop(name, f"folded into {post_row.name}")
		return name
	return _owe(
		values,
		message,
		about=about,
		sequence=_sequence_of_target(values, about),
		coalesce_key=key,
	)


def delete(*, target: Target, about: tuple[str, str] | None = None, what: str | None = None) -> str:
	"""Owe a `chat.delete` of `target` (a delivery name or (channel, ts)). A post still Pending is
	withdrawn instead (Dropped), and so are its pending updates."""
	values = {"method": DELETE, "what": what, **_target_values(target)}
	post_row = _pending_post(values.get("target"))
	if post_row is not None:
		name = _owe(values, deliveries.EMPTY_BODY, about=about, sequence=post_row.sequence, kick=False)
		deliveries.drop(post_row.name, f"withdrawn by {name}")
		deliveries.drop(name, f"folded into {post_row.name}")
		return name
	return _owe(
		values,
		deliveries.EMPTY_BODY,
		about=about,
		sequence=_sequence_of_target(values, about),
		coalesce_key=_message_key(values),
	)


def ephemeral(message: str, *, channel: str, user: str, about: tuple[str, str] | None = None) -> str:
	"""Owe a `chat.postEphemeral` to the Slack user `user` in `channel`."""
	return _owe(
		{"method": EPHEMERAL, "channel": channel, "what": "Slack ephemeral message"},
		message,
		fields={"user": user},
		about=about,
		sequence=_sequence(about, channel=channel, to_user=None),
	)


def publish_home(view: str, *, user_id: str | None = None, to_user: str | None = None) -> str:
	"""Owe a `views.publish` of the Home tab of the Slack user `user_id`, or of the Frappe user
	`to_user` (their Slack link read when it is sent: one not linked then has no tab to update,
	and the row is Dropped); the latest owed wins (an older one still Pending is superseded)."""
	if bool(user_id) == bool(to_user):
		raise ValueError("publish_home needs exactly one of user_id and to_user")
	key = f"home:{user_id or to_user}"
	return _owe(
		{"method": PUBLISH, "channel": user_id, "to_user": to_user, "what": "Slack Home tab"},
		core.request_body(view, under="view").decode(),
		about=None,
		sequence=key,
		coalesce_key=key,
	)


def unfurl(body: str, *, target: dict[str, str]) -> str:
	"""Owe a `chat.unfurl` (`core.build_leave_unfurls`'s body) of the links a `link_shared`
	event named: `target` is the event's (`channel` + `ts`, or `unfurl_id` + `source`). Repeating
	it sets the same cards again, so an unknown outcome is simply retried."""
	pair = next((keys for keys in UNFURL_TARGETS if all(target.get(k) for k in keys)), None)
	if pair is None:
		raise ValueError("an unfurl needs channel and ts, or unfurl_id and source")
	fields = {key: target[key] for key in pair}
	where = target.get("channel") or target["unfurl_id"]
	return _owe(
		{"method": UNFURL, "channel": target.get("channel"), "what": "Slack link preview"},
		body,
		fields=fields,
		about=None,
		sequence=f"unfurl:{where}",
	)


def complete_step(
	execution_id: str, *, outputs: dict[str, str] | None = None, error: str | None = None
) -> str:
	"""Owe the completion of the Workflow Builder step run `execution_id`: with its `outputs`
	(`functions.completeSuccess`), or failed with `error`, the reason the workflow shows
	(`functions.completeError`). Exactly one of them."""
	if (outputs is None) == (error is None):
		raise ValueError("complete_step needs exactly one of outputs and error")
	method, fields = (STEP_SUCCESS, {"outputs": outputs}) if error is None else (STEP_ERROR, {"error": error})
	return _owe(
		{"method": method, "what": "Slack workflow step completion"},
		deliveries.EMPTY_BODY,
		fields={"function_execution_id": execution_id, **fields},
		about=None,
		sequence=f"step:{execution_id}",
	)


# A person's writes go in one sequence, so a set never goes out after the clear owed after it.
def away_sequence(user: str) -> str:
	return f"away:{user}"


def set_status(body: str, *, user: str) -> str:
	"""Owe the Frappe user `user`'s Slack status (`core.away_status_now`'s body), sent with their
	user token after reading what Slack shows (the person's own status is left alone); an older
	status write still Pending is superseded."""
	return _personal(PROFILE_SET, body, user=user, what="Slack status", key=f"away-status:{user}")


def clear_status(*, user: str) -> str:
	"""Owe the clearing of `user`'s status, sent only while it is still the one the app set."""
	return _personal(
		PROFILE_SET, core.away_clear_body(), user=user, what="Slack status", key=f"away-status:{user}"
	)


def snooze(minutes: int, *, user: str) -> str:
	"""Owe a Do Not Disturb snooze of `minutes` for `user`."""
	return _personal(
		SNOOZE,
		deliveries.EMPTY_BODY,
		user=user,
		what="Slack Do Not Disturb",
		key=f"away-dnd:{user}",
		fields={"num_minutes": max(int(minutes), 1)},
	)


def end_snooze(*, user: str) -> str:
	"""Owe the end of `user`'s snooze (the one the app started)."""
	return _personal(
		END_SNOOZE, deliveries.EMPTY_BODY, user=user, what="Slack Do Not Disturb", key=f"away-dnd:{user}"
	)


def revoke_consent(*, user: str) -> str:
	"""Owe `auth.revoke` of `user`'s token, after what was owed before it (the clears); the token
	is erased once it is delivered."""
	return _personal(REVOKE, deliveries.EMPTY_BODY, user=user, what="Slack consent withdrawal", key=None)


def _personal(
	method: str, body: str, *, user: str, what: str, key: str | None, fields: dict[str, Any] | None = None
) -> str:
	return _owe(
		{"method": method, "to_user": user, "what": what, "recipient_role": "person"},
		body,
		fields=fields,
		about=None,
		sequence=away_sequence(user),
		coalesce_key=key,
	)


# ----------------------------------------------------------------------------------------------


def _owe(
	values: dict[str, Any],
	body: str,
	*,
	fields: dict[str, Any] | None = None,
	about: tuple[str, str] | None,
	sequence: str,
	coalesce_key: str | None = None,
	record: Record | None = None,
	kick: bool = True,
) -> str:
	if about is not None:
		values["reference_doctype"], values["reference_name"] = about
	fields = fields or {}
	_check(body, fields)
	name = deliveries.insert(
		{
			**values,
			"body": body,
			"request_fields": deliveries.dumps(fields),
			"sequence": sequence,
			"coalesce_key": coalesce_key,
			"record": deliveries.dumps(record.as_json()) if record else None,
		}
	)
	if coalesce_key:
		older = deliveries.pending_with_key(coalesce_key, before=name)
		deliveries.drop(older, f"superseded by {name}")
	if record is not None:
		records.on_owed(record, delivery=name, about=about)
	if kick:
		erp_jobs.enqueue_once_after_commit(relay.DRAIN_METHOD, job_id=relay.DRAIN_JOB_ID)
	return name


def _check(body: str, fields: dict[str, Any] | None) -> None:
	"""Refuse, in the owing transaction, a body the relay could not send: not one JSON object, or
	naming a field set beside it (`core.request_body`'s `InputError`)."""
	core.request_body(body, fields)


def _sequence(about: tuple[str, str] | None, *, channel: str | None, to_user: str | None) -> str:
	if about is not None:
		return f"{about[0]}:{about[1]}"
	if to_user:
		return f"user:{to_user}"
	return f"channel:{channel}"


def _target_values(target: Target) -> dict[str, Any]:
	if isinstance(target, str):
		row = deliveries.target_of(target)
		if row is None:
			raise ValueError(f"no Slack Delivery {target!r}")
		if row.status == deliveries.DELIVERED and row.result_ts:
			# Known already: the row keeps where it went even if the post's row is pruned.
			return {"target": target, "target_channel": row.result_channel, "target_ts": row.result_ts}
		return {"target": target}
	channel, ts = target
	if not channel or not ts:
		raise ValueError("a message target needs its channel and ts")
	return {"target_channel": channel, "target_ts": ts}


def _message_key(values: dict[str, Any]) -> str:
	"""Which message an update or delete rewrites: its post's delivery, or its channel and ts."""
	if values.get("target"):
		return f"message:{values['target']}"
	return f"message:{values['target_channel']}:{values['target_ts']}"


def _target_sequence(target: str) -> str | None:
	row = deliveries.get(target)
	return row.sequence if row else None


def _sequence_of_target(values: dict[str, Any], about: tuple[str, str] | None) -> str:
	"""An update or delete goes in its post's sequence, so it never overtakes the post."""
	if values.get("target"):
		found = _target_sequence(values["target"])
		if found:
			return found
	if about is not None:
		return f"{about[0]}:{about[1]}"
	return f"channel:{values.get('target_channel')}"


def _pending_post(target: str | None):
	"""The target post when it is still Pending (not claimed), locked so no claim takes it
	while its body is rewritten."""
	if not target:
		return None
	row = deliveries.get(target, for_update=True)
	if row is None or row.status != deliveries.PENDING or row.method not in (POST, EPHEMERAL):
		return None
	if not row.request_fields:
		# Owed by a version that kept its fields inside the body: replacing that body would lose
		# them, so the update goes out after it instead.
		return None
	if row.outcome_unknown:
		return None  # it may be in Slack already, as it was: rewrite it after it is found or sent
	return row

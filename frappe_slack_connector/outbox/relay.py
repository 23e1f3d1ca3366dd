"""The relay: delivers what jobs owe (Slack Delivery rows), on the site's RQ workers.

    drain(budget_seconds=0)   # until nothing is due; with a budget, also wait for what is soon due

One round: the due heads (per sequence its oldest open row: Pending and due, or Sending with an
expired lease), claimed and committed (`erp/deliveries.claim`: a locking read, one update), then
sent concurrently — HTTP only in the pool's threads, each call first taking its turn from the
shared limiter (`erp/rate_limit`) — while this thread records each outcome as it comes
(`finish` + the Record, committed per delivery). No Slack call is made under a row lock, and a
row is only ever held by one worker (its lease; a worker that outlived it records nothing).

Outcomes (`core.classify_delivery_error`): OK → Delivered; `retry` → Pending again after
`core.next_retry_delay` (exponential, jitter, Retry-After honoured) until the horizon, then
Failed "gave up after N attempts"; `unknown` (a post that may be in Slack) → the next attempt
first looks for it by its metadata (`conversations.history`, `core.find_delivery_in_history`):
found → Delivered, not found → sent, the lookup impossible → Unknown with the reason;
`permanent` → Failed with the reason. Every Failed, Unknown and Dropped row says why, and a
Failed or Unknown one also leaves an Error Log titled by what it is ("Leave approval request not
sent: channel_not_found"). A delivery to a Frappe user not linked to Slack yet first finds their
account by e-mail (`outbox/recipients`); none → Failed ("approver has no Slack account").

A link preview (`chat.unfurl`) goes out with the target it was owed with (`channel` + `ts`, or
`unfurl_id` + `source`, in its `request_fields`); it sets the same cards again when repeated, so
an unknown outcome is simply retried (no lookup).

A person's own Slack ("While you are away": users.profile.set, dnd.setSnooze / endSnooze,
auth.revoke) goes out with their user token, read when the row is planned: no token, or consent
withdrawn before a set or a snooze went out → Dropped "consent withdrawn". A status write first
reads the status (users.profile.get) and goes out only where `core.guard_away_status` lets it
(the person's own status is left alone: Dropped, saying so); a delivered one records the status
the app set. A token Slack no longer takes (token_revoked, invalid_auth, account_inactive) ends
the consent: the token is erased, an Error Log left and the person's Home tab re-published.

A Workflow Builder step's completion (functions.completeSuccess / completeError) goes out with
its execution's token (`erp/steps`, kept from the event; the bot token when it is gone), which is
dropped once the row is closed either way.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import secrets
import socket
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from typing import Any

from frappe_slack_connector import core
from frappe_slack_connector.erp import away as erp_away
from frappe_slack_connector.erp import clock, deliveries
from frappe_slack_connector.erp import jobs as erp_jobs
from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.erp import rate_limit as erp_rate_limit
from frappe_slack_connector.erp import steps as erp_steps
from frappe_slack_connector.outbox import recipients, records
from frappe_slack_connector.outbox.records import Record
from frappe_slack_connector.slack import client as slack_client
from frappe_slack_connector.slack import site as slack_site

# One drain at a time per site (deduplicated job id); the kick each owing commit enqueues and
# the scheduler's safety net share it.
DRAIN_JOB_ID = "frappe_slack_connector:outbox:drain"
DRAIN_METHOD = "frappe_slack_connector.outbox.relay.drain_job"
TICK_METHOD = "frappe_slack_connector.outbox.relay.drain"
LEASE_SECONDS = 120
BATCH = 50  # heads claimed per round
THREADS = 16  # concurrent Slack calls per worker
# How far back before the delivery was owed its post is looked for (clock skew, slow workers).
LOOKUP_MARGIN_SECONDS = 60
LOOKUP_PAGE = 200
LOOKUP_PAGES = 5  # 1,000 messages: beyond that a post is reported Unknown rather than guessed
# A limiter wait longer than this puts the row back (not an attempt) instead of holding a thread.
MAX_LIMITER_WAIT_SECONDS = 5.0
# The scheduler's safety net (`tick`) drains this long, waiting for rows soon due.
TICK_BUDGET_SECONDS = 240
# Errors of the lookup after which nothing can be known without an admin.
POSTS = frozenset({"chat.postMessage"})
# A person's own Slack, written with their user token (outbox/owe.py set_status … revoke_consent).
PROFILE_SET = "users.profile.set"
PROFILE_GET = "users.profile.get"
SNOOZE = "dnd.setSnooze"
END_SNOOZE = "dnd.endSnooze"
REVOKE = "auth.revoke"
PERSONAL = frozenset({PROFILE_SET, SNOOZE, END_SNOOZE, REVOKE})
# A Workflow Builder step's completion, with its execution's token (outbox/owe.py complete_step).
STEP_METHODS = frozenset({"functions.completeSuccess", "functions.completeError"})
# Slack's answers meaning the person's token no longer works: consent is over.
TOKEN_GONE = frozenset({"token_revoked", "invalid_auth", "account_inactive", "token_expired"})
# Why a status write was left unsent, in the row's record.
_GUARD_REASONS = {
	"persons_own": "left alone: the person set a status of their own",
	"already_done": "nothing to clear: no status is shown",
}
# After consent ends on Slack's side: the person's Home tab shows it (a job of the away flow).
CONSENT_LOST_METHOD = "frappe_slack_connector.flows.away.jobs.after_consent_lost"
_DM_PREFIXES = ("U", "W")


@dataclass
class _Plan:
	"""One claimed row, resolved in this thread: the call to make (or the outcome already known)."""

	row: Any
	method: str
	body: str = deliveries.EMPTY_BODY  # the stored JSON text, sent as it is with `kwargs` beside it
	kwargs: dict[str, Any] = field(default_factory=dict)
	channel: str | None = None  # where the message goes (a DM: the user id until opened)
	lookup: bool = False
	find_email: str | None = None  # to_user is not linked yet: their Slack account, by e-mail
	person_client: Any = None  # a personal write: the client with the person's user token
	step_client: Any = None  # a step's completion: the client with its execution's token
	ours: dict[str, Any] | None = None  # a status write: the status the app set last


@dataclass
class _Result:
	data: dict[str, Any] | None = None
	error: slack_client.SlackCallError | None = None
	found_ts: str | None = None  # the lookup found the post
	found_channel: str | None = None
	lookup_error: slack_client.SlackCallError | None = None
	defer_seconds: float | None = None  # the limiter said wait: back to Pending, no attempt
	member: dict[str, Any] | None = None  # the recipient's Slack account, found by e-mail
	no_account: bool = False  # no Slack account has the recipient's e-mail
	left_alone: str | None = None  # a status write the guard kept back, and why


def drain_job() -> None:
	"""The job every commit that owes something enqueues: deliver what is due now."""
	drain(budget_seconds=0)


def tick() -> None:
	"""Scheduler (every tick): make sure a drain runs, waiting a while for rows soon due, so an
	outage's backlog goes out within a minute of Slack coming back."""
	erp_jobs.enqueue_deduplicated(TICK_METHOD, job_id=DRAIN_JOB_ID, budget_seconds=TICK_BUDGET_SECONDS)


def drain(budget_seconds: float = 0, *, worker: str | None = None) -> dict[str, int]:
	"""Deliver every due row; with a budget, wait for rows due within it. Counts by outcome."""
	worker = worker or f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
	deadline = time.monotonic() + max(budget_seconds, 0)
	stats: dict[str, int] = {}
	web_client = None  # the site's OUTBOX client, built once a row is claimed
	limiter = erp_rate_limit.Limiter.for_site()
	with ThreadPoolExecutor(max_workers=THREADS, thread_name_prefix="slack-outbox") as pool:
		while True:
			now = clock.now()
			heads = deliveries.due_heads(now, limit=BATCH)
			if heads:
				rows = deliveries.claim(heads, worker=worker, now=now, lease_seconds=LEASE_SECONDS)
				if rows:
					if web_client is None:
						web_client = slack_site.client(path=slack_site.OUTBOX)
					_round(
						rows,
						worker,
						stats,
						lambda plan, c=web_client: pool.submit(_attempt, plan, c, limiter),
					)
				continue
			next_at = deliveries.next_due_at()
			if next_at is None:
				break
			wait = (next_at - clock.now()).total_seconds()
			# Due but not a head: it waits behind its sequence's head, which another worker holds
			# or an admin must retry; nothing to wait for here.
			if wait <= 0 or time.monotonic() + wait > deadline:
				break
			time.sleep(min(wait, 5.0))
	return stats


def _round(rows, worker: str, stats: dict[str, int], submit) -> None:
	"""Plan every claimed row here, send them through `submit` (the pool), record each outcome
	here as it comes."""
	plans = []
	for row in rows:
		plan = _plan(row, worker, stats)
		if plan is not None:
			plans.append(plan)
	futures = {submit(plan): plan for plan in plans}
	for future in as_completed(futures):
		plan = futures[future]
		try:
			result = future.result()
		except Exception as exc:  # a bug, not Slack: the row goes back with the reason
			result = _Result(
				error=slack_client.SlackCallError(plan.method, "request_error", detail=type(exc).__name__)
			)
		_record(plan, result, worker, stats)


# ------------------------------------------------------------------ in this thread: plan, record


def _plan(row, worker: str, stats: dict[str, int]) -> _Plan | None:
	"""The call for `row`, or None when its outcome is decided without Slack (recorded here)."""
	method = row.method
	about = (row.reference_doctype, row.reference_name)
	if method in (*POSTS, "chat.postEphemeral") and all(about) and not deliveries.document_exists(*about):
		_close(row, worker, deliveries.DROPPED, "document deleted", stats)
		return None
	if method in PERSONAL:
		return _personal_plan(row, worker, stats)
	addressed = _recipient(row, worker, stats)
	if addressed is None:
		return None
	channel, find_email = addressed
	target_channel, target_ts = row.target_channel, row.target_ts
	if row.target and not target_ts:
		target = deliveries.target_of(row.target)
		if target is None or target.status in (deliveries.DROPPED, deliveries.FAILED):
			_close(row, worker, deliveries.DROPPED, "target not delivered", stats)
			return None
		if target.status != deliveries.DELIVERED:
			# Its post is not out yet (another sequence's head): wait for it, not an attempt.
			_finish(row, worker, {"status": deliveries.PENDING, "next_attempt_at": _later(5)}, None)
			_count(stats, "waiting")
			return None
		target_channel, target_ts = target.result_channel, target.result_ts
	# Beside the stored body: the fields it was owed with (a row of the previous version has
	# them inside its body, and none here), then where it goes.
	kwargs = deliveries.loads(row.request_fields) or {}
	if method in POSTS:
		kwargs["channel"] = channel if not target_ts or not target_channel else target_channel
		if target_ts:
			kwargs["thread_ts"] = target_ts
		kwargs["metadata"] = core.delivery_metadata(row.name)
	elif method == "chat.postEphemeral":
		kwargs["channel"] = channel
	elif method in ("chat.update", "chat.delete"):
		kwargs["channel"], kwargs["ts"] = target_channel, target_ts
		channel = target_channel
	elif method == "views.publish":
		kwargs["user_id"] = channel
	return _Plan(
		row=row,
		method=method,
		body=row.body or deliveries.EMPTY_BODY,
		kwargs=kwargs,
		channel=kwargs.get("channel") or channel,
		# Only a post can be looked for; a step completion repeated tells by Slack's answer.
		lookup=bool(row.outcome_unknown) and method in POSTS,
		find_email=find_email,
		step_client=_step_client(kwargs) if method in STEP_METHODS else None,
	)


def _step_client(kwargs: dict[str, Any]):
	"""The client completing a step: with its execution's token while it is kept, else None (the
	bot token's)."""
	token = erp_steps.token_of(str(kwargs.get("function_execution_id") or ""))
	return slack_site.person_client(token, path=slack_site.OUTBOX) if token else None


def _after_step(row) -> None:
	"""A step's completion is closed: its token is needed no more."""
	fields = deliveries.loads(row.request_fields) or {}
	if fields.get("function_execution_id"):
		erp_steps.forget_token(str(fields["function_execution_id"]))


def _personal_plan(row, worker: str, stats: dict[str, int]) -> _Plan | None:
	"""A write to the person's own Slack with their token, read now: none any more, or consent
	withdrawn before a set or a snooze went out → Dropped. Clears, ends and the revoke still go
	while the token is there (they are what withdrawing owes)."""
	user = row.to_user
	token = erp_away.user_token(user)
	state = erp_away.state(user)
	starts = row.method == SNOOZE or (row.method == PROFILE_SET and not _clears(row))
	if not token or state is None or (starts and not state.consent):
		_close(row, worker, deliveries.DROPPED, "consent withdrawn", stats)
		return None
	return _Plan(
		row=row,
		method=row.method,
		body=row.body or deliveries.EMPTY_BODY,
		kwargs=deliveries.loads(row.request_fields) or {},
		# The limiter's key: one person's writes share a turn.
		channel=state.slack_user_id,
		person_client=slack_site.person_client(token, path=slack_site.OUTBOX),
		ours=state.ours,
	)


def _clears(row) -> bool:
	return row.method == PROFILE_SET and not core.away_status_of(row.body or deliveries.EMPTY_BODY)


def _recipient(row, worker: str, stats: dict[str, int]) -> tuple[str | None, str | None] | None:
	"""(channel, e-mail to find its Slack account by) of `row`, or None when it is closed here."""
	if not row.to_user:
		return row.channel, None
	channel = recipients.linked(row.to_user)
	if channel:
		return channel, None
	if row.method == "views.publish":
		# Only someone who uses the app has a Home tab to update; nobody to look for.
		_close(row, worker, deliveries.DROPPED, f"{row.to_user} is not linked to Slack", stats)
		return None
	email = recipients.email_of(row.to_user)
	if not email:
		_no_account(row, worker, stats, f"{row.to_user} has no e-mail address to find in Slack")
		return None
	return None, email


def _record(plan: _Plan, result: _Result, worker: str, stats: dict[str, int]) -> None:
	row = plan.row
	if result.member is not None:
		recipients.remember(row.to_user, result.member)
	if result.no_account:
		_no_account(row, worker, stats, f"no Slack account has the e-mail {plan.find_email}")
		return
	if row.method in PERSONAL and _personal_outcome(plan, result, worker, stats):
		return
	if result.defer_seconds is not None:
		_finish(
			row, worker, {"status": deliveries.PENDING, "next_attempt_at": _later(result.defer_seconds)}, None
		)
		_count(stats, "deferred")
		return
	if result.found_ts:
		_delivered(row, worker, result.found_channel or plan.channel, result.found_ts, stats, found=True)
		return
	if result.lookup_error is not None:
		err = result.lookup_error
		kind = core.classify_delivery_error(err.method, err.error, http_status=err.status)
		if kind == "permanent":
			reason = f"may be in Slack already and cannot be looked for: {_reason(err)}"
			_close(row, worker, deliveries.UNKNOWN, reason, stats, short="outcome unknown")
		else:
			_retry(row, worker, err, stats)
		return
	if result.error is None:
		data = result.data or {}
		channel = data.get("channel") or plan.channel
		_delivered(row, worker, channel, data.get("ts") or "", stats)
		return
	_record_error(plan, result.error, worker, stats)


def _record_error(plan: _Plan, err: slack_client.SlackCallError, worker: str, stats: dict[str, int]) -> None:
	"""The call (or finding its recipient first) failed with `err`: done before, retry, unknown or
	failed."""
	row = plan.row
	if core.delivery_done_before(
		err.method,
		err.error,
		earlier_outcome_unknown=bool(row.outcome_unknown),
		with_execution_token=plan.step_client is not None,
	):
		_delivered(row, worker, plan.channel, "", stats, done_before=True)
		return
	kind = core.classify_delivery_error(err.method, err.error, http_status=err.status)
	if kind == "permanent":
		_close(row, worker, deliveries.FAILED, _reason(err), stats, short=err.error)
	elif kind == "unknown" and err.method not in (POSTS | STEP_METHODS):
		reason = f"{err.method} may have been shown and cannot be looked for: {_reason(err)}"
		_close(row, worker, deliveries.UNKNOWN, reason, stats, short="outcome unknown")
	else:
		_retry(row, worker, err, stats, outcome_unknown=kind == "unknown")


def _personal_outcome(plan: _Plan, result: _Result, worker: str, stats: dict[str, int]) -> bool:
	"""Outcomes of a personal write that are not the usual ones: a status write the guard kept
	back (Dropped, saying why), a token Slack no longer takes, no snooze to end. True when
	recorded here."""
	row = plan.row
	if result.left_alone is not None:
		reason = _GUARD_REASONS.get(result.left_alone, result.left_alone)
		_close(row, worker, deliveries.DROPPED, reason, stats)
		return True
	err = result.error
	if err is None:
		return False
	if err.error in TOKEN_GONE:
		user = row.to_user
		if row.method == REVOKE:
			# Already revoked (the person removed the app in Slack): what the revoke wanted.
			_finish(
				row,
				worker,
				_done_values(row, f"token already gone: {err.error}"),
				lambda: erp_away.erase_token(user),
			)
			_count(stats, "delivered")
			return True

		def then() -> None:
			erp_away.erase_token(user)
			erp_jobs.enqueue_after_commit(CONSENT_LOST_METHOD, user=user)
			_log_not_sent(row, err.error, f"{_reason(err)}; consent ended, the token was erased")

		_finish(
			row,
			worker,
			{"status": deliveries.FAILED, "last_error": f"consent ended: {_reason(err)}"[:1000]},
			then,
		)
		_count(stats, "failed")
		return True
	if row.method == END_SNOOZE and err.error == "snooze_not_active":
		_finish(row, worker, _done_values(row, "no snooze was active"), None)
		_count(stats, "delivered")
		return True
	return False


def _done_values(row, note: str) -> dict[str, Any]:
	return {
		"status": deliveries.DELIVERED,
		"attempts": int(row.attempts or 0) + 1,
		"delivered_at": clock.now(),
		"outcome_unknown": 0,
		"last_error": note,
	}


def _after_personal(row) -> None:
	"""What a delivered personal write leaves: the status the app set (the guard's "ours"), or
	after the revoke no token at all."""
	if row.method == PROFILE_SET:
		status = core.away_status_of(row.body or deliveries.EMPTY_BODY)
		erp_away.store_ours(row.to_user, status or None)
	elif row.method == REVOKE:
		erp_away.erase_token(row.to_user)


def _delivered(
	row,
	worker: str,
	channel: str | None,
	ts: str,
	stats: dict[str, int],
	*,
	found: bool = False,
	done_before: bool = False,
) -> None:
	now = clock.now()
	values = {
		"status": deliveries.DELIVERED,
		"attempts": int(row.attempts or 0) + (0 if found else 1),
		"delivered_at": now,
		"result_channel": channel,
		"result_ts": ts,
		"outcome_unknown": 0,
		"last_error": (
			"found in Slack after an unknown outcome"
			if found
			else "done by an earlier attempt whose outcome was unknown"
			if done_before
			else None
		),
	}
	record = Record.from_json(deliveries.loads(row.record))

	def then() -> None:
		if record is not None and channel and ts:
			records.on_delivered(record, delivery=row.name, channel=channel, ts=ts)
		if row.method in PERSONAL:
			_after_personal(row)
		if row.method in STEP_METHODS:
			_after_step(row)

	_finish(row, worker, values, then)
	_count(stats, "delivered")


def _retry(row, worker: str, err, stats: dict[str, int], *, outcome_unknown: bool | None = None) -> None:
	attempts = int(row.attempts or 0) + 1
	now = clock.now()
	give_up_at = row.give_up_at and _dt(row.give_up_at)
	if give_up_at and now >= give_up_at:
		_close(
			row,
			worker,
			deliveries.FAILED,
			f"gave up after {attempts} attempts: {_reason(err)}",
			stats,
			attempts=attempts,
			short=err.error,
		)
		return
	seed = int.from_bytes(hashlib.sha256(f"{row.name}:{attempts}".encode()).digest()[:8], "big")
	# A 429 says when to come back: Retry-After, not a backoff that grows with each refusal.
	rate_limited = err.retry_after is not None
	delay = core.next_retry_delay(1 if rate_limited else attempts, retry_after=err.retry_after, seed=seed)
	values = {
		"status": deliveries.PENDING,
		"attempts": attempts,
		"next_attempt_at": now + datetime.timedelta(seconds=delay),
		"last_error": _reason(err),
	}
	if outcome_unknown is not None:
		values["outcome_unknown"] = 1 if (outcome_unknown or row.outcome_unknown) else 0
	_finish(row, worker, values, None)
	_count(stats, "retry")


def _no_account(row, worker: str, stats: dict[str, int], reason: str) -> None:
	role = row.recipient_role or "recipient"
	_close(row, worker, deliveries.FAILED, reason, stats, short=f"{role} has no Slack account")


def _close(
	row,
	worker: str,
	status: str,
	reason: str,
	stats: dict[str, int],
	*,
	attempts: int | None = None,
	short: str | None = None,
) -> None:
	"""Close `row` as `status` with `reason`; `short` (for Failed and Unknown) ends the Error Log's
	title an admin gets: "<what> not sent: <short>"."""
	values = {"status": status, "last_error": reason[:1000]}
	if attempts is not None:
		values["attempts"] = attempts
	record = Record.from_json(deliveries.loads(row.record))

	def then() -> None:
		if record is not None:
			# What the record keeps is the short reason (Slack's error code) when there is one.
			records.on_failed(record, status=status, reason=short or reason)
		if short is not None:
			_log_not_sent(row, short, reason)
		if row.method in STEP_METHODS:
			_after_step(row)

	_finish(row, worker, values, then)
	_count(stats, status.lower())


def _finish(row, worker: str, values: dict[str, Any], then) -> None:
	"""Write the outcome if the row is still ours, with what it records; committed."""
	try:
		if deliveries.finish(row.name, values, worker=worker) and then is not None:
			then()
		deliveries.commit()
	except Exception:
		deliveries.rollback()
		raise


# How an Error Log's title says a call did not happen: "Leave reminder not updated: …".
_NOT_DONE = {"chat.update": "not updated", "chat.delete": "not deleted", "views.publish": "not published"}


def _log_not_sent(row, short: str, reason: str) -> None:
	what = row.what or f"Slack {row.method}"
	erp_log.log_error(
		f"{what} {_NOT_DONE.get(row.method, 'not sent')}: {short}",
		f"Slack Delivery {row.name}: {reason}",
		reference_doctype=row.reference_doctype or None,
		reference_name=row.reference_name or None,
	)


def _reason(err: slack_client.SlackCallError) -> str:
	hint = err.hint
	return f"{err}. {hint}" if hint else str(err)


def _later(seconds: float) -> datetime.datetime:
	return clock.now() + datetime.timedelta(seconds=seconds)


def _dt(value) -> datetime.datetime:
	return value if isinstance(value, datetime.datetime) else datetime.datetime.fromisoformat(str(value))


def _count(stats: dict[str, int], key: str) -> None:
	stats[key] = stats.get(key, 0) + 1


# ------------------------------------------------------------------------ in the pool: HTTP only


def _attempt(plan: _Plan, web_client, limiter: erp_rate_limit.Limiter) -> _Result:
	"""Find an unlinked recipient's account, look for the post first when its last outcome is
	unknown, then send it; Slack calls only."""
	if plan.person_client is not None:
		return _send_personal(plan, limiter)
	if plan.step_client is not None:
		return _send(plan, plan.step_client, limiter)
	member = None
	if plan.find_email:
		waited = _take_turn(limiter, recipients.LOOKUP, None)
		if waited is not None:
			return _Result(defer_seconds=waited)
		try:
			member = recipients.look_up(web_client, plan.find_email)
		except slack_client.SlackCallError as err:
			return _Result(error=err)
		if member is None:
			return _Result(no_account=True)
		_address(plan, member["id"])
	result = _send(plan, web_client, limiter)
	result.member = member
	return result


def _address(plan: _Plan, slack_id: str) -> None:
	"""Send `plan` to the Slack user found for its recipient."""
	if plan.method == "views.publish":
		plan.kwargs["user_id"] = slack_id
	elif not plan.kwargs.get("channel"):
		plan.kwargs["channel"] = slack_id
	plan.channel = plan.kwargs.get("channel") or slack_id


def _send(plan: _Plan, web_client, limiter: erp_rate_limit.Limiter) -> _Result:
	if plan.lookup:
		try:
			found = _look_up(plan, web_client, limiter)
		except slack_client.SlackCallError as err:
			return _Result(lookup_error=err)
		if isinstance(found, _Result):
			return found
		if found is not None:
			return _Result(found_ts=found[1], found_channel=found[0])
	waited = _take_turn(limiter, plan.method, plan.channel)
	if waited is not None:
		return _Result(defer_seconds=waited)
	try:
		body = core.request_body(plan.body, plan.kwargs)
		return _Result(data=slack_client.call_json(web_client, plan.method, body))
	except slack_client.SlackCallError as err:
		if err.error == "ratelimited" or err.status == 429:
			limiter.pause(plan.method, plan.channel, err.retry_after or 1.0)
		return _Result(error=err)


def _send_personal(plan: _Plan, limiter: erp_rate_limit.Limiter) -> _Result:
	"""A write with the person's token. A status write first reads what Slack shows and goes out
	only where the guard lets it (`core.guard_away_status`): the person's own status stays."""
	web_client = plan.person_client
	try:
		if plan.method == PROFILE_SET:
			waited = _take_turn(limiter, PROFILE_GET, plan.channel)
			if waited is not None:
				return _Result(defer_seconds=waited)
			current = slack_client.call(web_client, PROFILE_GET)
			guard = core.guard_away_status(plan.body, dict(current), plan.ours)
			if guard != "send":
				return _Result(left_alone=guard)
	except slack_client.SlackCallError as err:
		return _Result(error=err)
	return _send(plan, web_client, limiter)


def _take_turn(limiter: erp_rate_limit.Limiter, method: str, channel: str | None) -> float | None:
	"""Wait for the limiter (None: go now), or the seconds to put the row back for."""
	waited = 0.0
	while True:
		wait = limiter.take(method, channel)
		if wait <= 0:
			return None
		if waited + wait > MAX_LIMITER_WAIT_SECONDS:
			return wait
		time.sleep(wait)
		waited += wait


def _look_up(plan: _Plan, web_client, limiter) -> tuple[str, str] | _Result | None:
	"""(channel, ts) of the post in Slack, None when it is not there."""
	channel = plan.kwargs.get("channel") or plan.channel
	if channel and channel.startswith(_DM_PREFIXES):
		waited = _take_turn(limiter, "conversations.open", None)
		if waited is not None:
			return _Result(defer_seconds=waited)
		opened = slack_client.call(web_client, "conversations.open", users=channel)
		channel = (opened.get("channel") or {}).get("id") or channel
	oldest = clock.epoch_seconds(_dt(plan.row.creation)) - LOOKUP_MARGIN_SECONDS
	cursor = None
	for _page in range(LOOKUP_PAGES):
		waited = _take_turn(limiter, "conversations.history", channel)
		if waited is not None:
			return _Result(defer_seconds=waited)
		args = {
			"channel": channel,
			"oldest": f"{oldest:.6f}",
			"include_all_metadata": True,
			"limit": LOOKUP_PAGE,
		}
		if cursor:
			args["cursor"] = cursor
		history = dict(slack_client.call(web_client, "conversations.history", **args))
		ts = core.find_delivery_in_history(history, plan.row.name)
		if ts:
			return channel, ts
		cursor = ((history.get("response_metadata") or {}).get("next_cursor")) or None
		if not history.get("has_more") or not cursor:
			return None
	raise slack_client.SlackCallError(
		"conversations.history",
		"too_many_messages",
		detail=f"not in the last {LOOKUP_PAGE * LOOKUP_PAGES} messages",
	)

"""The outbox (issue 23): jobs owe, the outbox delivers. Owing writes a Slack Delivery row in
the owing transaction and calls no Slack; the relay delivers every row once, in order per
sequence, through outages, unknown outcomes, rate limits and concurrent workers."""

from __future__ import annotations

import datetime
import json
import threading
from zoneinfo import ZoneInfo

import frappe
import pytest

from frappe_slack_connector.api import outbox as outbox_api
from frappe_slack_connector.erp import deliveries, slack_messages
from frappe_slack_connector.outbox import owe, relay
from frappe_slack_connector.slack import client as slack_client

JANE = "U0JANE0001"
JANE_EMAIL = "jane@example.com"
# What the builders give the outbox: a message's JSON text.
MESSAGE_DICT = {
	"text": "Leave request",
	"blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "Leave request"}}],
}
MESSAGE = json.dumps(MESSAGE_DICT)
DECIDED = json.dumps(
	{
		"text": "Approved",
		"blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "Approved"}}],
	}
)


@pytest.fixture
def outbox(app):
	app.site.make_user(JANE_EMAIL, roles=["Employee"], full_name="Jane Doe")
	app.slack.add_user(id=JANE, email=JANE_EMAIL, real_name="Jane Doe", name="jane")
	frappe.db.commit()
	return app


def row(name):
	return frappe.db.get_value(
		deliveries.DOCTYPE, name, ["status", "last_error", "body", "sequence"], as_dict=True
	)


def test_owing_writes_a_row_and_calls_no_slack(outbox):
	name = owe.post(MESSAGE, channel=JANE, about=("User", JANE_EMAIL))
	assert outbox.slack.calls == []
	assert row(name).status == "Pending"
	assert row(name).sequence == f"User:{JANE_EMAIL}"
	assert outbox.site.queued_jobs() == []  # the drain is enqueued by the commit
	frappe.db.commit()
	assert [job.job_id for job in outbox.site.queued_jobs()] == [relay.DRAIN_JOB_ID]


def test_a_rolled_back_transaction_owes_nothing(outbox):
	owe.post(MESSAGE, channel=JANE)
	frappe.db.rollback()
	assert frappe.get_all(deliveries.DOCTYPE) == []
	assert outbox.site.queued_jobs() == []
	frappe.db.commit()
	assert outbox.site.queued_jobs() == []


def test_many_owes_in_one_transaction_enqueue_one_drain(outbox):
	for _ in range(3):
		owe.post(MESSAGE, channel=JANE)
	frappe.db.commit()
	owe.post(MESSAGE, channel=JANE)
	frappe.db.commit()
	assert [job.job_id for job in outbox.site.queued_jobs()] == [relay.DRAIN_JOB_ID]


def test_an_update_of_a_pending_post_folds_into_it(outbox):
	post = owe.post(MESSAGE, channel=JANE, about=("User", JANE_EMAIL))
	upd = owe.update(DECIDED, target=post)
	assert row(upd).status == "Dropped"
	assert row(upd).last_error == f"folded into {post}"
	assert deliveries.loads(row(post).body)["text"] == "Approved"


def test_two_pending_updates_coalesce_into_the_latest(outbox):
	first = owe.update(MESSAGE, target=("D0JANE0001", "1700000000.000100"))
	second = owe.update(DECIDED, target=("D0JANE0001", "1700000000.000100"))
	assert row(first).status == "Dropped"
	assert row(first).last_error == f"superseded by {second}"
	assert row(second).status == "Pending"


def test_a_home_tab_owed_twice_keeps_the_latest(outbox):
	view = '{"type": "home", "blocks": []}'
	first = owe.publish_home(view, user_id=JANE)
	second = owe.publish_home(view, user_id=JANE)
	assert row(first).status == "Dropped"
	assert row(second).status == "Pending"


def test_a_recorded_post_is_listed_before_it_is_sent(outbox):
	name = owe.post(
		MESSAGE,
		to_user=JANE_EMAIL,
		about=("User", JANE_EMAIL),
		record=owe.Record.slack_message(slack_messages.APPROVAL_REQUEST, JANE_EMAIL),
	)
	listed = slack_messages.following("User", JANE_EMAIL)
	assert [(m.delivery, m.ts) for m in listed] == [(name, None)]


def test_the_body_is_stored_as_built_and_its_fields_apart(outbox):
	post = owe.post(MESSAGE, channel=JANE, reply_broadcast=True)
	notice = owe.ephemeral(DECIDED, channel="C0CHAN0001", user=JANE)
	stored = frappe.db.get_value(deliveries.DOCTYPE, post, ["body", "request_fields"], as_dict=True)
	assert stored.body == MESSAGE and json.loads(stored.request_fields) == {"reply_broadcast": True}
	stored = frappe.db.get_value(deliveries.DOCTYPE, notice, ["body", "request_fields"], as_dict=True)
	assert stored.body == DECIDED and json.loads(stored.request_fields) == {"user": JANE}
	home = owe.publish_home('{"type":"home","blocks":[]}', user_id=JANE)
	assert row(home).body == '{"view":{"type":"home","blocks":[]}}'


def test_a_body_the_relay_could_not_send_is_refused_when_owed(outbox):
	from frappe_slack_connector import core  # noqa: PLC0415

	for bad in ("", "[]", '{"text": "x"', '"text"'):
		with pytest.raises(core.InputError) as info:
			owe.post(bad, channel=JANE)
		assert info.value.reason == "not_an_object"
	with pytest.raises(core.InputError) as info:
		owe.ephemeral('{"text": "x", "user": "U0OTHER001"}', channel="C0CHAN0001", user=JANE)
	assert info.value.reason == "field_collision"
	assert frappe.get_all(deliveries.DOCTYPE) == []


def test_names_sort_in_owing_order(outbox):
	names = [owe.post(MESSAGE, channel=JANE) for _ in range(20)]
	assert names == sorted(names)


# ----------------------------------------------------------------------------------- the relay
#
# The app's clock is frozen just before the mock's message timestamps (1.7e9 s) so the lookup's
# window (owed time - 60 s) covers them, and moved on by hand: a retry's backoff never sleeps.

MOCK_EPOCH = 1_700_000_000


@pytest.fixture
def clock(outbox):
	tz = ZoneInfo(frappe.utils.get_system_timezone())
	start = datetime.datetime.fromtimestamp(MOCK_EPOCH - 10, tz).replace(tzinfo=None)
	state = {"now": start}
	outbox.site.freeze_time(start)

	def advance(seconds: float) -> datetime.datetime:
		state["now"] += datetime.timedelta(seconds=seconds)
		outbox.site.freeze_time(state["now"])
		return state["now"]

	yield advance
	outbox.site.freeze_time(None)


def owed(**kwargs) -> str:
	message = kwargs.pop("message", MESSAGE)
	name = owe.post(message, **kwargs)
	frappe.db.commit()
	return name


def posts(mock, name) -> int:
	return mock.count_with_metadata(event_type="frappe_slack_delivery", delivery=name)


def test_a_post_owed_during_an_outage_reaches_slack_once_after_recovery(outbox, clock):
	with outbox.slack.outage():
		name = owed(channel=JANE, about=("User", JANE_EMAIL))
		assert relay.drain() == {"retry": 1}
		state = row(name)
		assert state.status == "Pending" and "connection_error" in state.last_error
	clock(61)  # past any backoff (capped at 60 s)
	assert relay.drain() == {"delivered": 1}
	assert row(name).status == "Delivered"
	assert posts(outbox.slack, name) == 1
	assert relay.drain() == {}


def test_an_unknown_outcome_is_found_in_slack_and_not_sent_again(outbox, clock):
	outbox.slack.fail_after_doing_next("chat.postMessage", status=500)
	name = owed(channel=JANE)
	assert relay.drain() == {"retry": 1}
	assert frappe.db.get_value(deliveries.DOCTYPE, name, "outcome_unknown") == 1
	clock(61)
	assert relay.drain() == {"delivered": 1}
	assert len(outbox.slack.calls_to("chat.postMessage")) == 1  # looked up, not re-sent
	history = outbox.slack.last_call("conversations.history").args
	assert history["include_all_metadata"] in (True, "true", "1", 1)
	done = frappe.db.get_value(deliveries.DOCTYPE, name, ["status", "result_ts", "last_error"], as_dict=True)
	assert done.status == "Delivered" and done.result_ts
	assert done.last_error == "found in Slack after an unknown outcome"
	assert posts(outbox.slack, name) == 1


def test_an_unknown_outcome_not_found_in_slack_is_sent(outbox, clock):
	outbox.slack.delay_next(3, method="chat.postMessage", done=False)  # sent, never answered
	relay_timeout = slack_client.TIMEOUT_SECONDS
	slack_client.TIMEOUT_SECONDS = 1
	slack_client.clear_clients()
	try:
		name = owed(channel=JANE)
		assert relay.drain() == {"retry": 1}
	finally:
		slack_client.TIMEOUT_SECONDS = relay_timeout
		slack_client.clear_clients()
	clock(61)
	assert relay.drain() == {"delivered": 1}
	assert len(outbox.slack.calls_to("conversations.history")) == 1
	assert len(outbox.slack.calls_to("chat.postMessage")) == 2
	assert posts(outbox.slack, name) == 1


def test_a_5xx_post_not_done_is_looked_for_then_sent(outbox, clock):
	outbox.slack.server_error_next(500, method="chat.postMessage")
	name = owed(channel=JANE)
	assert relay.drain() == {"retry": 1}
	clock(61)
	assert relay.drain() == {"delivered": 1}
	assert posts(outbox.slack, name) == 1


def test_when_the_lookup_is_impossible_the_delivery_is_unknown_with_the_reason(outbox, clock):
	outbox.slack.revoke_scopes("im:history")
	outbox.slack.fail_after_doing_next("chat.postMessage", status=500)
	name = owed(channel=JANE)
	relay.drain()
	clock(61)
	assert relay.drain() == {"unknown": 1}
	state = row(name)
	assert state.status == "Unknown"
	assert "missing_scope" in state.last_error
	assert len(outbox.slack.calls_to("chat.postMessage")) == 1  # never guessed
	clock(3600)
	assert relay.drain() == {}  # waits for an admin


def test_a_permanent_error_fails_with_the_reason_and_is_never_retried(outbox, clock):
	outbox.slack.fail_next("chat.postMessage", "channel_not_found")
	name = owed(channel="C0GONE0001")
	assert relay.drain() == {"failed": 1}
	state = row(name)
	assert state.status == "Failed" and "channel_not_found" in state.last_error
	clock(3600)
	assert relay.drain() == {}
	assert len(outbox.slack.calls_to("chat.postMessage")) == 1


def test_retry_now_sends_a_failed_delivery_again(outbox, clock):
	outbox.slack.fail_next("chat.postMessage", "not_in_channel")
	name = owed(channel="C0LATER001")
	relay.drain()
	assert row(name).status == "Failed"
	frappe.set_user("Administrator")
	assert outbox_api.retry_now(name)["status"] == "Pending"
	frappe.db.commit()
	assert [job.job_id for job in outbox.site.queued_jobs()][-1] == relay.DRAIN_JOB_ID
	assert relay.drain() == {"delivered": 1}
	assert posts(outbox.slack, name) == 1
	with pytest.raises(frappe.ValidationError):
		outbox_api.retry_now(name)  # delivered: nothing to retry


def test_it_gives_up_after_the_horizon_with_the_reason(outbox, clock):
	with outbox.slack.outage():
		name = owed(channel=JANE)
		relay.drain()
		clock(24 * 3600 + 1)
		assert relay.drain() == {"failed": 1}
	state = row(name)
	assert state.status == "Failed"
	assert (
		state.last_error.startswith("gave up after 2 attempts: ") and "connection_error" in state.last_error
	)


def test_per_sequence_order_survives_a_failing_then_retried_post(outbox, clock):
	about = ("User", JANE_EMAIL)
	outbox.slack.fail_after_doing_next("chat.postMessage", status=500)
	first = owed(channel=JANE, about=about)
	relay.drain()
	# Owed while the first post's outcome is unknown: the rewrite cannot fold into it (it may be
	# in Slack as it was), so it waits behind it, and so does a later post about the document.
	upd = owe.update(DECIDED, target=first, about=about)
	later = owe.post(
		json.dumps({"text": "Later", "blocks": MESSAGE_DICT["blocks"]}), channel=JANE, about=about
	)
	frappe.db.commit()
	assert relay.drain() == {}  # the head is backing off: nothing overtakes it
	clock(61)
	assert relay.drain() == {"delivered": 3}
	sent = [(c.method, c.args.get("text")) for c in outbox.slack.calls if c.method.startswith("chat.")]
	assert sent == [
		("chat.postMessage", "Leave request"),
		("chat.update", "Approved"),
		("chat.postMessage", "Later"),
	]
	assert outbox.slack.last_call("chat.update").args["ts"] == frappe.db.get_value(
		deliveries.DOCTYPE, first, "result_ts"
	)
	assert {row(n).status for n in (first, upd, later)} == {"Delivered"}
	assert posts(outbox.slack, first) == 1


def test_pending_rewrites_collapse_into_the_latest(outbox, clock):
	name = owed(channel=JANE)
	relay.drain()
	owe.update(MESSAGE, target=name)
	owe.update(DECIDED, target=name)
	frappe.db.commit()
	assert relay.drain() == {"delivered": 1}
	[update] = outbox.slack.calls_to("chat.update")
	assert update.args["text"] == "Approved"


def test_an_update_of_a_post_not_yet_sent_goes_out_with_the_post(outbox, clock):
	name = owe.post(MESSAGE, channel=JANE)
	owe.update(DECIDED, target=name)
	frappe.db.commit()
	assert relay.drain() == {"delivered": 1}
	assert [c.args["text"] for c in outbox.slack.calls_to("chat.postMessage")] == ["Approved"]
	assert outbox.slack.calls_to("chat.update") == []


def _owed_by_the_previous_version(method: str, body: dict, **values) -> str:
	"""A row as the previous version wrote it: the whole body `json.dumps`ed (sorted keys, the
	fields it set inside), no `request_fields`."""
	name = deliveries.insert({"method": method, "body": deliveries.dumps(body), **values})
	frappe.db.set_value(deliveries.DOCTYPE, name, "request_fields", None)
	return name


def test_rows_owed_by_the_previous_version_still_send(outbox, clock):
	post = _owed_by_the_previous_version(
		"chat.postMessage", {**MESSAGE_DICT, "reply_broadcast": True}, channel=JANE, sequence="old:1"
	)
	notice = _owed_by_the_previous_version(
		"chat.postEphemeral", {**MESSAGE_DICT, "user": JANE}, channel="C0CHAN0001", sequence="old:2"
	)
	view = {"type": "home", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "Hi"}}]}
	home = _owed_by_the_previous_version("views.publish", {"view": view}, channel=JANE, sequence="old:3")
	frappe.db.commit()
	assert relay.drain() == {"delivered": 3}
	sent = outbox.slack.last_call("chat.postMessage").args
	assert sent["channel"] == JANE and sent["reply_broadcast"] is True
	assert sent["text"] == MESSAGE_DICT["text"] and sent["blocks"] == MESSAGE_DICT["blocks"]
	assert posts(outbox.slack, post) == 1
	sent = outbox.slack.last_call("chat.postEphemeral").args
	assert sent["channel"] == "C0CHAN0001" and sent["user"] == JANE
	assert outbox.slack.home_view(JANE)["blocks"] == view["blocks"]
	assert {row(n).status for n in (post, notice, home)} == {"Delivered"}


def test_an_update_of_a_pending_post_of_the_previous_version_goes_out_after_it(outbox, clock):
	post = _owed_by_the_previous_version(
		"chat.postEphemeral", {**MESSAGE_DICT, "user": JANE}, channel="C0CHAN0001", sequence="old:1"
	)
	update = owe.update(DECIDED, target=post)
	assert row(update).status == "Pending"  # not folded: that body keeps its fields inside
	assert deliveries.loads(row(post).body)["user"] == JANE


def test_a_post_about_a_deleted_document_is_dropped_with_the_reason(outbox, clock):
	outbox.site.make_user("gone@example.com", roles=["Employee"], full_name="Gone")
	name = owed(channel=JANE, about=("User", "gone@example.com"))
	frappe.db.delete("User", {"name": "gone@example.com"})
	frappe.db.commit()
	assert relay.drain() == {"dropped": 1}
	assert row(name).status == "Dropped" and row(name).last_error == "document deleted"
	assert outbox.slack.calls_to("chat.postMessage") == []


def test_a_recorded_post_fills_its_slack_message_once_delivered(outbox, clock):
	frappe.get_doc({"doctype": "Slack User Meta", "user": JANE_EMAIL, "slack_user_id": JANE}).insert(
		ignore_permissions=True
	)
	name = owe.post(
		MESSAGE,
		to_user=JANE_EMAIL,
		about=("User", JANE_EMAIL),
		record=owe.Record.slack_message(slack_messages.APPROVAL_REQUEST, JANE_EMAIL),
	)
	frappe.db.commit()
	assert relay.drain() == {"delivered": 1}
	[message] = slack_messages.following("User", JANE_EMAIL)
	assert (message.delivery, message.channel, message.ts) == (name, "D0JANE0001", row_ts(name))


def row_ts(name):
	return frappe.db.get_value(deliveries.DOCTYPE, name, "result_ts")


def test_two_workers_draining_one_outbox_deliver_each_row_once(outbox, clock):
	names = [owe.post(MESSAGE, channel=f"C0CHAN{i:04d}") for i in range(24)]
	frappe.db.commit()
	outbox.slack.delay_each_call(0.05)
	errors = []

	def worker():
		try:
			relay.drain()
			frappe.db.commit()
		except BaseException as exc:
			frappe.db.rollback()
			errors.append(exc)

	threads = [threading.Thread(target=worker) for _ in range(2)]
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join(60)
	assert errors == []
	assert len(outbox.slack.calls_to("chat.postMessage")) == 24
	assert [posts(outbox.slack, n) for n in names] == [1] * 24
	assert {row(n).status for n in names} == {"Delivered"}


def test_a_claim_whose_lease_expired_is_taken_over_and_delivered_once(outbox, clock):
	name = owed(channel=JANE)
	# A worker claims it and dies before calling Slack.
	[claimed] = deliveries.claim(
		[name], worker="dead-worker", now=frappe.utils.now_datetime(), lease_seconds=120
	)
	assert claimed.name == name and row(name).status == "Sending"
	assert relay.drain() == {}  # leased: nobody else touches it
	clock(121)
	assert relay.drain() == {"delivered": 1}
	assert posts(outbox.slack, name) == 1
	# The dead worker wakes up: the row is no longer its own, it records nothing.
	assert deliveries.finish(name, {"status": "Failed", "last_error": "late"}, worker="dead-worker") is False
	frappe.db.rollback()
	assert row(name).status == "Delivered"


def test_a_429_storm_slows_the_queue_but_loses_nothing(outbox, clock):
	outbox.slack.enforce_rate_limits()
	outbox.slack.rate_limit_next("chat.postMessage", retry_after=1, times=6)
	names = [
		owe.post(json.dumps({"text": f"n{i}", "blocks": MESSAGE_DICT["blocks"]}), channel="C0BUSY0001")
		for i in range(6)
	]
	frappe.db.commit()
	for _round in range(40):
		relay.drain()
		if all(row(n).status == "Delivered" for n in names):
			break
		clock(2)
	assert [posts(outbox.slack, n) for n in names] == [1] * 6
	statuses = [c.status for c in outbox.slack.calls_to("chat.postMessage")]
	assert statuses.count(429) >= 6 and statuses.count(200) == 6

"""The Slack mock's faults and Slack behaviours the outbox relies on, through slack_sdk's WebClient:
outages (refused connections), 5xx, posted-but-unanswered, slow answers, rate limits, message
metadata, conversations.history and the delivery counters."""

import json
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.error import URLError

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from frappe_slack_connector.tests.support.slack_mock import SLACK_RATE_LIMITS, RateLimit


@pytest.fixture
def client(slack_mock):
	return WebClient(token=slack_mock.bot_token, base_url=slack_mock.url, retry_handlers=[])


SECTION = {"type": "section", "text": {"type": "mrkdwn", "text": "hi"}}


def error_of(call):
	with pytest.raises(SlackApiError) as info:
		call()
	return info.value.response


def test_outage_refuses_the_connection_then_the_same_port_answers_again(slack_mock, client):
	url = slack_mock.url
	with slack_mock.outage():
		assert slack_mock.in_outage and slack_mock.url == url
		with pytest.raises(URLError) as info:
			client.chat_postMessage(channel="C1", text="never sent")
		assert isinstance(info.value.reason, ConnectionRefusedError)
		with pytest.raises(ConnectionRefusedError):
			socket.create_connection(("127.0.0.1", slack_mock.port), timeout=1).close()
	assert not slack_mock.in_outage and slack_mock.url == url
	assert [c.method for c in slack_mock.calls] == []  # the refused call never reached Slack
	assert client.chat_postMessage(channel="C1", text="after")["ok"]
	for _ in range(5):  # listening again on the same port is reliable
		slack_mock.start_outage()
		slack_mock.end_outage()
		assert client.auth_test()["ok"]


def test_reset_ends_an_outage_a_test_left_running(slack_mock, client):
	slack_mock.start_outage()
	slack_mock.start_outage()  # idempotent
	slack_mock.reset()
	assert client.auth_test()["ok"]


def test_server_error_answers_5xx_without_posting(slack_mock, client):
	slack_mock.server_error_next(503, method="chat.postMessage", times=2)
	assert client.auth_test()["ok"]  # another method is not affected
	for _ in range(2):
		resp = error_of(lambda: client.chat_postMessage(channel="C1", text="x"))
		assert resp.status_code == 503 and resp["error"] == "service_unavailable"
	assert slack_mock.messages == {}
	assert client.chat_postMessage(channel="C1", text="x")["ok"]

	slack_mock.server_error_next(500)  # whichever method comes next
	resp = error_of(client.auth_test)
	assert resp.status_code == 500 and resp["error"] == "internal_error"
	slack_mock.server_error_next(502, error="bad_gateway")
	assert error_of(lambda: client.users_info(user="U1")).status_code == 502
	with pytest.raises(ValueError):
		slack_mock.server_error_next(404)


def test_posted_but_answered_500_is_found_in_history_with_its_metadata(slack_mock, client):
	metadata = {"event_type": "frappe_slack_delivery", "event_payload": {"delivery": "SD-1"}}
	slack_mock.fail_after_doing_next("chat.postMessage", status=500)
	resp = error_of(lambda: client.chat_postMessage(channel="C1", text="x", metadata=metadata))
	assert resp.status_code == 500
	history = client.conversations_history(channel="C1", include_all_metadata=True)
	(message,) = history["messages"]
	assert message["metadata"] == metadata and message["text"] == "x"
	assert slack_mock.count_with_metadata("C1", delivery="SD-1") == 1


@pytest.mark.parametrize("done", [True, False])
def test_a_late_answer_times_the_client_out_posted_or_not(slack_mock, done):
	impatient = WebClient(token=slack_mock.bot_token, base_url=slack_mock.url, retry_handlers=[], timeout=0.2)
	slack_mock.delay_next(0.6, method="chat.postMessage", done=done)
	with pytest.raises(TimeoutError):
		impatient.chat_postMessage(channel="C1", text="slow")
	assert len(slack_mock.messages) == (1 if done else 0)
	assert impatient.chat_postMessage(channel="C1", text="fast")["ok"]  # only the next one was late


def test_scripted_429_carries_the_given_retry_after_n_times(slack_mock, client):
	slack_mock.rate_limit_next("chat.update", retry_after=12, times=2)
	for _ in range(2):
		resp = error_of(lambda: client.chat_update(channel="C1", ts="1.2", text="x"))
		assert resp.status_code == 429 and resp.headers["Retry-After"] == "12"
	assert (
		error_of(lambda: client.chat_update(channel="C1", ts="1.2", text="x"))["error"] == "message_not_found"
	)


def test_rate_limits_are_off_unless_enforced(slack_mock, client):
	for _ in range(10):
		assert client.chat_postMessage(channel="C1", text="x")["ok"]


def test_post_message_one_per_second_per_channel_after_a_short_burst(slack_mock, client):
	slack_mock.enforce_rate_limits()
	slack_mock.freeze_clock()
	for _ in range(SLACK_RATE_LIMITS["chat.postMessage"].burst):
		assert client.chat_postMessage(channel="C1", text="x")["ok"]
	resp = error_of(lambda: client.chat_postMessage(channel="C1", text="x"))
	assert resp.status_code == 429 and resp["error"] == "ratelimited" and resp.headers["Retry-After"] == "1"
	assert client.chat_postMessage(channel="C2", text="x")["ok"]  # another channel has its own bucket
	slack_mock.advance_clock(1)
	assert client.chat_postMessage(channel="C1", text="x")["ok"]
	assert len(slack_mock.messages) == 5  # the 429 posted nothing
	slack_mock.enforce_rate_limits(enabled=False)
	assert client.chat_postMessage(channel="C1", text="x")["ok"]


def test_chat_update_tier_3_and_views_publish_tier_4(slack_mock, client):
	slack_mock.add_user(id="U1")
	slack_mock.enforce_rate_limits()
	slack_mock.freeze_clock()
	ts = client.chat_postMessage(channel="C1", text="v0")["ts"]
	for n in range(50):
		assert client.chat_update(channel="C1", ts=ts, text=f"v{n}")["ok"]
	resp = error_of(lambda: client.chat_update(channel="C1", ts=ts, text="over"))
	assert resp.status_code == 429 and resp.headers["Retry-After"] == "2"  # 1 call per 1.2 s
	slack_mock.advance_clock(2)
	assert client.chat_update(channel="C1", ts=ts, text="after")["ok"]

	slack_mock.enforce_rate_limits({"views.publish": RateLimit(per_second=100 / 60, burst=2)})
	home = {"type": "home", "blocks": []}
	for _ in range(2):
		assert client.views_publish(user_id="U1", view=home)["ok"]
	assert error_of(lambda: client.views_publish(user_id="U1", view=home)).headers["Retry-After"] == "1"
	assert SLACK_RATE_LIMITS["views.publish"] == RateLimit(per_second=100 / 60, burst=100)


def test_latency_is_per_call_and_concurrent_calls_overlap(slack_mock, client):
	slack_mock.delay_each_call(0.15)
	started = time.monotonic()
	with ThreadPoolExecutor(max_workers=8) as pool:
		answers = list(pool.map(lambda n: client.chat_postMessage(channel=f"C{n}", text="x"), range(8)))
	elapsed = time.monotonic() - started
	assert all(a["ok"] for a in answers) and len(slack_mock.messages) == 8
	assert 0.15 <= elapsed < 8 * 0.15  # answered late, but not one after another


DELIVERY = {"event_type": "frappe_slack_delivery", "event_payload": {"delivery": "SD-1"}}


def test_metadata_is_stored_kept_on_update_and_replaced_when_given(slack_mock, client):
	posted = client.chat_postMessage(channel="C1", text="x", metadata=DELIVERY)
	assert slack_mock.messages[("C1", posted["ts"])]["metadata"] == DELIVERY
	client.chat_update(channel="C1", ts=posted["ts"], text="y")
	assert slack_mock.messages[("C1", posted["ts"])]["metadata"] == DELIVERY
	other = {"event_type": "frappe_slack_delivery", "event_payload": {"delivery": "SD-2", "n": 2, "ok": True}}
	client.chat_update(channel="C1", ts=posted["ts"], text="z", metadata=other)
	assert slack_mock.messages[("C1", posted["ts"])]["metadata"] == other
	form = client.api_call(
		"chat.postMessage",
		data={"channel": "C1", "text": "f", "metadata": '{"event_type": "a", "event_payload": {}}'},
	)
	assert slack_mock.messages[("C1", form["ts"])]["metadata"] == {"event_type": "a", "event_payload": {}}


@pytest.mark.parametrize(
	("metadata", "error"),
	[
		("not json", "invalid_metadata_format"),
		(["event_type"], "invalid_metadata_format"),
		({"event_payload": {}}, "invalid_metadata_schema"),
		({"event_type": "", "event_payload": {}}, "invalid_metadata_schema"),
		({"event_type": "x_created", "event_payload": "SD-1"}, "invalid_metadata_schema"),
		({"event_type": "x_created", "event_payload": {"delivery": None}}, "invalid_metadata_schema"),
	],
)
def test_malformed_metadata_is_rejected_and_nothing_posted(slack_mock, client, metadata, error):
	data = {
		"channel": "C1",
		"text": "x",
		"metadata": metadata if isinstance(metadata, str) else json.dumps(metadata),
	}
	assert error_of(lambda: client.api_call("chat.postMessage", data=data))["error"] == error
	assert slack_mock.messages == {}


def test_history_newest_first_metadata_only_when_asked_and_paged(slack_mock, client):
	slack_mock.add_channel("C1", "leave")
	posted = [
		client.chat_postMessage(channel="C1", text=f"m{n}", blocks=[SECTION], metadata=DELIVERY)["ts"]
		for n in range(5)
	]
	plain = client.conversations_history(channel="C1")
	assert [m["ts"] for m in plain["messages"]] == posted[::-1] and plain["has_more"] is False
	first = plain["messages"][0]
	assert first["text"] == "m4" and first["blocks"] == [SECTION] and first["bot_id"] == slack_mock.bot_id
	assert "metadata" not in first and first["user"] == slack_mock.bot_user_id

	pages = []  # slack_sdk's iteration reuses one response object: keep what each page held
	for page in client.conversations_history(channel="C1", limit=2, include_all_metadata=True):
		pages.append((page["messages"], page["has_more"], page["response_metadata"]["next_cursor"]))
	assert [[m["text"] for m in messages] for messages, _, _ in pages] == [["m4", "m3"], ["m2", "m1"], ["m0"]]
	assert [(more, bool(cursor)) for _, more, cursor in pages] == [(True, True), (True, True), (False, False)]
	assert all(m["metadata"] == DELIVERY for messages, _, _ in pages for m in messages)

	window = client.conversations_history(channel="C1", oldest=posted[1], latest=posted[4])
	assert [m["text"] for m in window["messages"]] == ["m3", "m2"]  # both bounds exclusive
	inclusive = client.conversations_history(channel="C1", oldest=posted[1], latest=posted[4], inclusive=True)
	assert len(inclusive["messages"]) == 4
	assert (
		error_of(lambda: client.conversations_history(channel="C1", cursor="!!"))["error"] == "invalid_cursor"
	)


def test_history_lists_thread_parents_and_broadcast_replies_only(slack_mock, client):
	parent = client.chat_postMessage(channel="C1", text="summary")["ts"]
	client.chat_postMessage(channel="C1", text="reply", thread_ts=parent)
	client.chat_postMessage(channel="C1", text="shown", thread_ts=parent, reply_broadcast=True)
	texts = [m["text"] for m in client.conversations_history(channel="C1")["messages"]]
	assert texts == ["shown", "summary"]


def test_history_errors_and_scopes(slack_mock, client):
	slack_mock.add_channel("C1", "leave")
	slack_mock.add_channel("C2", "hr", is_member=False)
	slack_mock.add_channel("G1", "secret", is_private=True)
	slack_mock.add_user(id="U1")
	assert error_of(lambda: client.conversations_history(channel="C9"))["error"] == "channel_not_found"
	assert error_of(lambda: client.conversations_history(channel="C2"))["error"] == "not_in_channel"
	assert error_of(lambda: client.conversations_history(channel="D9"))["error"] == "channel_not_found"
	assert client.conversations_history(channel="D1")["messages"] == []

	slack_mock.revoke_scopes("im:history")
	missing = error_of(lambda: client.conversations_history(channel="D1"))
	assert missing["error"] == "missing_scope" and missing["needed"] == "im:history"
	assert "im:history" not in missing["provided"] and client.conversations_history(channel="C1")["ok"]
	slack_mock.set_scopes({"im:history"})
	assert error_of(lambda: client.conversations_history(channel="C1"))["needed"] == "channels:history"
	assert error_of(lambda: client.conversations_history(channel="G1"))["needed"] == "groups:history"
	slack_mock.set_scopes(None)
	assert client.conversations_history(channel="G1")["ok"]


def test_dm_channel_is_stable_and_posting_to_a_user_lands_there(slack_mock, client):
	slack_mock.add_user(id="U1")
	opened = client.conversations_open(users="U1")["channel"]["id"]
	assert opened.startswith("D") and client.conversations_open(users="U1")["channel"]["id"] == opened
	posted = client.chat_postMessage(channel="U1", text="dm", metadata=DELIVERY)
	assert posted["channel"] == opened
	history = client.conversations_history(channel=opened, include_all_metadata=True)
	assert [m["ts"] for m in history["messages"]] == [posted["ts"]]


def test_counters_tell_delivered_exactly_once(slack_mock, client):
	slack_mock.add_user(id="U1")
	client.chat_postMessage(channel="U1", text="a", metadata=DELIVERY)
	client.chat_postMessage(channel="C1", text="b", metadata=DELIVERY)
	twice = {"event_type": "frappe_slack_delivery", "event_payload": {"delivery": "SD-2"}}
	client.chat_postMessage(channel="U1", text="c", metadata=twice)
	client.chat_postMessage(channel="U1", text="c again", metadata=twice)
	assert slack_mock.count_with_metadata("U1", delivery="SD-1") == 1
	assert slack_mock.count_with_metadata(delivery="SD-1") == 2  # every channel
	assert slack_mock.count_with_metadata("U1", event_type="frappe_slack_delivery", delivery="SD-2") == 2
	assert slack_mock.count_with_metadata("U1", event_type="other", delivery="SD-2") == 0
	assert [m["text"] for _, m in slack_mock.messages_with_metadata("U1", delivery="SD-2")] == [
		"c",
		"c again",
	]


def test_chat_delete_removes_the_message(slack_mock, client):
	ts = client.chat_postMessage(channel="C1", text="x")["ts"]
	assert client.chat_delete(channel="C1", ts=ts)["ts"] == ts and slack_mock.messages == {}
	assert error_of(lambda: client.chat_delete(channel="C1", ts=ts))["error"] == "message_not_found"

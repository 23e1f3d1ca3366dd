"""The Slack mock's faults and Slack behaviours the outbox relies on, through slack_sdk's WebClient:
outages (refused connections), 5xx, posted-but-unanswered, slow answers, rate limits, message
metadata, conversations.history and the delivery counters."""

import socket
from urllib.error import URLError

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError


@pytest.fixture
def client(slack_mock):
	return WebClient(token=slack_mock.bot_token, base_url=slack_mock.url, retry_handlers=[])


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

"""pytest plugin: the Slack Web API mock as fixtures.

Registered from test-suite/suite_plugin.py with `pytest_plugins = ["harness.slack_fixtures"]`.

- `slack_mock_server` (session): one SlackMock HTTP server for the whole run.
- `slack_mock` (function): the same server, reset before the test; at teardown the test fails if
  the mock recorded a Block Kit violation the test did not declare (`slack_mock.expect_violations()`
  or `with slack_mock.expecting_violations(): ...`).
- `fast_slack_retries` (function): caps every retry wait of `frappe_slack_connector.slack.client`
  at 0.05 s and clears its client cache, so 429/connection-error tests stay fast and isolated.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from frappe_slack_connector.tests.support.slack_mock import SlackMock

FAST_RETRY_SECONDS = 0.05


@pytest.fixture(scope="session")
def slack_mock_server() -> Iterator[SlackMock]:
	mock = SlackMock().start()
	try:
		yield mock
	finally:
		mock.stop()


@pytest.fixture
def slack_mock(slack_mock_server: SlackMock) -> Iterator[SlackMock]:
	slack_mock_server.reset()
	yield slack_mock_server
	report = slack_mock_server.unexpected_violations_report()
	slack_mock_server.reset()
	if report:
		pytest.fail(report, pytrace=False)


@pytest.fixture
def fast_slack_retries(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
	from frappe_slack_connector.slack import client  # noqa: PLC0415 — only tests that ask for it

	monkeypatch.setattr(client, "MAX_RETRY_AFTER_SECONDS", FAST_RETRY_SECONDS)
	client.clear_clients()
	yield
	client.clear_clients()

"""Test-only glue for the harness's own tests: use the Slack mock fixtures directly.

The suite-wide registration lives in tests/conftest.py (`pytest_plugins`); importing the fixtures here
keeps these tests runnable on their own (`pytest tests/harness`).
"""

from tests.harness.slack_fixtures import fast_slack_retries, slack_mock, slack_mock_server

__all__ = ["fast_slack_retries", "slack_mock", "slack_mock_server"]

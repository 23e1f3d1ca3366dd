"""Workflow Builder steps: the short-lived token Slack gives each step execution to complete it
with (`function_executed`'s `bot_access_token`, what Bolt completes with). Kept in the cache —
never in a document, a job's arguments or a log — from the event until its completion is sent
(`outbox/relay`), and dropped then."""

from __future__ import annotations

import frappe

# A completion is sent within minutes; past a day the execution is long over in Slack too.
STEP_TOKEN_SECONDS = 24 * 3600
_KEY_PREFIX = "frappe_slack_connector:step-token:"


def _key(execution_id: str) -> str:
	return frappe.cache.make_key(_KEY_PREFIX + execution_id)


def keep_token(execution_id: str, token: str) -> None:
	"""Remember the token `execution_id` is completed with."""
	frappe.cache.set(_key(execution_id), token, ex=STEP_TOKEN_SECONDS)


def token_of(execution_id: str) -> str | None:
	"""The token of `execution_id`, or None when it is gone (completed, or expired)."""
	value = frappe.cache.get(_key(execution_id))
	if isinstance(value, bytes):
		return value.decode()
	return value or None


def forget_token(execution_id: str) -> None:
	frappe.cache.delete(_key(execution_id))

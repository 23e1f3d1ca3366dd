"""Single-use OAuth `state` values, kept in Frappe's cache: "Add to Slack" (`INSTALL`, bound to the
installing desk user) and a person's consent to show their leave in Slack (`PERSON`, bound to the
Frappe user AND the Slack user who clicked, since Slack's browser brings no desk session)."""

from __future__ import annotations

import hashlib
import secrets

import frappe

from frappe_slack_connector.erp import clock

OAUTH_STATE_TTL_SECONDS = 600
_OAUTH_STATE_KEY = "frappe_slack_connector:oauth_state:"
# What a state was made for: the callback tells the workspace install from a person's consent.
INSTALL = "install"
PERSON = "person"


def _state_key(state: str) -> str:
	# Only a hash of the state is a cache key: the cache never holds a usable state.
	return _OAUTH_STATE_KEY + hashlib.sha256(state.encode()).hexdigest()


def new_oauth_state(user: str, *, kind: str = INSTALL, slack_user_id: str | None = None) -> str:
	"""A random, single-use OAuth `state` bound to `user` (and for a PERSON to `slack_user_id`),
	valid for 10 minutes."""
	if kind not in (INSTALL, PERSON) or (kind == PERSON) != bool(slack_user_id):
		raise ValueError("a person's state names their Slack user; an install's does not")
	state = secrets.token_urlsafe(32)
	expires = frappe.utils.add_to_date(clock.now(), seconds=OAUTH_STATE_TTL_SECONDS)
	frappe.cache.set_value(
		_state_key(state),
		{
			"user": user,
			"kind": kind,
			"slack_user_id": slack_user_id,
			"expires": expires.isoformat(),
			"used": False,
		},
		expires_in_sec=OAUTH_STATE_TTL_SECONDS,
	)
	return state


def take_oauth_grant(state: str | None) -> tuple[dict | None, str]:
	"""Consume an OAuth `state`: `({"user", "kind", "slack_user_id"}, "")`, or `(None, problem)` as
	`take_oauth_state` says. A state from before kinds existed is an INSTALL."""
	if not state:
		return None, "missing"
	key = _state_key(state)
	value = frappe.cache.get_value(key)
	if not isinstance(value, dict):
		return None, "unknown"
	if value.get("used"):
		return None, "reused"
	frappe.cache.set_value(key, {**value, "used": True}, expires_in_sec=OAUTH_STATE_TTL_SECONDS)
	if frappe.utils.get_datetime(value["expires"]) < clock.now():
		return None, "expired"
	return {
		"user": value["user"],
		"kind": value.get("kind") or INSTALL,
		"slack_user_id": value.get("slack_user_id"),
	}, ""


def take_oauth_state(state: str | None) -> tuple[str | None, str]:
	"""Consume an OAuth `state`: `(user, "")`, or `(None, problem)` with problem one of
	`missing`, `unknown`, `expired`, `reused`. A state can be taken once; a second attempt within
	its lifetime is `reused`, later it is `unknown`."""
	# Marked used before anything else (in take_oauth_grant); Slack codes are single-use too, so two
	# callbacks racing on one state cannot both store a token.
	grant, problem = take_oauth_grant(state)
	return (grant["user"] if grant else None), problem

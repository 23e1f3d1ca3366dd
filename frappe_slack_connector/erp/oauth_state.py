"""Single-use OAuth `state` values for "Add to Slack", kept in Frappe's cache."""

from __future__ import annotations

import hashlib
import secrets

import frappe

from frappe_slack_connector.erp import clock

OAUTH_STATE_TTL_SECONDS = 600
_OAUTH_STATE_KEY = "frappe_slack_connector:oauth_state:"


def _state_key(state: str) -> str:
	# Only a hash of the state is a cache key: the cache never holds a usable state.
	return _OAUTH_STATE_KEY + hashlib.sha256(state.encode()).hexdigest()


def new_oauth_state(user: str) -> str:
	"""A random, single-use OAuth `state` bound to `user`, valid for 10 minutes."""
	state = secrets.token_urlsafe(32)
	expires = frappe.utils.add_to_date(clock.now(), seconds=OAUTH_STATE_TTL_SECONDS)
	frappe.cache.set_value(
		_state_key(state),
		{"user": user, "expires": expires.isoformat(), "used": False},
		expires_in_sec=OAUTH_STATE_TTL_SECONDS,
	)
	return state


def take_oauth_state(state: str | None) -> tuple[str | None, str]:
	"""Consume an OAuth `state`: `(user, "")`, or `(None, problem)` with problem one of
	`missing`, `unknown`, `expired`, `reused`. A state can be taken once; a second attempt within
	its lifetime is `reused`, later it is `unknown`."""
	if not state:
		return None, "missing"
	key = _state_key(state)
	value = frappe.cache.get_value(key)
	if not isinstance(value, dict):
		return None, "unknown"
	if value.get("used"):
		return None, "reused"
	# Mark it used before anything else; Slack codes are single-use too, so two callbacks racing
	# on one state cannot both store a token.
	frappe.cache.set_value(key, {**value, "used": True}, expires_in_sec=OAUTH_STATE_TTL_SECONDS)
	if frappe.utils.get_datetime(value["expires"]) < clock.now():
		return None, "expired"
	return value["user"], ""

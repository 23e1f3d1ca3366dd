"""The ERP adapter: every frappe / hrms / erpnext call the app makes goes through this module.

Handlers and routes ask it for data and give it decisions; it never builds Slack JSON.
"""

from __future__ import annotations

import frappe

from frappe_slack_connector.slack.client import DEFAULT_BASE_URL

SETTINGS_DOCTYPE = "Slack Settings"
USER_META_DOCTYPE = "Slack User Meta"


# --- settings -----------------------------------------------------------------------------------


def settings():
	"""The Slack Settings single (cached per request by Frappe)."""
	return frappe.get_cached_doc(SETTINGS_DOCTYPE)


def _password(fieldname: str) -> str | None:
	# frappe/model/base_document.py: get_password(raise_exception=False) → None when unset.
	value = settings().get_password(fieldname, raise_exception=False)
	return value.strip() if value and value.strip() else None


def signing_secret() -> str | None:
	return _password("signing_secret")


def bot_token() -> str | None:
	return _password("bot_user_oauth_token")


def slack_api_url() -> str:
	"""Web API base URL: site config `slack_api_url` (GovSlack, proxies, tests) or Slack's."""
	return frappe.conf.get("slack_api_url") or DEFAULT_BASE_URL


# --- logging ------------------------------------------------------------------------------------


def log_error(
	title: str, message: str, *, reference_doctype: str | None = None, reference_name: str | None = None
):
	"""An Error Log row. Callers pass short, secret-free text; never a request body."""
	frappe.log_error(
		title=title,
		message=message,
		reference_doctype=reference_doctype,
		reference_name=reference_name,
	)

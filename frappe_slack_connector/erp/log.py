"""What the app tells admins and the person who clicked: Error Logs, the app log, desk alerts."""

from __future__ import annotations

from typing import NoReturn

import frappe


def log_error(
	title: str,
	message: str,
	*,
	reference_doctype: str | None = None,
	reference_name: str | None = None,
	survives_rollback: bool = False,
) -> None:
	"""An Error Log row. Callers pass short, secret-free text; never a request body.

	`survives_rollback=True` is for a request that will be rolled back (it raises, or it is a GET,
	which Frappe rolls back): the row is kept in the cache instead of the transaction and Frappe's
	scheduled `frappe.deferred_insert.save_to_db` inserts it (frappe/utils/error.py, v15:
	`log_error(defer_insert=True)` → `Document.deferred_insert`).
	"""
	frappe.log_error(
		title=title,
		message=message,
		reference_doctype=reference_doctype,
		reference_name=reference_name,
		defer_insert=survives_rollback,
	)


def fail(title: str, log_message: str, user_message: str, exc=frappe.ValidationError) -> NoReturn:
	"""Log why, then refuse with a user-facing error; the raise rolls the request back, the
	Error Log survives it."""
	log_error(title, log_message, survives_rollback=True)
	frappe.throw(user_message, exc=exc, title=title)


def roll_back_and_log_exception(title: str) -> None:
	"""Undo this request's writes, then log the exception being handled, with its traceback."""
	frappe.db.rollback()
	log_error(title, frappe.get_traceback())


def log_info(message: str) -> None:
	frappe.logger("frappe_slack_connector").info(message)


def notify(user: str | None, message: str, *, indicator: str = "green") -> None:
	"""A desk alert for `user` (the one who pressed a button), if any."""
	if user:
		frappe.publish_realtime(
			"msgprint", {"message": message, "indicator": indicator, "alert": True}, user=user
		)

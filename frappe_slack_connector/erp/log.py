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


# One Error Log per key per window; the rest are counted in the cache.
LOG_WINDOW_SECONDS = 60
_WINDOW_PREFIX = "frappe_slack_connector:log_window:"


def log_error_counted(key: str, title: str, message: str, *, window_seconds: int = LOG_WINDOW_SECONDS) -> int:
	"""An Error Log for the first `key` event of each `window_seconds`; the others cost one cache
	increment and no database write. Returns how many events the written log covers (0 when this
	one was only counted).

	Atomic on Redis, whichever worker gets each event: INCR counts every event; `SET NX EX` lets
	exactly one event open a window and write the log; that event takes the count with GETSET
	(reset to 0), so an event counted meanwhile lands in the next log, never in none or in two.
	These are redis-py commands RedisWrapper inherits without its site prefix
	(frappe/utils/redis_wrapper.py, v15), so the keys go through `make_key` here.
	"""
	cache = frappe.cache
	count_key = cache.make_key(f"{_WINDOW_PREFIX}{key}:count")
	window_key = cache.make_key(f"{_WINDOW_PREFIX}{key}:window")
	cache.incr(count_key)
	if not cache.set(window_key, 1, ex=window_seconds, nx=True):
		return 0
	count = max(1, int(cache.getset(count_key, 0) or 0))
	log_error(
		title,
		f"{message}\n\n{count} such event(s) since the previous Error Log with this title (this one "
		f"included); further ones in the next {window_seconds} s are only counted, and the next Error Log "
		"gives their number.",
	)
	return count


def fail(title: str, log_message: str, user_message: str, exc=frappe.ValidationError) -> NoReturn:
	"""Log why, then refuse with a user-facing error; the raise rolls the request back, the
	Error Log survives it."""
	log_error(title, log_message, survives_rollback=True)
	frappe.throw(user_message, exc=exc, title=title)


def roll_back_and_log_exception(title: str) -> None:
	"""Undo this request's writes, then log the exception being handled, with its traceback."""
	frappe.db.rollback()
	log_error(title, frappe.get_traceback())


def log_exception(title: str, context: str) -> None:
	"""Log the exception being handled, with its traceback, and carry on (nothing rolled back)."""
	log_error(title, f"{context}\n\n{frappe.get_traceback()}")


def log_info(message: str) -> None:
	frappe.logger("frappe_slack_connector").info(message)


def notify(user: str | None, message: str, *, indicator: str = "green") -> None:
	"""A desk alert for `user` (the one who pressed a button), if any."""
	if user:
		frappe.publish_realtime(
			"msgprint", {"message": message, "indicator": indicator, "alert": True}, user=user
		)

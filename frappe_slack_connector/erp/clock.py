"""Site-local time (Frappe's system time zone)."""

from __future__ import annotations

import datetime

import frappe


def now() -> datetime.datetime:
	return frappe.utils.now_datetime()


def today() -> str:
	"""Today, ISO."""
	return str(frappe.utils.getdate(frappe.utils.today()))

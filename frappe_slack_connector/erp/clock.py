"""Site-local time (Frappe's system time zone)."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import frappe


def now() -> datetime.datetime:
	return frappe.utils.now_datetime()


def today() -> str:
	"""Today, ISO."""
	return str(frappe.utils.getdate(frappe.utils.today()))


def epoch_seconds(moment: datetime.datetime) -> float:
	"""Unix time of a site-local datetime (Frappe stores naive datetimes in the system time
	zone): to compare with Slack's message timestamps."""
	if moment.tzinfo is None:
		moment = moment.replace(tzinfo=ZoneInfo(frappe.utils.get_system_timezone()))
	return moment.timestamp()

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


def today_for(user: str | None) -> str:
	"""Today where `user` is, ISO: in their Frappe time zone (User `time_zone`) when they have one,
	else their Slack one (Slack User Meta `slack_tz`, remembered when linked and by the user
	sync), else the site's."""
	zone_name = None
	if user:
		zone_name = frappe.db.get_value("User", user, "time_zone") or frappe.db.get_value(
			"Slack User Meta", user, "slack_tz"
		)
	site_zone = frappe.utils.get_system_timezone()
	if not zone_name or zone_name == site_zone:
		return today()
	try:
		zone = ZoneInfo(zone_name)
	except (KeyError, ValueError):  # an unknown or malformed zone name: the site's day
		return today()
	return str(now().replace(tzinfo=ZoneInfo(site_zone)).astimezone(zone).date())


def epoch_seconds(moment: datetime.datetime) -> float:
	"""Unix time of a site-local datetime (Frappe stores naive datetimes in the system time
	zone): to compare with Slack's message timestamps."""
	if moment.tzinfo is None:
		moment = moment.replace(tzinfo=ZoneInfo(frappe.utils.get_system_timezone()))
	return moment.timestamp()

"""`/whoisout [today | tomorrow | week | YYYY-MM-DD]`: who is out, answered at once as the slash
command's ephemeral response (no outbox: it is the answer to the request, within Slack's 3 s).

The argument is read in Rust (`core.who_is_out_span`, German `heute` / `morgen` / `woche` too);
the rows are the daily summary's (`erp/attendance.py`, Open or Approved leave of current staff)
with their leave types, shown as "Out" when Slack Settings hides leave types in shared views;
the days are the caller's working days (`erp/holidays.py`). Only someone linked to an enabled
Frappe user may ask."""

from __future__ import annotations

from werkzeug.wrappers import Response

from frappe_slack_connector import core
from frappe_slack_connector.erp import attendance as erp_attendance
from frappe_slack_connector.erp import clock as erp_clock
from frappe_slack_connector.erp import holidays as erp_holidays
from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.erp import settings as erp_settings
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.flows import identity, words
from frappe_slack_connector.slack import site as slack_site
from frappe_slack_connector.slack.responses import json_response


def who_is_out(form: dict[str, str]) -> Response:
	"""The slash command: who is out on the days asked about, grouped by working day."""
	slack_user = form.get("user_id")
	if not slack_user:
		erp_log.log_error("Slack command rejected: missing_field", "The /whoisout request has no user_id.")
		return json_response({"ok": False, "error": "missing_field"}, status=400)
	user = identity.find_user(slack_user, path=slack_site.REQUEST)
	lang = erp_users.language_of(user)
	if not user:
		return json_response(core.build_leave_notice({"kind": "slack_not_linked"}, words=words.notices(lang)))
	text = form.get("text") or ""
	span = core.who_is_out_span(text, erp_clock.today())
	if span is None:
		return json_response(core.build_who_is_out_usage(text, words=words.who_is_out(lang)))
	from_date, to_date = span
	return json_response(
		core.build_who_is_out(
			erp_attendance.absences_between(from_date, to_date),
			from_date=from_date,
			to_date=to_date,
			days=erp_holidays.working_days(from_date, to_date, employee=erp_users.active_employee(user)),
			words=words.who_is_out(lang),
			hide_types=erp_settings.hide_leave_types(),
		)
	)

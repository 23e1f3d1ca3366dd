"""The single attendance summary of Slack Settings becomes the first digest rule (Slack Digest,
`is_settings_summary`). Its channel, time, title, on/off, mentions, the day it last posted and
that post's ts stay in Slack Settings — the one place they are read from — so the summary of the
day of the upgrade is neither lost nor posted again; the rule holds what Slack Settings never
had (scope, leave types, open requests, holidays, celebrations), Slack Settings' "hide leave
types in shared views" carried over. Runs once: a site with the rule is left alone."""

from frappe_slack_connector.erp import digests as erp_digests
from frappe_slack_connector.erp import settings as erp_settings

FIRST_RULE = "Attendance Summary"


def execute():
	if erp_digests.settings_summary_exists():
		return
	erp_digests.create_settings_summary_rule(
		{
			"digest_name": FIRST_RULE,
			"scope": erp_digests.WHOLE_COMPANY,
			"hide_leave_types": int(erp_settings.hide_leave_types()),
			"include_open": 1,
		}
	)

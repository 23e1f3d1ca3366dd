"""Move the upstream Slack Connector's settings and Slack links into this app's."""

from __future__ import annotations

from frappe import _

from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.erp import upstream as erp_upstream

CONFLICTS_TITLE = "Slack links from the upstream app: {0} conflict(s)"


def execute() -> erp_upstream.Report:
	"""Move the upstream app's Slack Settings and User Meta links; prints what it did."""
	report = erp_upstream.move_upstream_data()
	summary = describe(report)
	# bench migrate shows what a patch prints; the app log keeps it.
	print(summary)
	erp_log.log_info(summary)
	if report.conflicts:
		erp_log.log_error(
			CONFLICTS_TITLE.format(len(report.conflicts)),
			"\n".join(conflict_line(c) for c in report.conflicts) + "\n\n" + summary,
		)
	return report


def describe(report: erp_upstream.Report) -> str:
	if not report.found:
		return _("Upstream Slack Connector: no data of the upstream app on this site, nothing to move.")
	parts = [
		_(
			"Upstream Slack Connector: settings moved {0}, already moved {1}, kept {2}; "
			"Slack links: linked {3}, already linked {4}, conflicts {5}, skipped {6}."
		).format(
			len(report.moved),
			len(report.already_moved),
			len(report.kept),
			report.linked,
			report.already_linked,
			len(report.conflicts),
			report.skipped,
		)
	]
	if report.kept:
		parts.append(
			_("Kept as set in this app, upstream's value not moved: {0}.").format(
				", ".join(erp_upstream.setting_labels(report.kept))
			)
		)
	if report.conflicts:
		parts.append(
			_("Nothing was overwritten; the conflicts are listed in the Error Log '{0}'.").format(
				CONFLICTS_TITLE.format(len(report.conflicts))
			)
		)
	if not report.changed:
		parts.append(_("Nothing changed."))
	return " ".join(parts)


def conflict_line(conflict: erp_upstream.Conflict) -> str:
	if conflict.kind == erp_upstream.SLACK_ID_TAKEN:
		return _("{0}: upstream's Slack user {1} is linked to {2} here; not moved.").format(
			conflict.user, conflict.slack_user_id, conflict.other
		)
	return _("{0}: upstream's Slack user {1} not moved; this user is linked to {2} here.").format(
		conflict.user, conflict.slack_user_id, conflict.other
	)

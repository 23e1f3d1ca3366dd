"""Frappe hooks: the wiring diagram of the app."""

app_name = "frappe_slack_connector"
app_title = "Frappe Slack Connector"
app_publisher = "Frappe Slack Connector contributors"
app_description = "Apply for leave, approve it and see who is out, from Slack"
app_email = "hello@example.com"
app_license = "mit"

# org/name form: a bare name makes `bench install-app` try to fetch the app.
required_apps = ["frappe/erpnext", "frappe/hrms"]

# A new site gets the first digest rule (Slack Settings' summary) that the patch gives an upgraded one.
after_install = "frappe_slack_connector.patches.v1_1.digest_rules_from_settings.execute"

# Desk: "Connect Slack" in the User form's menu.
doctype_js = {"User": "public/js/user.js"}

doc_events = {
	"Leave Application": {
		"after_insert": "frappe_slack_connector.overrides.leave_application.after_insert",
		"on_update": "frappe_slack_connector.overrides.leave_application.on_update",
		"on_submit": "frappe_slack_connector.overrides.leave_application.on_submit",
		"on_update_after_submit": "frappe_slack_connector.overrides.leave_application.on_update_after_submit",
		"on_cancel": "frappe_slack_connector.overrides.leave_application.on_cancel",
		"on_trash": "frappe_slack_connector.overrides.leave_application.on_trash",
	},
	# The approval engine's documents (erp/approvals.py REGISTRY), each the same five events.
	**{
		doctype: {
			event: f"frappe_slack_connector.overrides.approvals.{event}"
			for event in ("after_insert", "on_update", "on_submit", "on_cancel", "on_trash")
		}
		for doctype in (
			"Expense Claim",
			"Employee Advance",
			"Shift Request",
			"Attendance Request",
			"Compensatory Leave Request",
		)
	},
}

# A Slack Message only remembers where a message about the document is; it never keeps the
# document from being deleted (its on_trash removes them anyway).
# A document with deliveries still owed about it can be deleted: its posts are then Dropped
# ("document deleted"), its rewrites still go out.
ignore_links_on_delete = ["Slack Message", "Slack Delivery"]

scheduler_events = {
	# Every scheduler tick (4 min); the job itself decides whether today's summary is due.
	"all": [
		"frappe_slack_connector.api.attendance_summary.attendance_channel",
		# The missed-hours reminder decides the same way whether today's is due.
		"frappe_slack_connector.api.timesheet.reminder_tick",
		# The same tick: each leave approver's daily reminder, once it is due (flows/leave/reminders.py).
		"frappe_slack_connector.tasks.daily.approver_reminders",
		# Each digest rule (Slack Digest) decides the same way whether its period's post is due.
		"frappe_slack_connector.tasks.daily.digests_due",
		# The outbox's safety net: a drain runs (deduplicated), so nothing owed waits for a commit.
		"frappe_slack_connector.tasks.outbox.tick",
	],
	# "While you are away": each consenting person's status follows their own local midnight.
	"hourly": ["frappe_slack_connector.tasks.away.sweep"],
	# Delete delivered Slack Deliveries older than Slack Settings "Keep delivered for (days)".
	"daily": ["frappe_slack_connector.tasks.outbox.prune"],
	# Link new Slack accounts to Frappe users by e-mail (long queue).
	"weekly_long": ["frappe_slack_connector.tasks.slack_users.sync_users"],
}

# `bench run-tests --app frappe_slack_connector` runs only this app's before_tests
# (frappe/test_runner.py, v15): a fresh test site is taken through the setup wizard the way
# Frappe HR's own tests do it (a company, fiscal year, warehouse types…), which ERPNext needs
# before the app's tests can create their own company.
before_tests = "hrms.tests.test_utils.before_tests"

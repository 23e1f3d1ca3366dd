"""The ERP adapter: every frappe / hrms / erpnext call the app makes for data goes through here.

One module per concern, imported explicitly at each call site
(`from frappe_slack_connector.erp import leave as erp_leave`), so a reader sees which room is
used. This package re-exports nothing. It never builds Slack JSON and never imports the Slack
client.

	settings     Slack Settings, secrets, site config, the public URL, the workspace, daily jobs'
	clock        site-local now / today
	log          Error Logs (kept across rollbacks where needed), the app log, desk alerts
	jobs         background jobs (enqueued after commit)
	users        who someone is: Slack id ↔ user ↔ employee ↔ language; roles, e-mail addresses
	leave        Leave Applications: leave types, approvers, create / decide, hrms refusals
	attendance   absences, working days
	daily        the day a daily batch (summary, timesheet reminders) was claimed
	reminders    the approvers' reminders: who waits for whom, one claim per approver and day
	timesheet    projects, time logs, who is short of the norm
	home         what the Home tab shows
	slack_messages  Slack Message records: what was posted about a document (channel, ts, to whom)
	oauth_state  single-use OAuth `state` values (cache)
	upstream     what the upstream app leaves behind: its Slack Settings values and User Meta links
	site_context a site context of its own per unit of work outside a request (Socket Mode)
"""

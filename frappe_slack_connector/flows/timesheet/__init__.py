"""Timesheets: /timesheet and the Log Time modal (`handlers`), the confirmation DM (`jobs`), and
the daily missed-hours reminder (`reminders`)."""

""" "While you are away" (issue 26): a person's approved leave shown in their own Slack — status
and, if they choose, Do Not Disturb — with their consent (user OAuth): `handlers` (the Home tab's
buttons), `consent` (Slack's redirect back after the person allowed it), `jobs` (reconcile what
Slack is owed from leave changes, consent changes and the hourly sweep)."""

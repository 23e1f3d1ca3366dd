"""What the app's tests drive Slack with, on a real site and on the double: the Slack Web API mock
(slack_mock, checking every Block Kit payload with blockkit), the Slack-built requests
(slack_requests, raw_bodies), the Socket Mode server (socket_mock), the lock watch (lock_watch) and,
on the double only, Frappe's request dispatch (dispatch). They live beside the tests that use them,
so the app's tests import nothing from outside the app; the repository's test-suite/ uses them too."""

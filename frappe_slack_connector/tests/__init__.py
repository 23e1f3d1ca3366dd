"""The app's own tests: what `bench --site <site> run-tests --app frappe_slack_connector` runs on a
real site, and pytest runs on the repository's Frappe double (see utils.py).

They import nothing from outside the app: what drives Slack (the Web API mock, Slack-built
requests, the Socket Mode server) is in support/, beside them, as hrms keeps its tests beside its
code."""

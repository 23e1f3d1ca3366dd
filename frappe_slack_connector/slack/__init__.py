"""The Slack transport: the request guard, the Web API client (and the site's), the werkzeug
responses Slack gets, and the Socket Mode client. It imports nothing above it: what Slack sends
is handed to the app's dispatch (`flows/dispatch.py`)."""

"""Slack side of the app: the Web API client and one handler per Route."""

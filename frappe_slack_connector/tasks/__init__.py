"""Scheduler entry points: the daily jobs (`daily`, through `flows/daily.py`) and the weekly
Slack user sync (`slack_users`)."""

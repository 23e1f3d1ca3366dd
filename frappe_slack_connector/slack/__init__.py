"""Everything that talks to Slack: the request guard, the Web API client and the handlers."""

"""The Slack app manifest, the bot scopes, the slash-command and the shortcut registries
(rust/python/src/manifest.rs)."""

from typing import Literal, TypedDict

BOT_SCOPES: tuple[str, ...]
"""The bot token scopes the app asks for, in order: `commands`, `chat:write`, `im:write`,
`users:read`, `users:read.email`. The single source for the OAuth authorize URL and the manifest."""

USER_SCOPES: tuple[str, ...]
"""The user token scopes a person grants with "Show my leave in Slack": `users.profile:read`
(read their status first, so one they set is never overwritten), `users.profile:write` (set and
clear it during approved leave), `dnd:write` (pause notifications, when they choose it). In the
manifest's `oauth_config.scopes.user` and the person's authorize URL."""

REQUIRED_USER_SCOPES: tuple[str, ...]
"""The user scopes without which a person's leave cannot be shown (the two profile scopes)."""

class SlashCommandSpec(TypedDict):
	"""One slash command of the app (a row of the Rust registry `manifest::SLASH_COMMANDS`)."""

	command: str
	route: str
	handler: str
	description: str
	usage_hint: str | None

SLASH_COMMANDS: tuple[SlashCommandSpec, ...]
"""Every slash command the app serves, in manifest order: `/apply-leave` (handler `apply_leave`)
and `/timesheet` (handler `log_time`). The one registry the manifest, the HTTP routes and Socket
Mode read; `route` is the whitelisted method Slack posts the command to over HTTP."""

class ShortcutSpec(TypedDict):
	"""One shortcut of the app (a row of the Rust registry `interaction::shortcuts::SHORTCUTS`)."""

	type: Literal["global", "message"]
	callback_id: str
	handler: str
	name: str
	description: str

SHORTCUTS: tuple[ShortcutSpec, ...]
"""Every shortcut, in manifest order: the global `apply_leave` ("Apply for leave", handler
`shortcut_apply_leave`) and the message shortcut `request_leave_from_message` ("Request leave from
this message", handler `shortcut_leave_from_message`). The one registry the manifest
(`features.shortcuts`) and the routing (`route_interaction`) read; `flows/dispatch.py`
`INTERACTIONS` answers each `handler`."""

DEFAULT_APP_NAME: str
"""Default app and bot user name, `Frappe Slack Connector`."""

def build_app_manifest(
	site_url: str, app_name: str = "Frappe Slack Connector", *, socket_mode: bool = False
) -> dict:
	"""The Slack app manifest (JSON-ready dict) for the site at `site_url`.

	With `socket_mode=True` (Slack Settings → Connection "Socket Mode") `socket_mode_enabled` is
	true and the slash commands and interactivity carry no URL (Slack delivers them over the
	socket); the OAuth redirect URL stays. Otherwise:

	`site_url` is the site's public URL (`frappe.utils.get_url()`): http or https, a host, no
	credentials, query or fragment; a path prefix is kept and trailing slashes are dropped. The
	manifest has `_metadata`, `display_information` (name, description, background color),
	`features.bot_user`, `features.shortcuts` (`SHORTCUTS`), `features.slash_commands`
	(`/apply-leave` → the slash route),
	`oauth_config.redirect_urls` (the OAuth callback) and `oauth_config.scopes.bot` (`BOT_SCOPES`), `oauth_config.scopes.user` (`USER_SCOPES`),
	`settings.interactivity.request_url` (the interactions route), `org_deploy_enabled`,
	`socket_mode_enabled` and `token_rotation_enabled` all false, `settings.function_runtime`
	"remote" and `functions` (the Workflow Builder steps, `interaction/steps.rs` `STEPS`: each
	callback_id → title, description, `input_parameters` / `output_parameters` as
	`{"properties": {name: {"type", "title", "description"}}, "required": [...]}`;
	`settings.event_subscriptions.bot_events` lists `function_executed`). Every URL is
	`{site_url}/api/method/<dotted path>` of a whitelisted route of this app.
	Raises `ManifestError` for a bad `site_url` or `app_name`.
	"""

def oauth_redirect_url(site_url: str) -> str:
	"""`{site_url}/api/method/frappe_slack_connector.api.oauth.callback`, the OAuth v2 redirect URI
	(the same string as the manifest's `oauth_config.redirect_urls[0]`). Raises `ManifestError`."""

"""The one dispatch: what each thing Slack sends is handed to, and what the user sees when that
handler fails. Both doors read it: the HTTP routes (`api/slack_interactions.py`,
`api/slash_*.py`) and Socket Mode (`slack/socket_mode.py`, given this module by `commands.py`).

- `INTERACTIONS`: the `handler` of a route `core.route_interaction` returns → its handler (the
  shortcuts' keys are the `handler`s of the shortcut registry, `core.SHORTCUTS`).
- `EVENTS`: the `handler` of an Events API route (`core.route_event`) → its handler.
- `SLASH_COMMANDS`: the `handler` key of a row of the slash-command registry
  (`core.SLASH_COMMANDS`, which the manifest is built from) → its handler.
- `ON_FAILURE`: an interaction whose failure the user must see → what they see (every other
  failure is a plain ack: Slack shows nothing, the Error Log has the traceback).

A new route: its handler in its flow's `handlers.py`, one row here (and in `ON_FAILURE` when
the user would otherwise be left wondering).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from werkzeug.wrappers import Response

from frappe_slack_connector import core
from frappe_slack_connector.erp import log as erp_log
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.flows import words
from frappe_slack_connector.flows.approvals import handlers as approvals
from frappe_slack_connector.flows.attendance import who_is_out
from frappe_slack_connector.flows.away import handlers as away
from frappe_slack_connector.flows.home import events as home_events
from frappe_slack_connector.flows.home import handlers as home
from frappe_slack_connector.flows.leave import handlers as leave
from frappe_slack_connector.flows.leave import previews as leave_previews
from frappe_slack_connector.flows.replies import ephemeral
from frappe_slack_connector.flows.steps import events as step_events
from frappe_slack_connector.flows.timesheet import handlers as timesheet
from frappe_slack_connector.slack.responses import ack, json_response

if TYPE_CHECKING:
	from frappe_slack_connector._core import EventRoute, Route

INTERACTIONS: dict[str, Callable[[Route], Response]] = {
	"leave_decision": leave.leave_decision,
	"reject_prompt": leave.reject_prompt,
	"leave_rejection": leave.leave_rejection,
	"leave_withdraw": leave.leave_withdraw,
	"leave_ask_cancel": leave.leave_ask_cancel,
	"leave_cancel": leave.leave_cancel,
	"leave_keep": leave.leave_keep,
	"home_apply_leave": leave.home_apply_leave,
	"shortcut_apply_leave": leave.shortcut_apply_leave,
	"shortcut_leave_from_message": leave.shortcut_leave_from_message,
	"half_day_toggle": leave.half_day_toggle,
	"leave_submission": leave.leave_submission,
	"ack": leave.ack_route,
	"timesheet_project_change": timesheet.timesheet_project_change,
	"timesheet_submission": timesheet.timesheet_submission,
	"timesheet_open": timesheet.timesheet_open,
	"away_show": away.away_show,
	"away_stop": away.away_stop,
	"away_dnd": away.away_dnd,
	"approval_decision": approvals.approval_decision,
	"approval_reject_prompt": approvals.approval_reject_prompt,
	"approval_rejection": approvals.approval_rejection,
	"celebrations_choice": home.celebrations_choice,
}

EVENTS: dict[str, Callable[[EventRoute], Response]] = {
	"url_verification": home_events.url_verification,
	"app_home_opened": home_events.app_home_opened,
	"link_shared": leave_previews.link_shared,
	"function_executed": step_events.function_executed,
}

SLASH_COMMANDS: dict[str, Callable[[dict[str, str]], Response]] = {
	"apply_leave": leave.apply_leave,
	"log_time": timesheet.log_time,
	"who_is_out": who_is_out.who_is_out,
}

# The command Slack shows for each handler key (for the Error Log's title).
COMMAND_OF = {row["handler"]: row["command"] for row in core.SLASH_COMMANDS}


# --- the failure policy -------------------------------------------------------------------------


def _leave_not_applied(route: Route, lang: str) -> Response:
	"""The leave modal stays open and says nothing was applied."""
	return json_response(leave.view_errors(lang, {leave.FALLBACK_BLOCK: words.leave_not_applied(lang)}))


def _time_not_logged(route: Route, lang: str) -> Response:
	"""The Log Time modal stays open and says nothing was logged."""
	return json_response(
		timesheet.timesheet_view_errors(lang, {timesheet.FALLBACK_BLOCK: words.time_not_logged(lang)})
	)


def _nothing_changed(route: Route, lang: str) -> Response:
	"""A click: the clicking user is told, where they clicked, that nothing changed."""
	ephemeral(route, leave.notice(lang, "error", message=words.nothing_changed(lang)))
	return ack()


def _try_again_later(route: Route, lang: str) -> Response:
	"""A shortcut: no form opened, so the user is told to try again (in the channel of the
	message, else in the app's DM)."""
	ephemeral(route, leave.notice(lang, "error", message=words.try_again_later(lang)))
	return ack()


ON_FAILURE: dict[str, Callable[[Route, str], Response]] = {
	"leave_submission": _leave_not_applied,
	"timesheet_submission": _time_not_logged,
	"leave_decision": _nothing_changed,
	"leave_rejection": _nothing_changed,
	"reject_prompt": _nothing_changed,
	"leave_withdraw": _nothing_changed,
	"timesheet_open": _nothing_changed,
	"leave_ask_cancel": _nothing_changed,
	"leave_cancel": _nothing_changed,
	"leave_keep": _nothing_changed,
	"approval_decision": _nothing_changed,
	"approval_reject_prompt": _nothing_changed,
	"approval_rejection": _nothing_changed,
	"shortcut_apply_leave": _try_again_later,
	"shortcut_leave_from_message": _try_again_later,
}


def _failure_language(slack_user_id: str | None) -> str:
	"""The reader's language after a failure; English if even that cannot be read (the database
	may be what failed), so the user still learns that nothing happened."""
	try:
		return erp_users.language_of_slack_id(slack_user_id)
	except Exception:
		erp_log.roll_back_and_log_exception("Slack user language not read")
		return "en"


def _failure(route: Route) -> Response:
	"""What Slack gets when a handler failed unexpectedly: a 200 the user can see."""
	answer = ON_FAILURE.get(route["handler"])
	if answer is None:
		return ack()
	return answer(route, _failure_language(route["user_id"]))


# --- the doors call these -----------------------------------------------------------------------


def handle_interaction(route: Route) -> Response:
	"""Dispatch a routed interaction; unexpected errors are logged and answered with a 200."""
	handler = INTERACTIONS[route["handler"]]
	try:
		return handler(route)
	except Exception:
		erp_log.roll_back_and_log_exception(f"Slack {route['handler']} failed")
		return _failure(route)


def handle_event(route: EventRoute, *, retry_num: str | None = None) -> Response:
	"""Dispatch a routed Events API request; an unexpected error is logged and acked (a 5xx would
	only make Slack send it again). `retry_num` is Slack's, for the log; the event_id dedupes."""
	try:
		return EVENTS[route["handler"]](route)
	except Exception:
		erp_log.roll_back_and_log_exception(
			f"Slack event {route['handler']} failed" + (f" (retry {retry_num})" if retry_num else "")
		)
		return ack()


def handle_slash_command(handler: str, form: dict[str, str]) -> Response:
	"""Dispatch a slash command by its registry handler key (`core.SLASH_COMMANDS`); an
	unexpected error is logged and answered with a notice the user sees."""
	command = SLASH_COMMANDS[handler]
	try:
		return command(form)
	except Exception:
		erp_log.roll_back_and_log_exception(f"Slack {COMMAND_OF[handler]} failed")
		lang = _failure_language(form.get("user_id"))
		return json_response(leave.notice(lang, "error", message=words.try_again_later(lang)))

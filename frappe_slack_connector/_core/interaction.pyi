"""Routing of interaction payloads and Events API bodies, and the typed routes handlers receive
(rust/python/src/interaction.rs; the tables are in rust/core/src/interaction/).
"""

from typing import Literal, TypedDict

def block_for_leave_field(field: str) -> str:
	"""The leave modal's input block that shows an error about Leave Application field `field`.

	`from_date` → `start_date`, `to_date` → `end_date`, `leave_type` → `leave_type`,
	`half_day_date` → `half_day_date`, `description` → `reason`; any other field (or none in
	particular) → `reason`, the one input every leave modal has. The table lives next to the block
	ids in rust/core (`interaction::ids::LEAVE_FIELD_BLOCKS`).
	"""

HalfPeriodCode = Literal["first_half", "second_half"]

HalfPeriodLabel = Literal["First Half", "Second Half"]

class FormValues(TypedDict):
	"""The leave modal's values. In a `half_day_toggle` route anything may be None; in a valid
	`leave_submission` route `start_date`, `end_date`, `leave_type` and `reason` are always set,
	`half_day_date` is set exactly when `half_day` is, and `half_period` when the modal asked."""

	start_date: str | None  # ISO YYYY-MM-DD
	end_date: str | None
	leave_type: str | None  # Leave Type name
	reason: str | None  # in a submission: control characters (but tab/newline) removed, trimmed
	half_day: bool
	half_day_date: str | None
	half_period: HalfPeriodCode | None
	half_period_label: HalfPeriodLabel | None  # the value for custom_first_halfsecond_half

class LeaveDecisionRoute(TypedDict):
	handler: Literal["leave_decision"]
	decision: Literal["approve", "reject"]
	status: Literal["Approved", "Rejected"]  # the Leave Application status to set
	leave_application: str  # Leave Application name (the button value, stripped)
	user_id: str  # Slack user who clicked
	user_name: str | None
	channel_id: str | None  # of the approver's message (for chat.update / postEphemeral)
	message_ts: str | None
	response_url: str | None
	trigger_id: str | None

class HalfDayToggleRoute(TypedDict):
	handler: Literal["half_day_toggle"]
	user_id: str
	view_id: str  # for views.update
	view_hash: str  # for views.update (hash=)
	checked: bool  # the new state of the Half Day checkbox
	values: FormValues  # current inputs; pass as `current` to build_leave_modal
	private_metadata: str

FormErrorCode = Literal[
	"start_date_missing",
	"end_date_missing",
	"leave_type_missing",
	"reason_missing",
	"reason_too_long",
	"end_before_start",
	"half_day_outside",
	"half_day_date_missing",
	"half_day_needs_date",
	"half_period_missing",
]

class FormError(TypedDict, total=False):
	"""Why a field of the submitted modal is not acceptable: a stable code, put into the reader's
	words by `build_view_errors` (routing runs before anyone knows the reader's language)."""

	code: FormErrorCode  # required; the only key except for the two codes below
	max: int  # reason_too_long: the limit (1000)
	length: int  # reason_too_long: the reason's length
	start: str  # half_day_outside: first day of the leave, ISO date
	end: str  # half_day_outside: last day of the leave, ISO date

class LeaveSubmissionRoute(TypedDict):
	handler: Literal["leave_submission"]
	user_id: str
	view_id: str
	private_metadata: str
	form: FormValues | None  # set when valid
	# {block_id: error} when invalid; answer build_view_errors(errors, words=…) in the reader's words
	errors: dict[str, FormError] | None

class LeaveButtonRoute(TypedDict):
	# reject_prompt: Reject clicked (open the reason modal); leave_withdraw / leave_ask_cancel: the
	# requester's Withdraw / Ask to cancel; leave_cancel / leave_keep: the approver's answer to it
	handler: Literal["reject_prompt", "leave_withdraw", "leave_ask_cancel", "leave_cancel", "leave_keep"]
	leave_application: str  # the button value, stripped
	user_id: str  # Slack user who clicked
	channel_id: str | None  # of the clicked message
	message_ts: str | None
	trigger_id: str | None

class LeaveRejectionRoute(TypedDict):
	handler: Literal["leave_rejection"]  # the reject-with-reason modal submitted
	decision: Literal["reject"]
	status: Literal["Rejected"]
	user_id: str
	leave_application: str  # from the modal's private_metadata
	channel_id: str | None  # of the approver's message Reject was clicked on
	message_ts: str | None
	reason: str | None  # cleaned; None when left blank
	# {block_id: error} when the reason is too long (500 chars); answer build_view_errors
	errors: dict[str, FormError] | None

class ApprovalRoute(TypedDict):
	"""An approval engine document's button (interaction/approvals.rs `APPROVABLES`, not leave)."""

	handler: Literal["approval_decision", "approval_reject_prompt"]  # Approve / Reject clicked
	document: str  # the row's key, e.g. "expense_claim"
	doctype: str
	name: str  # the button's value, trimmed, not blank
	decision: Literal["approve", "reject"]
	user_id: str
	channel_id: str | None  # None on the Home tab
	message_ts: str | None
	trigger_id: str | None

class ApprovalRejectionRoute(TypedDict):
	"""An approval engine document's reason modal submitted (its row's `reject_reason` callback)."""

	handler: Literal["approval_rejection"]
	document: str
	doctype: str
	name: str  # from the modal's private_metadata
	decision: Literal["reject"]
	user_id: str
	channel_id: str | None
	message_ts: str | None
	reason: str | None  # cleaned; None when left blank
	errors: dict[str, FormError] | None  # the reason is too long: answer build_view_errors

class AckRoute(TypedDict):
	handler: Literal["ack"]
	reason: Literal["ignored_action", "view_closed"]

class HomeApplyLeaveRoute(TypedDict):
	handler: Literal["home_apply_leave"]  # Apply for leave on the Home tab: open the leave modal
	user_id: str
	trigger_id: str

class ShortcutRoute(TypedDict):
	"""A shortcut of the registry (`SHORTCUTS`): open the leave modal with its trigger_id."""

	handler: Literal["shortcut_apply_leave", "shortcut_leave_from_message"]  # the row's `handler`
	callback_id: str
	user_id: str  # a well-formed Slack user id
	trigger_id: str
	channel_id: str | None  # the message's channel (message shortcuts)
	reason: str | None  # the message's text, ≤ 1000 characters, mrkdwn left as text (message shortcuts)

class AwayRoute(TypedDict):
	"""A "While you are away" button of the Home tab (block `away_actions_block`)."""

	handler: Literal["away_show", "away_stop", "away_dnd"]
	user_id: str
	trigger_id: str | None  # always given for away_show (it opens the consent modal)
	dnd: bool | None  # away_dnd: the choice the click makes (value on / off)

class CelebrationsRoute(TypedDict):
	"""The Home tab's birthdays and work anniversaries choice (block `celebrations_actions_block`)."""

	handler: Literal["celebrations_choice"]
	user_id: str
	opt_out: bool  # what the click chooses: value `out` → True, `in` → False

class TimesheetValues(TypedDict):
	"""The Log Time modal's values as the user left them (any may be None)."""

	date: str | None  # ISO
	project: str | None
	task: str | None
	activity_type: str | None
	hours: str | None  # as typed
	description: str | None

class TimesheetProjectChangeRoute(TypedDict):
	handler: Literal["timesheet_project_change"]
	user_id: str
	view_id: str  # for views.update
	view_hash: str  # for views.update (hash=)
	today: str  # the day the modal was built (ISO), from its private_metadata
	values: TimesheetValues  # with the chosen project, task cleared; pass as `current`

class TimesheetForm(TypedDict):
	date: str  # ISO, not after the day the modal was opened
	project: str
	task: str | None
	activity_type: str
	hours: float  # 0.25 to 24, at most two decimals
	description: str  # cleaned, 1 to 1000 characters

TimesheetErrorCode = Literal[
	"date_missing",
	"date_in_future",
	"project_missing",
	"activity_type_missing",
	"hours_missing",
	"hours_not_a_number",
	"hours_out_of_range",
	"description_missing",
	"description_too_long",
]

class TimesheetError(TypedDict, total=False):
	"""Why a field of the Log Time modal is not acceptable; put into words by
	`build_timesheet_view_errors`."""

	code: TimesheetErrorCode  # required
	today: str  # date_in_future: ISO
	min: int  # hours_out_of_range: hundredths of an hour (25)
	max: int  # hours_out_of_range: hundredths of an hour (2400); description_too_long: the limit
	length: int  # description_too_long

class TimesheetSubmissionRoute(TypedDict):
	handler: Literal["timesheet_submission"]
	user_id: str
	view_id: str
	form: TimesheetForm | None  # None exactly when errors is set
	errors: dict[str, TimesheetError] | None  # block_id -> error

class TimesheetOpenRoute(TypedDict):
	"""The reminder's "Log time" button: open the modal for `date`."""

	handler: Literal["timesheet_open"]
	user_id: str
	date: str  # ISO
	trigger_id: str | None
	channel_id: str | None

Route = (
	LeaveDecisionRoute
	| LeaveButtonRoute
	| LeaveRejectionRoute
	| HalfDayToggleRoute
	| LeaveSubmissionRoute
	| HomeApplyLeaveRoute
	| ShortcutRoute
	| AckRoute
	| TimesheetProjectChangeRoute
	| TimesheetSubmissionRoute
	| TimesheetOpenRoute
	| AwayRoute
	| ApprovalRoute
	| ApprovalRejectionRoute
	| CelebrationsRoute
)

def route_interaction(payload: str | bytes) -> Route:
	"""Parses and routes a Slack interaction payload (the JSON of the `payload` form field).

	One declarative table (rust/core/src/interaction/route.rs `RULES`) picks the handler:

	- block_actions, action_id `leave_approve` / `leave_reject` → `leave_decision`
	- block_actions, action_id `half_day_checkbox` in block `half_day_checkbox` → `half_day_toggle`
	- block_actions, action_id `home_apply_leave` (the Home tab) → `home_apply_leave`
	- block_actions, action_id starting with `ignore` → `ack` (`ignored_action`)
	- view_submission, callback_id `apply_leave_application` → `leave_submission`, validated:
		`form` or inline `errors` as codes (end ≥ start, half-day date inside the range, required
		fields, reason ≤ 1000 characters; see `FormError`)
	- view_closed (any callback_id) → `ack` (`view_closed`)
	- then the approval engine's table (interaction/approvals.rs `APPROVABLES`, leave's rows
		excepted: they are the leave rows above): block_actions with a row's `approve` / `reject`
		action_id → `approval_decision` / `approval_reject_prompt`; view_submission with a row's
		`reject_reason` callback_id → `approval_rejection`
	- shortcut / message_action, by callback_id through the shortcut registry (`SHORTCUTS`,
		rust/core/src/interaction/shortcuts.rs) → the row's `handler` (`ShortcutRoute`); an unknown
		callback_id, or one of the other kind, is `unknown_callback`

	Payloads over 64 KiB are parsed with the GIL released.

	Raises:
		PayloadError: anything else (see `PayloadError.reason`).
		TypeError: `payload` is neither str nor bytes.
	"""

class UrlVerificationRoute(TypedDict):
	handler: Literal["url_verification"]
	challenge: str  # ≤ 200 characters; answer it only for a verified request

class AppHomeOpenedRoute(TypedDict):
	handler: Literal["app_home_opened"]
	event_id: str  # ≤ 64 characters: the key a retry is recognised by
	user_id: str  # a well-formed Slack user id
	tab: Literal["home", "messages"]

class UnfurlTarget(TypedDict, total=False):
	"""Where `chat.unfurl` attaches its cards: `channel` + `ts` (the posted message) or
	`unfurl_id` + `source` (as the event gave them; also a link still in the composer)."""

	channel: str
	ts: str
	unfurl_id: str
	source: Literal["composer", "conversations_history"]

class LinkSharedRoute(TypedDict):
	handler: Literal["link_shared"]
	event_id: str  # ≤ 64 characters: the key a retry is recognised by
	user_id: str  # who shared the links: a well-formed Slack user id
	target: UnfurlTarget
	urls: list[str]  # the links' URLs as sent, at most 5

class RequestLeaveInputs(TypedDict):
	user_id: str  # a well-formed Slack user id: who the leave is for
	from_date: str  # YYYY-MM-DD
	to_date: str  # YYYY-MM-DD, not before from_date
	leave_type: str  # trimmed, 1..140 characters
	reason: str  # trimmed, ≤ 1000 characters, "" when not given

class WhoIsOutInputs(TypedDict):
	date: str  # YYYY-MM-DD
	department: str | None  # trimmed, ≤ 140 characters

class StepInputError(TypedDict):
	field: str  # the input at fault ("inputs" when they are not an object)
	reason: Literal["missing", "not_a_user", "not_a_date", "not_text", "too_long", "dates_reversed"]

class FunctionExecutedRoute(TypedDict):
	handler: Literal["function_executed"]
	event_id: str  # ≤ 64 characters: the key a retry is recognised by
	execution_id: str  # function_execution_id, ≤ 64 characters: what the completion names
	token: str  # the execution's short-lived token to complete it with; never log it
	step: Literal["request_leave", "who_is_out"]  # the step registry's handler
	inputs: RequestLeaveInputs | WhoIsOutInputs | None  # None when `invalid` says why
	invalid: StepInputError | None

EventRoute = UrlVerificationRoute | AppHomeOpenedRoute | LinkSharedRoute | FunctionExecutedRoute

class LeaveLink(TypedDict):
	url: str  # as posted: the key of its unfurl
	name: str  # the Leave Application, percent-decoded

def leave_links(urls: list[str], site_url: str) -> list[LeaveLink]:
	"""The links among `urls` that open a Leave Application form on the site at `site_url`
	(`/app/leave-application/<name>`, v16 also `/desk/…`; same host and port, below the site's
	path), each URL once, read with the `url` crate; anything else (other hosts, doctypes, list
	views, a name that does not decode) is left out. A bad `site_url` matches nothing."""

def route_event(body: str | bytes) -> EventRoute:
	"""Parses and routes an Events API body (`application/json` on the interactions route).

	The envelope's `type` decides: `url_verification` → its `challenge`; `event_callback` → the
	inner event's `type` through one table (rust/core/src/interaction/event.rs `EVENT_RULES`, the
	bot events the manifest subscribes to): `app_home_opened` → `app_home_opened`, `link_shared` →
	`link_shared`;
	`function_executed` (a Workflow Builder step of `interaction/steps.rs` `STEPS`, by its
	callback_id) → `function_executed` with its inputs read (or why they cannot be used). The same
	size, shape and nesting guards as `route_interaction`.

	Raises:
		PayloadError: `unknown_type` (another envelope), `unknown_event` (an event not in the
			table), `missing_field` / `invalid_field` (no challenge, event_id, event, user; a bad
			user id or tab; a step without its callback_id, execution id or token, or not one
			of the app's), or a body that is not a JSON object.
		TypeError: `body` is neither str nor bytes.
	"""

"""Type stub of the native module `frappe_slack_connector._core` (Rust, PyO3).

Every export carries a docstring. Errors raised by the core are the exception classes below;
each has a stable `.reason` code meant for logs and tests.
"""

from collections.abc import Mapping
from typing import Literal, TypedDict, final

__version__: str

# --- request verification ---

class SignatureError(ValueError):
	"""A Slack request failed verification.

	`reason` is one of `no_secret`, `missing_header`, `malformed_timestamp`, `stale_timestamp`,
	`malformed_signature`, `bad_signature`, or `unusable_secret` (HMAC refused the key; not
	expected, as HMAC takes keys of any length). The message never contains the secret or the body.
	"""

	reason: str

def verify_request(
	signing_secret: str,
	timestamp: str | None,
	signature: str | None,
	body: bytes,
	*,
	now: int | None = None,
	tolerance: int = 300,
) -> None:
	"""Verify a Slack request signature (v0: HMAC-SHA256 over `v0:{timestamp}:{body}`).

	`timestamp` and `signature` are the `X-Slack-Request-Timestamp` and `X-Slack-Signature`
	headers (None when absent); `body` is the raw request body, any bytes. Timestamps more than
	`tolerance` seconds away from `now` (default: the current Unix time) in either direction are
	rejected. The digest comparison is constant time; bodies over 64 KiB are hashed with the GIL
	released. Returns None on success, raises `SignatureError` otherwise.
	"""

# --- leave workflow ---

def block_for_leave_field(field: str) -> str:
	"""The leave modal's input block that shows an error about Leave Application field `field`.

	`from_date` → `start_date`, `to_date` → `end_date`, `leave_type` → `leave_type`,
	`half_day_date` → `half_day_date`, `description` → `reason`; any other field (or none in
	particular) → `reason`, the one input every leave modal has. The table lives next to the block
	ids in rust/core (`interaction::ids::LEAVE_FIELD_BLOCKS`).
	"""

@final
class PayloadError(ValueError):
	"""An interaction payload could not be routed (answer HTTP 400 and write an Error Log).

	`reason` is a stable code:
	`malformed_json` (not JSON, not an object, or nested deeper than 64 levels),
	`too_large` (over 2 MiB), `unknown_type`, `unknown_action`, `unknown_callback`,
	`missing_field` (the message names the field, e.g. `user.id`),
	`invalid_field` (wrong JSON type, a date that is not YYYY-MM-DD, an unknown half period, a
	`user.id` that is not a Slack user id: 1 to 64 ASCII letters and digits).
	"""

	reason: str

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

class AckRoute(TypedDict):
	handler: Literal["ack"]
	reason: Literal["ignored_action", "view_closed"]

class HomeApplyLeaveRoute(TypedDict):
	handler: Literal["home_apply_leave"]  # Apply for leave on the Home tab: open the leave modal
	user_id: str
	trigger_id: str

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
	| AckRoute
	| TimesheetProjectChangeRoute
	| TimesheetSubmissionRoute
	| TimesheetOpenRoute
)

def route_interaction(payload: str | bytes) -> Route:
	"""Parses and routes a Slack interaction payload (the JSON of the `payload` form field).

	One declarative table (rust/core/src/interaction.rs `RULES`) picks the handler:

	- block_actions, action_id `leave_approve` / `leave_reject` → `leave_decision`
	- block_actions, action_id `half_day_checkbox` in block `half_day_checkbox` → `half_day_toggle`
	- block_actions, action_id `home_apply_leave` (the Home tab) → `home_apply_leave`
	- block_actions, action_id starting with `ignore` → `ack` (`ignored_action`)
	- view_submission, callback_id `apply_leave_application` → `leave_submission`, validated:
		`form` or inline `errors` as codes (end ≥ start, half-day date inside the range, required
		fields, reason ≤ 1000 characters; see `FormError`)
	- view_closed (any callback_id) → `ack` (`view_closed`)

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

EventRoute = UrlVerificationRoute | AppHomeOpenedRoute

def route_event(body: str | bytes) -> EventRoute:
	"""Parses and routes an Events API body (`application/json` on the interactions route).

	The envelope's `type` decides: `url_verification` → its `challenge`; `event_callback` → the
	inner event's `type` through one table (rust/core/src/interaction/event.rs `EVENT_RULES`, the
	bot events the manifest subscribes to): `app_home_opened` → `app_home_opened`. The same size,
	shape and nesting guards as `route_interaction`.

	Raises:
		PayloadError: `unknown_type` (another envelope), `unknown_event` (an event not in the
			table), `missing_field` / `invalid_field` (no challenge, event_id, event, user; a bad
			user id or tab), or a body that is not a JSON object.
		TypeError: `body` is neither str nor bytes.
	"""

# --- words: what a person reads, from the catalogue (frappe_slack_connector/slack/words.py) ---
# Every key is required and no other is accepted; a missing or unknown key, a value that is not a
# str, or a template lacking one of its placeholders `{0}`, `{1}` … or naming another raises
# `InputError` (reason `bad_words`, field "words"). Words are plain text: the builders escape them
# for mrkdwn, fill the placeholders and add Slack syntax (bold, mentions, links, emoji).

class DateWords(TypedDict):
	months: list[str]  # 12 abbreviations, January first
	weekdays: list[str]  # 7 abbreviations, Monday first
	pattern: str  # `{month}`, `{day}` (2 digits), `{year}` (4 digits) required, `{weekday}` optional

class PeriodWords(TypedDict):
	first_half: str
	second_half: str

class KindWords(TypedDict):
	full_day: str
	half_day: str
	first_half: str
	second_half: str

class StatusWords(TypedDict):
	open: str
	approved: str
	rejected: str
	cancelled: str

class RejectWords(TypedDict):
	title: str  # ≤ 24 chars
	submit: str
	close: str
	intro: str  # {0} the Leave Application, {1} the requester
	reason: str
	reason_placeholder: str
	reason_hint: str

class ModalWords(TypedDict):
	title: str  # ≤ 24 characters shown
	submit: str
	close: str
	start_date: str
	end_date: str
	leave_type: str
	leave_type_placeholder: str
	half_day: str
	half_day_option: str
	half_day_date: str
	half_period: str
	half_period_placeholder: str
	reason: str
	reason_placeholder: str
	periods: PeriodWords
	leave_type_group: str  # {0} first, {1} last number of an option group
	leave_types_cut: str  # {0} shown, {1} total
	leave_types_grouped: str  # {0} total, {1} group size

class ViewErrorWords(TypedDict):
	start_date_missing: str
	end_date_missing: str
	leave_type_missing: str
	reason_missing: str
	reason_too_long: str  # {0} limit, {1} length
	end_before_start: str
	half_day_outside: str  # {0} first, {1} last day
	half_day_date_missing: str
	half_day_needs_date: str
	half_period_missing: str
	dates: DateWords

class LeaveWords(TypedDict):
	request_header: str
	requested: str  # {0} the requester
	leave_id: str
	leave_type: str
	from_date: str
	to_date: str
	total_days: str
	half_day: str
	submitted_on: str
	reason: str
	balance: str  # label of the balance line
	balance_change: str  # {0} days left before the request, {1} after
	periods: PeriodWords
	approve: str
	reject: str
	approved_by: str  # {0} who decided
	rejected_by: str  # {0} who decided
	cancelled_by: str  # {0} who cancelled
	deleted_by: str  # {0} who deleted
	withdrawn_by: str  # {0} the requester who withdrew it
	reassigned_to_by: str  # {0} the new approver, {1} who changed it
	workflow_state: str  # {0} the workflow state
	moved_to_by: str  # {0} the new workflow state, {1} who moved it there
	outcome_reason: str
	submitted_header: str
	submitted: str
	submitted_to: str  # {0} the approver
	approved_header: str
	rejected_header: str
	cancelled_header: str
	deleted_header: str
	withdrawn_header: str
	reassigned_header: str
	request_decided: str  # {0} `approved` / `rejected` / `cancelled` / `deleted` below, {1} who
	approved: str
	rejected: str
	cancelled: str
	deleted: str
	request_withdrawn: str
	withdraw: str  # the requester's button
	request_reassigned: str  # {0} the new approver, {1} who changed it
	ask_to_cancel: str  # the requester's button once approved
	cancellation_header: str
	cancellation_requested: str  # {0} the requester
	cancel_leave: str
	keep_leave: str
	kept_by: str  # {0} the approver who kept it
	kept_header: str
	request_kept: str  # {0} the approver who kept it
	dates: DateWords

class NoticeWords(TypedDict):
	not_allowed: str  # {0} the Leave Application
	not_yours: str  # {0} the Leave Application
	already_decided: str  # {0} the Leave Application, {1} its status
	already_decided_by: str  # … {2} who decided
	slack_not_linked: str
	no_employee: str
	no_leave_types: str
	action_failed: str  # {0} the Leave Application, {1} Frappe's message
	not_changed: str
	not_cancellable: str  # {0} the Leave Application
	cancellation_sent: str  # {0} the Leave Application, {1} the approver
	cancellation_pending: str  # {0} the Leave Application, {1} the approver
	statuses: StatusWords

class SummaryWords(TypedDict):
	default_title: str
	groups: KindWords
	until: str  # {0} the last day
	continued: str  # {0} the group heading
	nobody: str  # {0} the title
	dates: DateWords

class LateLeaveWords(TypedDict):
	also_on_leave: str  # {0} who, {1} how (kinds)
	kinds: KindWords
	until: str  # {0} the last day
	dates: DateWords

class TestMessageWords(TypedDict):
	can_post: str  # {0} the app's name
	can_post_from: str  # {0} the app's name, {1} the site
	sent_by: str

class ReminderWords(TypedDict):
	header: str
	intro: str  # {0} how many are still open
	none_left: str  # once every listed request is decided
	item: str  # {0} the Leave Application (a link), {1} the requester
	more: str  # {0} how many more open requests are not listed
	open_in_desk: str  # the label of the link to the desk's list

class HomeWords(TypedDict):
	title: str
	apply_leave: str
	balances_header: str
	days_left: str  # {0} the number of days
	day_left: str  # {0} the number of days (exactly one)
	no_balance: str  # a Leave Without Pay type
	no_balances: str
	my_leave_header: str
	nothing_upcoming: str
	recent_header: str
	out_header: str
	out_intro: str
	nobody_out: str
	waiting_header: str
	nothing_waiting: str
	more_in_desk: str  # {0} how many more (a link to the desk)
	with_approver: str  # {0} the leave approver
	total_days: str  # {0} the number of days
	total_day: str  # {0} the number of days (exactly one)
	half_day: str
	withdraw: str
	ask_to_cancel: str
	approve: str
	reject: str
	not_linked: str
	no_employee: str
	statuses: StatusWords
	dates: DateWords

class LeaveTypeOption(TypedDict, total=False):
	name: str  # required: the Leave Type name (the submitted value)
	label: str | None  # shown instead of the name, e.g. "Casual Leave (4 left)"

class LeaveModalInput(TypedDict, total=False):
	leave_types: list[LeaveTypeOption]  # required, most relevant first; duplicates dropped
	today: str  # required, ISO date: default start/end
	half_day_checked: bool  # default False
	show_half_day_date: bool | None  # default: when the (current or default) range spans several days
	has_half_period_field: bool  # the site has custom_first_halfsecond_half; default False
	current: FormValues  # values to preserve (a half_day_toggle route's `values`); dates may be None
	private_metadata: str  # ≤ 3000 characters; default ""

def build_leave_modal(input: LeaveModalInput, *, words: ModalWords) -> dict:
	"""The "Apply for Leave" modal as a view dict for `views.open(view=...)` /
	`views.update(view=..., view_id=..., hash=...)`, in `words` (the reader's language).

	Title, submit and close from `words` ("Apply for Leave", "Submit", "Cancel" in English),
	callback_id `apply_leave_application`.
	Inputs in order: start date, end date, leave type, Half Day checkbox (dispatches the toggle),
	[half-day date, when half day is checked and the range spans several days],
	[half period, when half day is checked and `has_half_period_field`], reason (≤ 1000 chars).
	Up to 100 leave types are a flat list; more become option groups of 100 (at most 100 groups,
	with a hint saying how many are listed or shown).

	Raises:
		InputError: unknown or missing keys, bad dates (`bad_input`); bad words (`bad_words`); no leave types, private_metadata too long (`unbuildable`).
		TypeError: a value that is not plain JSON (e.g. a `datetime.date`: pass `.isoformat()`).
	"""

class LeaveDetails(TypedDict, total=False):
	leave_application: str  # required: document name; the approval buttons' value
	form_url: str | None  # get_url_to_form(...); http(s) only, otherwise the ID is not linked
	requester_name: str  # required: employee name, shown when there is no Slack id
	requester_slack_id: str | None  # U…/W… id → rendered as a mention
	leave_type: str  # required
	posting_date: str | None  # ISO date, "Submitted On"
	from_date: str  # required, ISO date
	to_date: str  # required, ISO date
	total_days: float | None
	half_day: bool
	half_day_date: str | None  # defaults to from_date when half_day
	half_period: HalfPeriodCode | HalfPeriodLabel | None
	reason: str | None
	balance: BalanceChange | None  # shown as "Balance: 10 → 9 days" (the approver's request)

class BalanceChange(TypedDict):
	before: float  # days left of the type before this request (hrms leave_balance)
	after: float  # and after it

class SlackMessage(TypedDict):
	text: str  # notification / screen-reader fallback rendered from the blocks
	blocks: list[dict]

class ApprovedOutcome(TypedDict, total=False):
	kind: Literal["approved"]  # required
	by: str  # required: who decided (a full name)
	reason: str | None

class RejectedOutcome(TypedDict, total=False):
	kind: Literal["rejected"]  # required
	by: str  # required
	reason: str | None

class CancelledOutcome(TypedDict, total=False):
	kind: Literal["cancelled"]  # required
	by: str  # required
	reason: str | None

class DeletedOutcome(TypedDict):
	kind: Literal["deleted"]
	by: str

class WithdrawnOutcome(TypedDict):
	kind: Literal["withdrawn"]  # the requester deleted their own Open request
	by: str

class ReassignedOutcome(TypedDict):
	kind: Literal["reassigned"]
	by: str  # who changed the Leave Approver
	to: str  # the new approver (a full name)

class KeptOutcome(TypedDict):
	kind: Literal["kept"]  # asked to cancel, the approver kept the approved leave
	by: str

# What became of a request, whatever changed it (Slack, the desk, a workflow, the API).
Outcome = (
	ApprovedOutcome
	| RejectedOutcome
	| CancelledOutcome
	| DeletedOutcome
	| WithdrawnOutcome
	| ReassignedOutcome
	| KeptOutcome
)

class ApprovalChoices(TypedDict, total=False):
	decisions: list[Literal["approve", "reject"]]  # the buttons; default both, [] for none
	workflow_state: str | None  # on a site with a workflow: the state the request is in
	moved_by: str | None  # who moved it there (a workflow step that did not decide it)

def build_approver_message(
	details: LeaveDetails, *, words: LeaveWords, choices: ApprovalChoices | None = None
) -> SlackMessage:
	"""The approver's DM in `words`: header, requester (mention or escaped name), Leave ID linked to
	the form, type, from/to (dates in `words.dates`: `Dec 04, 2026 (Fri)` in English), total days,
	half day, submitted on, reason (escaped, fitted to 3000 chars); with `choices.workflow_state`
	a line naming it ("🔀 Workflow state: …", or "➡️ Moved to … by …" with `moved_by`); and block
	`leave_actions_block` with the buttons of `choices.decisions` (default both): Approve
	(primary, `leave_approve`), Reject (danger, `leave_reject`), value = the Leave Application
	name; no actions block when there are none.

	Raises:
		InputError: bad input (`bad_input`), bad words (`bad_words`), or a name longer than a button value, 2000 chars (`unbuildable`).
	"""

def build_approver_outcome(details: LeaveDetails, outcome: Outcome, *, words: LeaveWords) -> SlackMessage:
	"""The approver's message in its final state, for `chat.update`: the request as it was, the
	buttons replaced by the outcome ("✅ Approved by <by>", "❌ Rejected by <by>", "🚫 Cancelled by
	<by>", "🗑️ Deleted by <by>", "↩️ Withdrawn by <by>", "↪️ Reassigned to <to> by <by>", "👍 Kept
	by <by>", in `words`) and the decider's reason when there is one.

	Raises:
		InputError: bad details or outcome (`bad_input`), bad words (`bad_words`).
	"""

# What the requester may still do, offered as a button on their confirmation.
Offer = Literal["withdraw", "ask_to_cancel"]

def build_requester_confirmation(
	details: LeaveDetails,
	approver_name: str | None = None,
	*,
	words: LeaveWords,
	offer: Offer | None = None,
) -> SlackMessage:
	"""DM to the requester once the Leave Application exists, in `words`: submitted (and sent to
	whom), Leave ID linked to the form, type, dates, half day, reason; with an `offer` its button
	in block `requester_actions_block` (value = the name): `withdraw` → Withdraw (`leave_withdraw`),
	`ask_to_cancel` → Ask to cancel (`leave_ask_cancel`).
	Raises `InputError` (`unbuildable`) for a name longer than a button value."""

class RejectModalInput(TypedDict, total=False):
	leave_application: str  # required
	requester_name: str  # required
	channel_id: str | None  # of the clicked message, echoed back on submission
	message_ts: str | None

def build_reject_modal(input: RejectModalInput, *, words: RejectWords) -> dict:
	"""The reject-with-reason modal for `views.open`: callback `leave_reject_reason`, an intro
	naming the application and the requester (escaped), an optional multiline input (block
	`reject_reason`, action `reject_reason_input`, ≤ 500 chars); the application and the message
	ride in private_metadata. Raises `InputError` (`unbuildable`) when that exceeds 3000 chars."""

def build_requester_outcome(
	details: LeaveDetails, outcome: Outcome, *, words: LeaveWords, offer: Offer | None = None
) -> SlackMessage:
	"""DM to the requester in `words`: their leave was approved / rejected / cancelled / deleted by
	`by`, withdrawn, kept, or handed to another approver, with the details and the reason when
	there is one; with an `offer` its button as in `build_requester_confirmation` (for the
	confirmation rewritten in place). Raises `InputError` like `build_requester_confirmation`."""

def build_cancellation_request(details: LeaveDetails, *, words: LeaveWords) -> SlackMessage:
	"""The approver's DM when the requester asks to cancel an approved leave, in `words`: header,
	who asks (mention or escaped name), the facts, and block `cancellation_actions_block` with
	Cancel leave (danger, `leave_cancel`) and Keep (`leave_keep`), both with value = the name.
	Raises `InputError` (`unbuildable`) for a name longer than a button value."""

def build_cancellation_outcome(details: LeaveDetails, outcome: Outcome, *, words: LeaveWords) -> SlackMessage:
	"""The cancellation request answered, for `chat.update`: the request as it was, the buttons
	replaced by the outcome line (as `build_approver_outcome`: cancelled, kept, …).
	Raises `InputError` (`bad_input`, `bad_words`)."""

class NotAllowedNotice(TypedDict):
	kind: Literal["not_allowed"]
	leave_application: str

class NotYoursNotice(TypedDict):
	kind: Literal["not_yours"]  # the requester's own button clicked by someone else
	leave_application: str

class AlreadyDecidedNotice(TypedDict, total=False):
	kind: Literal["already_decided"]  # required
	leave_application: str  # required
	status: str  # required: the current status, e.g. "Approved", "Cancelled"
	decided_by: str | None

class SimpleNotice(TypedDict):
	kind: Literal["slack_not_linked", "no_employee", "no_leave_types"]

class ActionFailedNotice(TypedDict):
	kind: Literal["action_failed"]
	leave_application: str
	message: str  # Frappe's error, HTML stripped; escaped and cut to 2000 chars

class ErrorNotice(TypedDict):
	kind: Literal["error"]
	message: str

class NotCancellableNotice(TypedDict):
	kind: Literal["not_cancellable"]  # Ask to cancel on a leave not approved, or already started
	leave_application: str

class CancellationNotice(TypedDict):
	kind: Literal["cancellation_sent", "cancellation_pending"]
	leave_application: str
	approver: str  # a full name

Notice = (
	NotAllowedNotice
	| NotYoursNotice
	| AlreadyDecidedNotice
	| SimpleNotice
	| ActionFailedNotice
	| ErrorNotice
	| NotCancellableNotice
	| CancellationNotice
)

def build_leave_notice(notice: Notice, *, words: NoticeWords) -> SlackMessage:
	"""A one-section message for one user (`chat.postEphemeral` or a `response_url`), in `words`,
	saying what happened and what to do: not allowed to decide, already decided (the stored
	status shown in `words.statuses`, as stored when it has none; by whom), Slack account not
	linked / no employee / no leave types (ask HR), approval failed (nothing changed), or an error
	(`message` is already in the reader's words).
	"""

def build_view_errors(errors: Mapping[str, str | FormError], *, words: ViewErrorWords) -> dict:
	"""`{"response_action": "errors", "errors": {block_id: message}}`, the body of the HTTP 200
	that shows inline errors in the submitted modal. A value is a message already in the reader's
	words (str: a Frappe refusal, a handler's own message) or a submission route's `FormError`,
	put into `words` (dates in `words.dates`). Messages are plain text (not escaped), cut to 2000
	characters. `block_id` must be an input block of the view (e.g. a submission route's `errors`
	keys, or `leave_type` / `start_date` for a Frappe validation error).

	Raises `InputError`: `unbuildable` for an empty mapping or a blank `block_id` (either answer
	would show the user nothing; an empty errors answer may even close the modal as if the leave
	had been filed), `bad_input` for a value that is neither a str nor a known `FormError` with
	exactly its keys, `bad_words` for bad words."""

class ReminderItem(TypedDict, total=False):
	leave: LeaveDetails  # required
	outcome: Outcome | None  # set once decided: the row shows it instead of buttons

class ReminderInput(TypedDict, total=False):
	items: list[ReminderItem]  # required, non-empty, in the order shown (oldest first)
	list_url: str | None  # the desk's list of the approver's Open requests (http(s), else not linked)

def build_approver_reminder(
	reminder: ReminderInput, *, words: ReminderWords, leave_words: LeaveWords
) -> SlackMessage:
	"""The daily reminder to a leave approver, or its rebuilt form for `chat.update`: a header, how
	many requests are still open (`words.none_left` once none is), then one section per request —
	the Leave ID linked to its form and the requester (mention or escaped name), type, from - to
	and total days, Submitted On (dates in `leave_words.dates`) — followed, while it is open, by
	block `leave_reminder_actions_<n>` (n = its position) with Approve (`leave_approve`, primary)
	and Reject (`leave_reject`, danger), value = the Leave Application name; a decided request
	shows its outcome line instead ("✅ Approved by …", as `build_approver_outcome`, no reason).
	At most 20 requests are listed (≤ 43 blocks); "+N more — Open them in the desk" (linked to
	`list_url`) counts the open ones past that.

	Raises:
		InputError: bad input (`bad_input`), bad words (`bad_words`), no items or a name longer than a button value (`unbuildable`).
	"""

class HomeBalance(TypedDict, total=False):
	leave_type: str  # required
	days_left: float | None  # None: Leave Without Pay (no balance)

class HomeLeave(TypedDict, total=False):
	leave_application: str  # required
	form_url: str | None
	leave_type: str  # required
	from_date: str  # required, ISO
	to_date: str  # required, ISO
	half_day: bool
	status: str  # required: the stored status
	approver_name: str | None
	offer: Literal["withdraw", "ask_to_cancel"] | None

class HomeOut(TypedDict, total=False):
	employee_name: str  # required
	slack_id: str | None  # only when the site mentions people
	from_date: str  # required, ISO
	to_date: str  # required, ISO
	half_day: bool

class HomeWaiting(TypedDict, total=False):
	leave_application: str  # required
	form_url: str | None
	requester_name: str  # required
	requester_slack_id: str | None
	leave_type: str  # required
	from_date: str  # required, ISO
	to_date: str  # required, ISO
	total_days: float | None

class HomeStranger(TypedDict):
	kind: Literal["stranger"]
	reason: Literal["not_linked", "no_employee"]

class HomeEmployee(TypedDict, total=False):
	kind: Literal["employee"]  # required
	balances: list[HomeBalance]
	my_leave: list[HomeLeave]  # upcoming and pending, in the order shown
	recent: list[HomeLeave]  # the last decided
	out: list[HomeOut]  # their department, today and the next 7 days
	waiting: list[HomeWaiting] | None  # a list (maybe empty) for approvers / HR Managers only
	waiting_total: int | None  # how many wait in all when `waiting` holds only the first
	desk_url: str | None  # the viewer's Leave Applications in the desk
	waiting_url: str | None  # the desk's list of what waits for the viewer

def build_home_view(input: HomeStranger | HomeEmployee, *, words: HomeWords) -> dict:
	"""The Home tab, a `{"type": "home", "blocks": …}` view for `views.publish`.

	A stranger gets a title and what to ask HR for. An employee: Apply for leave (block
	`home_actions_block`, action `home_apply_leave`), Balances (≤ 20, then "+N more"), My leave
	(≤ 20 sections, each Open one with Withdraw `leave_withdraw`, an approved future one with Ask to
	cancel `leave_ask_cancel`; value = the Leave Application), Recently decided (≤ 5), Who is out
	(≤ 30 lines), and for approvers Waiting for you: a section and an actions block
	`home_waiting_<n>` (Approve `leave_approve`, Reject `leave_reject`) per request, as many as fit
	under Slack's 100 blocks (≤ 40), then "+N more — open in the desk" linked to `waiting_url`.
	User text is escaped; every text within Slack's limits.

	Raises:
		InputError: bad input (`bad_input`), bad words (`bad_words`), a name longer than a button value (`unbuildable`).
	"""

# --- end leave workflow ---
# --- attendance ---
# (no imports here: builtins only, so this block stays self-contained)

class InputError(ValueError):
	"""Bad input to a builder (attendance, leave workflow) or to `render_markdown`.

	`reason` is one of `bad_input` (a leave builder's dict of the wrong shape: missing or unknown
	key, bad date, unknown decision), `bad_words` (a `words` dict that does not fit its surface:
	missing or unknown key, a template lacking one of its placeholders or naming another; `field`
	is "words"), `unbuildable` (a leave builder input Slack would reject and
	truncation cannot fix: no leave types, private_metadata too long, an over-long button value;
	`build_view_errors` with no errors or a blank block id; builder output that would not
	serialise, which no input is known to reach),
	`bad_row` (a leave row; `index` is the row's position), `bad_date`,
	`bad_datetime`, `bad_time` (an argument; `index` is None), `not_a_list`, `invalid_block`,
	`unknown_block` (`render_markdown`; `index` is the block's position). `field` names the
	offending field or argument (`"blocks"` for block errors). Values quoted in the message are
	cut to 80 characters.
	"""

	reason: str
	field: str | None
	index: int | None

def build_attendance_summary(
	rows: list[dict[str, object]],
	*,
	today: str,
	words: SummaryWords,
	title: str = "",
	mention: bool = True,
) -> list[dict[str, object]]:
	"""Build the day's "who is out" messages in `words`: one `{"text": str, "blocks": list}` per
	message. (The texts below are the English words.)

	Each row: `employee` (str, required), `employee_name` (str; blank → the employee id),
	`slack_user_id` (str of ASCII letters/digits, None or ""), `from_date`, `to_date`
	(`YYYY-MM-DD` str or `datetime.date`, `to_date >= from_date`), `half_day` (bool or 0/1,
	missing → False), `half_day_date` (date, None or ""), `half_period` ("First Half",
	"Second Half", None or ""). Other keys are ignored. `today` is `YYYY-MM-DD`.

	Rules: rows not covering `today` are ignored. A half-day row is a half day only on its
	`half_day_date`, or on a one-day leave without one; on other days of its range it is a full
	day. Rows of one employee merge into one line: the latest `to_date` is shown, Full Day if any
	row is a full day today or both halves are taken, else the known half period. Groups Full Day,
	Half Day (period unknown), First Half, Second Half (empty ones left out); within a group by
	end date, then name (case-insensitive), then employee id; numbered from 1 per group. A line is
	`<@slack_id>` or the escaped name, plus `_until Dec 04, 2026 (Fri)_` when the leave ends
	after today. `mention=False` (Slack Settings "Mention people in the daily summary" off) names
	everyone by the escaped name, never `<@…>`, so nobody is pinged.

	The first message starts with the header `:palm_tree: <N> <title>`; sections stay within
	3000 characters and messages within 50 blocks, so a large day yields several messages: post
	the first, then the rest as thread replies of it (a group cut by a message boundary resumes
	with "*<group>* (continued)"). Nobody out → one message `:sunny: No <title>`. A blank title
	means `words.default_title` ("Employees on Leave"). The dicts are read in place (only the fields above; other keys
	are ignored whatever their type); grouping, packing and rendering run with the GIL released.
	Raises `InputError` for a bad row or date or bad words (`bad_words`), `TypeError` for a value
	in one of the fields above that is not JSON-like (other than dates) or an int beyond 64 bits.
	"""

def should_send_attendance(
	*,
	now: str,
	enabled: bool,
	send_time: str,
	is_holiday: bool,
	last_sent: str | None = None,
) -> tuple[bool, str]:
	"""Decide whether the scheduler tick at `now` should send today's summary.

	Returns `(send, reason)`: `(True, "ok")`, or `(False, reason)` with `reason` the first
	obstacle (`"disabled"`, `"holiday"`, `"already_sent"`, `"before_time"`) in the
	order `disabled` → `holiday` → `already_sent` → `before_time`. `now` is the site-local ISO
	date-time (`YYYY-MM-DD[T ]HH:MM[:SS[.ffffff]]`, no UTC offset); `send_time` is `HH:MM`,
	`HH:MM:SS` or `H:MM:SS` (as `str(timedelta)` gives); `last_sent` is `YYYY-MM-DD`, None or "".
	A `last_sent` on or after today's date counts as already sent. Pure: the caller still has to
	claim the day atomically before posting. Raises `InputError` (`bad_datetime`, `bad_time`,
	`bad_date`).
	"""

def render_markdown(blocks: list[dict[str, object]]) -> str:
	"""Render Block Kit blocks (as sent to Slack) as Markdown, for dry runs and logs.

	The blocks are parsed into slack-morphism's typed model first; a malformed block or an
	unknown block type raises `InputError` (`invalid_block` / `unknown_block`, with `index`),
	a non-list `not_a_list`.
	"""

def build_late_leave_note(
	row: dict[str, object], *, today: str, words: LateLeaveWords, mention: bool = True
) -> dict[str, object] | None:
	"""The threaded reply for a leave created after today's summary went out, in `words`.

	`row` has the shape of a `build_attendance_summary` row. Returns `{"text": str, "blocks":
	list}` reading e.g. "<@U1> is also on leave today (First Half)" (plus `_until <date>_` when
	the leave goes on after today), or None when the row does not cover `today`; with
	`mention=False` the person is named by the escaped name, never `<@…>`. Post it with
	`thread_ts` = the summary's ts and `reply_broadcast=True`. Raises `InputError` like
	`build_attendance_summary`.
	"""

def build_test_message(site: str = "", *, words: TestMessageWords) -> dict[str, object]:
	"""The message the "Test channel" button posts, in `words`: `{"text": str, "blocks": list}`
	saying that Frappe Slack Connector can post in the channel, naming `site` (escaped) when given.
	Raises `InputError` (`bad_words`) for bad words."""

# --- workspace ---

class ManifestError(ValueError):
	"""A site URL or app name cannot go into a Slack app manifest.

	`reason` is one of `empty_url`, `invalid_url`, `bad_scheme` (not http/https), `no_host`,
	`has_credentials`, `has_query`, `has_fragment`, `bad_app_name` (empty, over 35 characters or
	with control characters), `serialize`.
	"""

	reason: str

BOT_SCOPES: tuple[str, ...]
"""The bot token scopes the app asks for, in order: `commands`, `chat:write`, `im:write`,
`users:read`, `users:read.email`. The single source for the OAuth authorize URL and the manifest."""

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
	`features.bot_user`, `features.slash_commands` (`/apply-leave` → the slash route),
	`oauth_config.redirect_urls` (the OAuth callback) and `oauth_config.scopes.bot` (`BOT_SCOPES`),
	`settings.interactivity.request_url` (the interactions route), `org_deploy_enabled`,
	`socket_mode_enabled` and `token_rotation_enabled` all false. Every URL is
	`{site_url}/api/method/<dotted path>` of a whitelisted route of this app.
	Raises `ManifestError` for a bad `site_url` or `app_name`.
	"""

def oauth_redirect_url(site_url: str) -> str:
	"""`{site_url}/api/method/frappe_slack_connector.api.oauth.callback`, the OAuth v2 redirect URI
	(the same string as the manifest's `oauth_config.redirect_urls[0]`). Raises `ManifestError`."""

# --- end workspace ---

# --- timesheets -----------------------------------------------------------------------------------

class TimesheetWords(TypedDict):
	"""Every key of `slack/words.py` `timesheet(lang)` (rust/core/src/words.rs `TimesheetWords`)."""

	title: str
	dates: DateWords

class NamedOption(TypedDict, total=False):
	name: str  # required: the document name, submitted back
	label: str  # shown; default the name

class TimesheetModalInput(TypedDict, total=False):
	today: str  # required, ISO: bounds the date
	projects: list[NamedOption]  # required, at least one
	tasks: list[NamedOption]  # of current["project"]
	activity_types: list[NamedOption]  # required, at least one
	current: TimesheetValues  # the date to log for and what was typed

def build_timesheet_modal(input: TimesheetModalInput, *, words: TimesheetWords) -> dict:
	"""The "Log Time" modal (callback `log_timesheet`) for `views.open` / `views.update`.

	Selects list up to 100 options flat, option groups of 100 past that, at most 500 (a hint says
	how many were left out). Choosing a project dispatches `timesheet_project_change`. Raises
	`InputError` (reason `unbuildable`) when there are no projects or no activity types.
	"""

def build_timesheet_view_errors(errors: Mapping[str, str | TimesheetError], *, words: TimesheetWords) -> dict:
	"""`{"response_action": "errors", "errors": {block_id: message}}` for a Log Time submission;
	values are route error codes or messages already in the reader's words. Empty → `InputError`."""

class LoggedTime(TypedDict, total=False):
	date: str  # required, ISO
	hours: float  # required
	project: str  # required
	project_name: str | None
	task: str | None
	task_subject: str | None
	activity_type: str  # required
	description: str  # required
	day_total: float  # required: every hour logged on `date`, this one included
	timesheet: str  # required
	timesheet_status: str  # required

def build_timesheet_confirmation(logged: LoggedTime, *, words: TimesheetWords) -> SlackMessage:
	"""The DM after a time log was added: what, where, and the day's total."""

class ReminderRow(TypedDict, total=False):
	employee_name: str  # required
	slack_user_id: str | None
	date: str  # required, ISO: the day short of hours
	logged: float  # required
	expected: float  # required
	half_day: bool  # expected is half a norm (half-day leave)

def build_timesheet_reminders(
	rows: list[ReminderRow], *, words: TimesheetWords, mention: bool = True
) -> list[SlackMessage]:
	"""One missed-hours reminder per row (same order): logged vs expected and a "Log time" button
	(action `ts_log_time`, value the date). `mention=False` names the reader instead of `<@U…>`."""

class TimesheetNotice(TypedDict, total=False):
	kind: Literal[
		"slack_not_linked", "no_employee", "no_projects", "no_activity_types", "bad_date", "form_not_opened"
	]
	text: str  # bad_date: what was typed
	error: str  # form_not_opened: Slack's error code

def build_timesheet_notice(notice: TimesheetNotice, *, words: TimesheetWords) -> SlackMessage:
	"""A short (ephemeral) `/timesheet` answer saying what is missing and whom to ask."""

def block_for_timesheet_field(field: str) -> str:
	"""The Log Time modal's input block for an error about Timesheet (Detail) field `field`
	(`project` → `ts_project`, `hours`/`from_time`/`to_time` → `ts_hours`, …); anything else →
	`ts_description`."""

def timesheet_command_date(text: str, today: str) -> str | None:
	"""The day `/timesheet` asks for: blank `text` → `today`; a `YYYY-MM-DD` date not after
	`today` → that day (ISO); anything else → None (answer with the `bad_date` notice)."""

# --- socket mode ---

class SocketFrameError(ValueError):
	"""A Socket Mode frame cannot be read, or an answer cannot become an ack.

	`reason` for `parse_socket_frame`: `too_large` (over 2 MiB + 64 KiB), `malformed_json` (not a
	JSON object, or nested deeper than 65 levels), `missing_field` (no `type`), `invalid_field`
	(a field of the wrong JSON type, an `envelope_id` empty or over 128 characters),
	`unknown_type` (a frame that is neither `hello`, `disconnect` nor an envelope). Such a frame
	has no envelope to acknowledge. For `build_socket_ack`: `bad_envelope_id`, `bad_answer` (a
	2xx body that is not a JSON object).
	"""

	reason: str

class HelloFrame(TypedDict):
	type: Literal["hello"]
	num_connections: int | None  # connections the app has open, this one included

class DisconnectFrame(TypedDict):
	type: Literal["disconnect"]
	reason: str  # refresh_requested, link_disabled, warning, … ("" when Slack gave none)

class PayloadErrorInfo(TypedDict):
	reason: str  # a PayloadError reason
	message: str

class EnvelopeFrame(TypedDict, total=False):
	type: Literal["envelope"]
	envelope_id: str
	kind: str  # the envelope type as sent: slash_commands, interactive, events_api, …
	accepts_response_payload: bool
	retry_attempt: int
	retry_reason: str
	handler: Literal["slash_command", "interaction", "event", "unsupported", "invalid"]
	form: dict[str, str]  # slash_command: the fields the HTTP form would carry
	route: Route | EventRoute  # interaction: route_interaction's dict; event: route_event's
	error: PayloadErrorInfo  # invalid: why the payload cannot be read or routed

SocketFrame = HelloFrame | DisconnectFrame | EnvelopeFrame

def parse_socket_frame(frame: str | bytes) -> SocketFrame:
	"""Reads one text frame Slack sent over the Socket Mode WebSocket.

	An `interactive` envelope's payload is routed by the same table as the HTTP interactions
	route (`route`, exactly `route_interaction`'s dict); a `slash_commands` payload becomes the
	HTTP form (`form`: every value a str); an `events_api` payload is routed by the HTTP route's
	event table (`route`, exactly `route_event`'s dict); another envelope type is `unsupported`. A payload that cannot be read or routed is handler `invalid`
	with `error` — still an envelope, to be acknowledged. Raises `SocketFrameError` for a frame
	without an envelope id that is not `hello` / `disconnect`, `TypeError` for a non-str/bytes.
	"""

def build_socket_ack(envelope_id: str, accepts_response_payload: bool, status: int, body: str | bytes) -> str:
	"""The ack frame (JSON text) for an envelope, from the HTTP answer the route gave (`status`,
	response `body`): a 2xx JSON object body is carried as `payload` when the envelope accepts one
	(`{"envelope_id", "payload": {"response_action": "errors", …}}`); an empty body, a non-2xx
	answer or an envelope that accepts no payload give `{"envelope_id": …}`. Raises
	`SocketFrameError` (`bad_envelope_id`, `bad_answer`)."""

# --- end socket mode ---

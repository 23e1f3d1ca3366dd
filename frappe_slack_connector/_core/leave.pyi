"""The leave workflow's builders: modals, the approver's and requester's messages, notices, inline
errors, the approvers' reminder and the Home tab (rust/python/src/leave_blocks.rs).
"""

from collections.abc import Mapping
from typing import Literal, TypedDict

from .approvals import ApprovalCard
from .blocks import SlackAnswer, SlackMessage, SlackView
from .interaction import FormError, FormValues, HalfPeriodCode, HalfPeriodLabel
from .who import OthersOut
from .words import (
	HomeWords,
	LeaveWords,
	ModalWords,
	NoticeWords,
	RejectWords,
	ReminderWords,
	UnfurlWords,
	ViewErrorWords,
	WhoIsOutWords,
)

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
	line: str | None  # what followed `/apply-leave`: read into the initial values (over `current`)

def build_leave_modal(input: LeaveModalInput, *, words: ModalWords) -> SlackView:
	"""The "Apply for Leave" modal as a view's JSON text for `views.open(view=...)` /
	`views.update(view=..., view_id=..., hash=...)`, in `words` (the reader's language).

	Title, submit and close from `words` ("Apply for Leave", "Submit", "Cancel" in English),
	callback_id `apply_leave_application`.
	Inputs in order: start date, end date, leave type, Half Day checkbox (dispatches the toggle),
	[half-day date, when half day is checked and the range spans several days],
	[half period, when half day is checked and `has_half_period_field`], reason (≤ 1000 chars).
	Up to 100 leave types are a flat list; more become option groups of 100 (at most 100 groups,
	with a hint saying how many are listed or shown).
	With `line` (`/apply-leave <text>`), the text is read relative to `today` and the offered leave
	types (rust/core/src/interaction/one_line.rs: dates and ranges, morning / afternoon, a leave
	type, the rest as the reason, English and German) into the initial values; what it could not
	read is said in a highlighted context line above the form (`words["line"]`).

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
	details: LeaveDetails,
	*,
	words: LeaveWords,
	choices: ApprovalChoices | None = None,
	others_out: OthersOut | None = None,
	who_words: WhoIsOutWords | None = None,
) -> SlackMessage:
	"""The approver's DM in `words`: header, requester (mention or escaped name), Leave ID linked to
	the form, type, from/to (dates in `words.dates`: `Dec 04, 2026 (Fri)` in English), total days,
	half day, submitted on, reason (escaped, fitted to 3000 chars); with `choices.workflow_state`
	a line naming it ("🔀 Workflow state: …", or "➡️ Moved to … by …" with `moved_by`); and block
	`leave_actions_block` with the buttons of `choices.decisions` (default both): Approve
	(primary, `leave_approve`), Reject (danger, `leave_reject`), value = the Leave Application
	name; no actions block when there are none.

	With `others_out` (and `who_words`, given together or not at all): between the facts and the
	buttons, who else is out during the request — everyone of `others_out["rows"]` but
	`others_out["applicant"]` with a leave overlapping `from_date..to_date`, once each, sorted by
	name: "• <@id> — Casual Leave, <from> to <to> (an en dash between), half day on <day> (First
	Half) (approved)" for the leaves the approver may read (`readable`), the name alone when they
	may read none; at
	most 10 people and the section's 3000 characters, then "_and N more_". No section when
	nobody is. The action ids are the same with or without it.

	Raises:
		InputError: bad input (`bad_input`), bad words (`bad_words`), or a name longer than a button value, 2000 chars (`unbuildable`).
		TypeError: only one of `others_out` and `who_words`.
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

def build_reject_modal(input: RejectModalInput, *, words: RejectWords) -> SlackView:
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

def build_view_errors(errors: Mapping[str, str | FormError], *, words: ViewErrorWords) -> SlackAnswer:
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
	out_total: int | None  # how many are out in all when `out` holds only the first
	waiting: list[HomeWaiting] | None  # a list (maybe empty) for approvers / HR Managers only
	waiting_total: int | None  # how many wait in all when `waiting` holds only the first
	desk_url: str | None  # the viewer's Leave Applications in the desk
	waiting_url: str | None  # the desk's list of what waits for the viewer
	# The approval engine's documents waiting for the viewer (`approvals.ApprovalCard`), under
	# the same header after the leave requests: a section and the row's buttons in block
	# `<home_block_prefix><n>` each, as many as fit.
	approvals: list[ApprovalCard]
	celebrations_opt_out: bool | None  # the person keeps their birthday/anniversary out (absent: not offered)

def build_home_view(input: HomeStranger | HomeEmployee, *, words: HomeWords) -> SlackView:
	"""The Home tab, a `{"type": "home", "blocks": …}` view for `views.publish`.

	A stranger gets a title and what to ask HR for. An employee: Apply for leave (block
	`home_actions_block`, action `home_apply_leave`), Balances (≤ 20, then "+N more"), My leave
	(≤ 20 sections, each Open one with Withdraw `leave_withdraw`, an approved future one with Ask to
	cancel `leave_ask_cancel`; value = the Leave Application), Recently decided (≤ 5), Who is out
	(≤ 30 lines), and for approvers Waiting for you: a section and an actions block
	`home_waiting_<n>` (Approve `leave_approve`, Reject `leave_reject`) per request, as many as fit
	under Slack's 100 blocks (≤ 40), then "+N more — open in the desk" linked to `waiting_url`.
	With `celebrations_opt_out` given, a section (block `celebrations_actions_block`) says whether
	the person's birthday and work anniversary are announced, with a button `celebrations_choice`
	(value `out` / `in`) that changes it.
	User text is escaped; every text within Slack's limits.

	Raises:
		InputError: bad input (`bad_input`), bad words (`bad_words`), a name longer than a button value (`unbuildable`).
	"""

class UnfurlCard(TypedDict, total=False):
	url: str  # required: the link as Slack sent it (the key of its unfurl)
	details: LeaveDetails  # required
	status: str  # required: Open, Approved, Rejected, Cancelled (another is shown as stored)
	choices: ApprovalChoices | None  # only for whoever may decide it now: then the buttons

def build_leave_unfurls(cards: list[UnfurlCard], *, words: LeaveWords, unfurl_words: UnfurlWords) -> str:
	"""The body of a `chat.unfurl` before its target is set beside it: `{"unfurls": {url:
	{"blocks": [...]}}}` (JSON text), one card per link (at most 5; a repeated URL keeps its
	first): the approver message's header, requester and facts, the state ("Status: Open"), and
	with `choices` the workflow line and the approval buttons (the DM's action ids and value, so a
	click is decided as there).

	Raises:
		InputError: bad input (`bad_input`), bad words (`bad_words`), a name longer than a button value (`unbuildable`).
	"""

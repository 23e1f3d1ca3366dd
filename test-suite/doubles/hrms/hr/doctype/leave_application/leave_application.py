"""# hrms/hr/doctype/leave_application/leave_application.py (version-15 @0155017a) — imitation.

Each refusal is raised from the method of the same name as in hrms and with the same exception
class (the app tells refusals apart by class and raising method, never by message text):
validate_dates (backdated restriction, to_date < from_date, half-day date range: plain
ValidationError), validate_dates_across_allocation (outside: ValidationError; across two:
LeaveAcrossAllocationsError), validate_back_dated_application, validate_balance_leaves
(all-holidays: ValidationError; show_insufficient_balance_message: InsufficientLeaveBalanceError),
validate_leave_overlap / throw_overlap_error (OverlapError, half-day case), validate_max_days,
validate_applicable_after (ValidationError); set_half_day_date; on_update/on_submit notification
messages (no mail), on_submit status rule, before_cancel, get_leave_approver,
get_number_of_leave_days, get_holidays, get_leave_allocation_records, get_leave_balance_on,
get_leave_details (with carried-forward days that expire, days taken and pending; see below).
Simplified: validate_max_days counts this application only (hrms adds adjacent applications);
validate_applicable_after counts calendar days since joining (hrms: working days).
Not imitated: Leave Ledger (balances are computed from submitted allocations and submitted
Approved applications), block lists (LeaveDayBlockedError), attendance
(AttendanceAlreadyMarkedError), salary slips, optional holidays (NotAnOptionalHoliday), sharing.
"""

import datetime

import frappe
from erpnext.setup.doctype.employee.employee import get_holiday_list_for_employee
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_days, cint, date_diff, flt, formatdate, get_link_to_form, getdate, nowdate

from hrms.hr.utils import set_employee_name, validate_active_employee


class LeaveDayBlockedError(frappe.ValidationError):
	pass


class OverlapError(frappe.ValidationError):
	pass


class AttendanceAlreadyMarkedError(frappe.ValidationError):
	pass


class NotAnOptionalHoliday(frappe.ValidationError):
	pass


class InsufficientLeaveBalanceError(frappe.ValidationError):
	pass


class LeaveAcrossAllocationsError(frappe.ValidationError):
	pass


class LeaveApplication(Document):
	def validate(self):
		validate_active_employee(self.employee)
		set_employee_name(self)
		self.validate_dates()
		self.validate_balance_leaves()
		self.validate_leave_overlap()
		self.validate_max_days()
		self.set_half_day_date()
		self.validate_applicable_after()

	def on_update(self):
		if self.status == "Open" and self.docstatus < 1:
			if frappe.db.get_single_value("HR Settings", "send_leave_notification"):
				self.notify_leave_approver()

	def on_submit(self):
		if self.status in ["Open", "Cancelled"]:
			frappe.throw(_("Only Leave Applications with status 'Approved' and 'Rejected' can be submitted"))
		self.validate_back_dated_application()
		if frappe.db.get_single_value("HR Settings", "send_leave_notification"):
			self.notify_employee()
		self.reload()

	def before_cancel(self):
		self.status = "Cancelled"

	def notify_leave_approver(self):
		# leave_application.py: no template -> msgprint, no mail
		if self.leave_approver:
			template = frappe.db.get_single_value("HR Settings", "leave_approval_notification_template")
			if not template:
				frappe.msgprint(
					_("Please set default template for Leave Approval Notification in HR Settings.")
				)

	def notify_employee(self):
		employee_user = frappe.db.get_value("Employee", self.employee, "user_id")
		if not employee_user:
			return
		template = frappe.db.get_single_value("HR Settings", "leave_status_notification_template")
		if not template:
			frappe.msgprint(_("Please set default template for Leave Status Notification in HR Settings."))

	def validate_dates(self):
		if frappe.db.get_single_value("HR Settings", "restrict_backdated_leave_application"):
			if self.from_date and getdate(self.from_date) < getdate():
				allowed_role = frappe.db.get_single_value(
					"HR Settings", "role_allowed_to_create_backdated_leave_application"
				)
				if not allowed_role:
					frappe.throw(
						_("Backdated Leave Application is restricted. Please set the {} in {}").format(
							frappe.bold(_("Role Allowed to Create Backdated Leave Application")),
							get_link_to_form("HR Settings", "HR Settings", _("HR Settings")),
						)
					)
				if allowed_role not in frappe.get_roles():
					frappe.throw(
						_("Only users with the {0} role can create backdated leave applications").format(
							_(allowed_role)
						)
					)
		if self.from_date and self.to_date and (getdate(self.to_date) < getdate(self.from_date)):
			frappe.throw(_("To date cannot be before from date"))
		if (
			self.half_day
			and self.half_day_date
			and (
				getdate(self.half_day_date) < getdate(self.from_date)
				or getdate(self.half_day_date) > getdate(self.to_date)
			)
		):
			frappe.throw(_("Half Day Date should be between From Date and To Date"))
		if not is_lwp(self.leave_type):
			self.validate_dates_across_allocation()
			self.validate_back_dated_application()

	def validate_dates_across_allocation(self):
		if frappe.db.get_value("Leave Type", self.leave_type, "allow_negative"):
			return
		alloc_from, alloc_to = self.get_allocation_based_on_application_dates()
		if not (alloc_from or alloc_to):
			frappe.throw(_("Application period cannot be outside leave allocation period"))
		elif alloc_from != alloc_to:
			# leave_application.py: is_separate_ledger_entry_required -> across two allocations
			frappe.throw(
				_("Application period cannot be across two allocation records"),
				exc=LeaveAcrossAllocationsError,
			)

	def validate_back_dated_application(self):
		# leave_application.py: a carry-forward allocation starting after to_date already holds the
		# balance of this period
		future = [
			a
			for a in frappe.get_all(
				"Leave Allocation",
				filters={
					"employee": self.employee,
					"leave_type": self.leave_type,
					"docstatus": 1,
					"carry_forward": 1,
				},
				fields=["name", "from_date"],
			)
			if a.from_date > getdate(self.to_date)
		]
		if future:
			frappe.throw(
				_(
					"Leave cannot be applied/cancelled before {0}, as leave balance has already been carry-forwarded in the future leave allocation record {1}"
				).format(formatdate(future[0].from_date), future[0].name)
			)

	def validate_applicable_after(self):
		if self.leave_type:
			leave_type = frappe.get_doc("Leave Type", self.leave_type)
			if cint(leave_type.applicable_after) > 0:
				date_of_joining = frappe.db.get_value("Employee", self.employee, "date_of_joining")
				if not date_of_joining:
					return
				number_of_days = date_diff(getdate(self.from_date), date_of_joining)
				if 0 <= number_of_days < cint(leave_type.applicable_after):
					frappe.throw(
						_("{0} applicable after {1} working days").format(
							self.leave_type, leave_type.applicable_after
						)
					)

	def get_allocation_based_on_application_dates(self):
		def _record(date):
			rows = [
				a
				for a in frappe.get_all(
					"Leave Allocation",
					filters={"employee": self.employee, "leave_type": self.leave_type, "docstatus": 1},
					fields=["name", "from_date", "to_date"],
				)
				if a.from_date <= getdate(date) <= a.to_date
			]
			return rows and rows[0]

		return _record(self.from_date), _record(self.to_date)

	def validate_balance_leaves(self):
		if self.from_date and self.to_date:
			self.total_leave_days = get_number_of_leave_days(
				self.employee,
				self.leave_type,
				self.from_date,
				self.to_date,
				self.half_day,
				self.half_day_date,
			)
			if self.total_leave_days <= 0:
				frappe.throw(
					_(
						"The day(s) on which you are applying for leave are holidays. You need not apply for leave."
					)
				)
			if not is_lwp(self.leave_type):
				leave_balance = get_leave_balance_on(
					self.employee,
					self.leave_type,
					self.from_date,
					self.to_date,
					consider_all_leaves_in_the_allocation_period=True,
					for_consumption=True,
				)
				self.leave_balance = leave_balance.get("leave_balance")
				for_consumption = leave_balance.get("leave_balance_for_consumption")
				if self.status != "Rejected" and (
					for_consumption < self.total_leave_days or not for_consumption
				):
					self.show_insufficient_balance_message(for_consumption)

	def show_insufficient_balance_message(self, leave_balance_for_consumption):
		if frappe.db.get_value("Leave Type", self.leave_type, "allow_negative"):
			msg = _("Warning: Insufficient leave balance for Leave Type {0}.").format(
				frappe.bold(self.leave_type)
			)
			frappe.msgprint(msg, title=_("Warning"), indicator="orange")
		else:
			frappe.throw(
				_("Insufficient leave balance for Leave Type {0}").format(frappe.bold(self.leave_type)),
				exc=InsufficientLeaveBalanceError,
				title=_("Insufficient Balance"),
			)

	def validate_leave_overlap(self):
		if not self.name:
			self.name = "New Leave Application"
		for d in _overlapping(self.employee, self.from_date, self.to_date, self.name):
			if (
				cint(self.half_day) == 1
				and self.half_day_date
				and d.half_day_date
				and getdate(self.half_day_date) == getdate(d.half_day_date)
				and (
					flt(self.total_leave_days) == 0.5
					or getdate(self.from_date) == getdate(d.to_date)
					or getdate(self.to_date) == getdate(d.from_date)
				)
			):
				if self.get_total_leaves_on_half_day() >= 1:
					self.throw_overlap_error(d)
			else:
				self.throw_overlap_error(d)

	def throw_overlap_error(self, d):
		form_link = get_link_to_form("Leave Application", d.name)
		msg = _("Employee {0} has already applied for {1} between {2} and {3} : {4}").format(
			self.employee, d["leave_type"], formatdate(d["from_date"]), formatdate(d["to_date"]), form_link
		)
		frappe.throw(msg, OverlapError)

	def get_total_leaves_on_half_day(self):
		count = frappe.db.count(
			"Leave Application",
			{
				"employee": self.employee,
				"docstatus": ["<", 2],
				"status": ["in", ["Open", "Approved"]],
				"half_day": 1,
				"half_day_date": self.half_day_date,
				"name": ["!=", self.name],
			},
		)
		return count * 0.5

	def validate_max_days(self):
		max_days = frappe.db.get_value("Leave Type", self.leave_type, "max_continuous_days_allowed")
		if max_days and self.total_leave_days > cint(max_days):
			frappe.throw(
				_("Leave of type {0} cannot be longer than {1}.").format(
					get_link_to_form("Leave Type", self.leave_type), max_days
				),
				title=_("Maximum Consecutive Leaves Exceeded"),
			)

	def set_half_day_date(self):
		if self.from_date == self.to_date and self.half_day == 1:
			self.half_day_date = self.from_date
		if self.half_day == 0:
			self.half_day_date = None


def _overlapping(employee, from_date, to_date, name):
	return frappe.get_all(
		"Leave Application",
		filters=[
			["employee", "=", employee],
			["docstatus", "<", 2],
			["status", "in", ["Open", "Approved"]],
			["to_date", ">=", from_date],
			["from_date", "<=", to_date],
			["name", "!=", name],
		],
		fields=[
			"name",
			"leave_type",
			"posting_date",
			"from_date",
			"to_date",
			"total_leave_days",
			"half_day_date",
		],
	)


@frappe.whitelist()
def get_number_of_leave_days(
	employee: str,
	leave_type: str,
	from_date: datetime.date,
	to_date: datetime.date,
	half_day: int | str | None = None,
	half_day_date: datetime.date | str | None = None,
	holiday_list: str | None = None,
) -> float:
	if cint(half_day) == 1:
		if getdate(from_date) == getdate(to_date):
			number_of_days = 0.5
		elif half_day_date and getdate(from_date) <= getdate(half_day_date) <= getdate(to_date):
			number_of_days = date_diff(to_date, from_date) + 0.5
		else:
			number_of_days = date_diff(to_date, from_date) + 1
	else:
		number_of_days = date_diff(to_date, from_date) + 1
	if not frappe.db.get_value("Leave Type", leave_type, "include_holiday"):
		number_of_days = flt(number_of_days) - flt(
			get_holidays(employee, from_date, to_date, holiday_list=holiday_list)
		)
	return number_of_days


@frappe.whitelist()
def get_holidays(employee, from_date, to_date, holiday_list=None):
	# leave_application.py: count distinct holiday dates of the employee's list in the range
	if not holiday_list:
		holiday_list = get_holiday_list_for_employee(employee)
	dates = frappe.get_all(
		"Holiday",
		filters={"parent": holiday_list, "holiday_date": ["between", [getdate(from_date), getdate(to_date)]]},
		pluck="holiday_date",
	)
	return len(set(dates))


def is_lwp(leave_type):
	return cint(frappe.db.get_value("Leave Type", leave_type, "is_lwp")) or 0


def get_leave_allocation_records(employee, date, leave_type=None):
	# leave_application.py: {leave_type: _dict(from_date, to_date, total_leaves_allocated,
	# unused_leaves, new_leaves_allocated, leave_type, employee)} — double reads submitted allocations
	filters = {"employee": employee, "docstatus": 1}
	if leave_type:
		filters["leave_type"] = leave_type
	out = frappe._dict()
	for a in frappe.get_all(
		"Leave Allocation",
		filters=filters,
		fields=[
			"from_date",
			"to_date",
			"total_leaves_allocated",
			"unused_leaves",
			"new_leaves_allocated",
			"leave_type",
		],
		order_by="from_date asc",
	):
		if a.from_date <= getdate(date) <= a.to_date:
			out.setdefault(
				a.leave_type,
				frappe._dict(
					from_date=a.from_date,
					to_date=a.to_date,
					total_leaves_allocated=flt(a.total_leaves_allocated),
					unused_leaves=flt(a.unused_leaves),
					new_leaves_allocated=flt(a.new_leaves_allocated),
					leave_type=a.leave_type,
					employee=employee,
				),
			)
	return out


# --- balances: hrms/hr/doctype/leave_application/leave_application.py (version-15)
# get_leave_balance_on / get_remaining_leaves / get_new_and_cf_leaves_taken / get_leave_details /
# get_leaves_pending_approval_for_period, computed from submitted allocations and submitted
# Approved applications where hrms reads the Leave Ledger: an allocation's carried-forward days
# (`unused_leaves`) expire `expire_carry_forwarded_leaves_after_days` after its start (the
# cf ledger entry's to_date, hrms leave_allocation.py create_leave_ledger_entry), else with the
# allocation; days taken are the applications' total_leave_days (hrms: the ledger's leaves, the
# same number for an application inside the period). Not imitated: manually expired allocations
# (get_manually_expired_leaves is 0 here), encashments, Leave Adjustments.


def get_leaves_for_period(employee, leave_type, from_date, to_date):
	"""Days taken in [from_date, to_date], negative as in the ledger."""
	rows = frappe.get_all(
		"Leave Application",
		filters={
			"employee": employee,
			"leave_type": leave_type,
			"docstatus": 1,
			"status": "Approved",
			"from_date": ["between", [getdate(from_date), getdate(to_date)]],
		},
		fields=["total_leave_days"],
	)
	return -sum(flt(r.total_leave_days) for r in rows)


def get_leaves_pending_approval_for_period(employee, leave_type, from_date, to_date):
	# hrms: status Open (any docstatus), from_date or to_date inside the period; SUM(total_leave_days)
	rows = frappe.get_all(
		"Leave Application",
		filters={"employee": employee, "leave_type": leave_type, "status": "Open"},
		fields=["from_date", "to_date", "total_leave_days"],
	)
	start, end = getdate(from_date), getdate(to_date)
	return sum(
		flt(r.total_leave_days)
		for r in rows
		if start <= getdate(r.from_date) <= end or start <= getdate(r.to_date) <= end
	)


def get_allocation_expiry_for_cf_leaves(allocation, to_date):
	"""hrms: the to_date of the allocation's carry-forward ledger entry when it lies in
	[allocation from_date, to_date], else "" (the entry ends when the carried-forward days expire,
	or with the allocation)."""
	if not flt(allocation.unused_leaves):
		return ""
	days = cint(
		frappe.db.get_value("Leave Type", allocation.leave_type, "expire_carry_forwarded_leaves_after_days")
	)
	cf_to_date = getdate(add_days(allocation.from_date, days - 1)) if days else getdate(allocation.to_date)
	cf_to_date = min(cf_to_date, getdate(allocation.to_date))
	return cf_to_date if getdate(allocation.from_date) <= cf_to_date <= getdate(to_date) else ""


def get_remaining_leaves(allocation, leaves_taken, date, cf_expiry, manually_expired_leaves=0.0):
	def _get_remaining_leaves(remaining_leaves, end_date):
		if remaining_leaves > 0:
			remaining_days = date_diff(end_date, date) + 1
			remaining_leaves = min(remaining_days, remaining_leaves)
		return remaining_leaves

	if cf_expiry and allocation.unused_leaves:
		new_leaves_taken, cf_leaves_taken = get_new_and_cf_leaves_taken(allocation, cf_expiry)
		if getdate(date) > getdate(cf_expiry):
			cf_leaves = remaining_cf_leaves = 0
		else:
			cf_leaves = flt(allocation.unused_leaves) + flt(cf_leaves_taken)
			remaining_cf_leaves = _get_remaining_leaves(cf_leaves, cf_expiry)
		leave_balance = (
			flt(allocation.new_leaves_allocated)
			+ flt(new_leaves_taken)
			+ flt(cf_leaves)
			+ flt(manually_expired_leaves)
		)
		leave_balance_for_consumption = (
			flt(allocation.new_leaves_allocated)
			+ flt(new_leaves_taken)
			+ flt(remaining_cf_leaves)
			+ flt(manually_expired_leaves)
		)
	else:
		leave_balance = leave_balance_for_consumption = (
			flt(allocation.total_leaves_allocated) + flt(leaves_taken) + flt(manually_expired_leaves)
		)
	remaining = _get_remaining_leaves(leave_balance_for_consumption, allocation.to_date)
	return frappe._dict(leave_balance=leave_balance, leave_balance_for_consumption=remaining)


def get_new_and_cf_leaves_taken(allocation, cf_expiry):
	cf_leaves_taken = get_leaves_for_period(
		allocation.employee, allocation.leave_type, allocation.from_date, cf_expiry
	)
	new_leaves_taken = get_leaves_for_period(
		allocation.employee, allocation.leave_type, add_days(cf_expiry, 1), allocation.to_date
	)
	if abs(cf_leaves_taken) > allocation.unused_leaves:
		new_leaves_taken += -(abs(cf_leaves_taken) - allocation.unused_leaves)
		cf_leaves_taken = -allocation.unused_leaves
	return new_leaves_taken, cf_leaves_taken


@frappe.whitelist()
def get_leave_balance_on(
	employee: str,
	leave_type: str,
	date: datetime.date,
	to_date: datetime.date | None = None,
	consider_all_leaves_in_the_allocation_period: bool = False,
	for_consumption: bool = False,
):
	if not to_date:
		to_date = nowdate()
	allocation = get_leave_allocation_records(employee, date, leave_type).get(leave_type, frappe._dict())
	if not allocation:
		# hrms: an empty allocation gives 0 (no from_date, nothing taken)
		empty = frappe._dict(leave_balance=0.0, leave_balance_for_consumption=0.0)
		return empty if for_consumption else 0.0
	end_date = allocation.to_date if cint(consider_all_leaves_in_the_allocation_period) else getdate(date)
	cf_expiry = get_allocation_expiry_for_cf_leaves(allocation, to_date)
	leaves_taken = get_leaves_for_period(employee, leave_type, allocation.from_date, end_date)
	remaining = get_remaining_leaves(allocation, leaves_taken, date, cf_expiry)
	return remaining if for_consumption else remaining.get("leave_balance")


@frappe.whitelist()
def get_leave_details(employee, date, for_salary_slip=False):
	allocation_records = get_leave_allocation_records(employee, date)
	leave_allocation = {}
	precision = cint(frappe.db.get_single_value("System Settings", "float_precision")) or 2
	for d in allocation_records:
		allocation = allocation_records.get(d, frappe._dict())
		to_date = date if for_salary_slip else allocation.to_date
		remaining_leaves = get_leave_balance_on(
			employee,
			d,
			date,
			to_date=to_date,
			consider_all_leaves_in_the_allocation_period=not for_salary_slip,
		)
		leaves_taken = get_leaves_for_period(employee, d, allocation.from_date, to_date) * -1
		leaves_pending = get_leaves_pending_approval_for_period(employee, d, allocation.from_date, to_date)
		expired_leaves = allocation.total_leaves_allocated - (remaining_leaves + leaves_taken)
		leave_allocation[d] = {
			"total_leaves": flt(allocation.total_leaves_allocated, precision),
			"expired_leaves": flt(expired_leaves, precision) if expired_leaves > 0 else 0,
			"leaves_taken": flt(leaves_taken, precision),
			"leaves_pending_approval": flt(leaves_pending, precision),
			"remaining_leaves": flt(remaining_leaves, precision),
		}
	lwp = frappe.get_list("Leave Type", filters={"is_lwp": 1}, pluck="name")
	return {
		"leave_allocation": leave_allocation,
		"leave_approver": get_leave_approver(employee),
		"lwps": lwp,
	}


@frappe.whitelist()
def get_leave_approver(employee):
	leave_approver, department = frappe.db.get_value("Employee", employee, ["leave_approver", "department"])
	if not leave_approver and department:
		leave_approver = frappe.db.get_value(
			"Department Approver",
			{"parent": department, "parentfield": "leave_approvers", "idx": 1},
			"approver",
		)
	return leave_approver

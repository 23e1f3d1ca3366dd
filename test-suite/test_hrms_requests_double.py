"""The double's Frappe HR v15 requests without money: Shift Request, Attendance Request and
Compensatory Leave Request as their controllers approve, reject and refuse
(hrms/hr/doctype/{shift_request,attendance_request,compensatory_leave_request}/*.py, version-15)."""

import frappe
import pytest
from hrms.hr.doctype.attendance.attendance import DuplicateAttendanceError
from hrms.hr.doctype.attendance_request.attendance_request import OverlappingAttendanceRequestError
from hrms.hr.doctype.shift_assignment.shift_assignment import MultipleShiftError
from hrms.hr.doctype.shift_request.shift_request import OverlappingShiftRequestError

SHIFT_APPROVER = "lead@example.com"
HR = "hr@example.com"
REQUESTER = "staff@example.com"


@pytest.fixture
def hr_site(site):
	site.freeze_time("2026-03-10 09:00:00")
	site.make_user(SHIFT_APPROVER, roles=["Employee"], full_name="Lee Lead")
	site.make_user(HR, roles=["Employee", "HR User"], full_name="Hana HR")
	site.make_department("Ops")
	site.make_employee(
		user_id=REQUESTER,
		first_name="Sam",
		last_name="Staff",
		department="Ops",
		shift_request_approver=SHIFT_APPROVER,
		date_of_joining="2025-01-01",
	)
	site.make_holiday_list("Weekends", "2026-01-01", "2026-12-31", weekly_off=["2026-03-01"])
	site.assign_holiday_list("Weekends", company="Test Co", from_date="2026-01-01")
	site.make_shift_type("Night", "22:00:00", "06:00:00")
	site.make_shift_type("Late Evening", "18:00:00", "23:00:00")
	site.make_shift_type("Morning", "06:00:00", "14:00:00")
	frappe.db.commit()
	return site


def _employee():
	return frappe.db.get_value("Employee", {"user_id": REQUESTER}, "name")


def _as(user, fn):
	previous = frappe.session.user
	frappe.set_user(user)
	try:
		return fn()
	finally:
		frappe.set_user(previous)


def _decide(doctype, name, user, **values):
	def run():
		doc = frappe.get_doc(doctype, name)
		doc.update(values)
		doc.submit()
		return doc

	return _as(user, run)


# ---------------------------------------------------------------- Shift Request


def test_shift_request_fetches_the_employees_approver(hr_site):
	request = hr_site.make_shift_request(_employee(), "Night", "2026-03-16", "2026-03-20")
	assert request.approver == SHIFT_APPROVER and request.status == "Draft"
	assert request.name.startswith("HR-SHR-26-03-")


def test_shift_request_approved_by_hr_makes_a_submitted_assignment(hr_site):
	request = hr_site.make_shift_request(_employee(), "Night", "2026-03-16", "2026-03-20")
	_decide("Shift Request", request.name, HR, status="Approved")
	assignment = frappe.get_all(
		"Shift Assignment",
		filters={"shift_request": request.name},
		fields=["docstatus", "shift_type", "start_date", "end_date", "employee"],
	)
	assert len(assignment) == 1 and assignment[0].docstatus == 1
	assert str(assignment[0].start_date) == "2026-03-16" and str(assignment[0].end_date) == "2026-03-20"


def test_shift_request_rejected_makes_no_assignment(hr_site):
	request = hr_site.make_shift_request(_employee(), "Night", "2026-03-16")
	_decide("Shift Request", request.name, HR, status="Rejected")
	assert frappe.db.get_value("Shift Request", request.name, ["docstatus", "status"]) == (1, "Rejected")
	assert not frappe.get_all("Shift Assignment", filters={"shift_request": request.name})


def test_shift_request_submitted_as_draft_is_refused(hr_site):
	request = hr_site.make_shift_request(_employee(), "Night", "2026-03-16")
	with pytest.raises(frappe.ValidationError, match="Only Shift Request with status 'Approved'"):
		_decide("Shift Request", request.name, HR)


def test_shift_request_is_shared_with_its_approver_who_may_then_approve(hr_site):
	# share_doc_with_approver: submit on this request for an approver whose roles do not give it;
	# DocShare.validate (cascade_permissions_downwards) makes a submit share a write share too —
	# seen on a real v15 site (frappe 15.105, hrms 15.59): read 1, write 1, submit 1.
	request = hr_site.make_shift_request(_employee(), "Night", "2026-03-16")
	shares = frappe.get_all(
		"DocShare",
		filters={"share_doctype": "Shift Request", "share_name": request.name},
		fields=["user", "submit", "write"],
	)
	assert [(s.user, s.submit, s.write) for s in shares] == [(SHIFT_APPROVER, 1, 1)]
	frappe.db.commit()
	_decide("Shift Request", request.name, SHIFT_APPROVER, status="Approved")
	assert frappe.db.get_value("Shift Request", request.name, "docstatus") == 1


def test_shift_request_share_moves_with_the_approver(hr_site):
	hr_site.make_user("deputy@example.com", roles=["Employee"])
	hr_site.set_department_approvers("Ops", "shift_request_approver", ["deputy@example.com"])
	request = hr_site.make_shift_request(_employee(), "Night", "2026-03-16")
	doc = frappe.get_doc("Shift Request", request.name)
	doc.approver = "deputy@example.com"
	doc.save(ignore_permissions=True)
	frappe.db.commit()
	assert frappe.get_all("DocShare", filters={"share_name": request.name}, pluck="user") == [
		"deputy@example.com"
	]
	with pytest.raises(frappe.PermissionError):
		_decide("Shift Request", request.name, SHIFT_APPROVER, status="Approved")


def test_shift_request_not_shared_with_an_approver_who_may_submit(hr_site):
	request = hr_site.make_shift_request(_employee(), "Night", "2026-03-16", approver=SHIFT_APPROVER)
	hr_site.set_department_approvers("Ops", "shift_request_approver", [HR])
	other = hr_site.make_shift_request(_employee(), "Morning", "2026-03-16", approver=HR)
	assert frappe.get_all("DocShare", filters={"share_name": other.name}) == []
	assert frappe.get_all("DocShare", filters={"share_name": request.name}, pluck="user") == [SHIFT_APPROVER]


def test_shift_request_approver_must_be_an_approver_of_the_employee(hr_site):
	hr_site.make_user("other@example.com", roles=["Employee"])
	with pytest.raises(frappe.ValidationError, match="Only Approvers can Approve this Request"):
		hr_site.make_shift_request(_employee(), "Night", "2026-03-16", approver="other@example.com")
	hr_site.set_department_approvers("Ops", "shift_request_approver", ["other@example.com"])
	request = hr_site.make_shift_request(_employee(), "Night", "2026-03-16", approver="other@example.com")
	assert request.approver == "other@example.com"


def test_shift_request_approver_removed_refuses_the_decision(hr_site):
	request = hr_site.make_shift_request(_employee(), "Night", "2026-03-16")
	frappe.db.commit()
	frappe.db.set_value("Employee", _employee(), "shift_request_approver", None)
	with pytest.raises(frappe.ValidationError, match="Only Approvers can Approve this Request"):
		_decide("Shift Request", request.name, HR, status="Approved")


def test_shift_request_overlaps_only_with_overlapping_timings(hr_site):
	hr_site.make_shift_request(_employee(), "Night", "2026-03-16", "2026-03-20")
	with pytest.raises(OverlappingShiftRequestError):
		hr_site.make_shift_request(_employee(), "Late Evening", "2026-03-18", "2026-03-25")
	# same days, a shift that does not overlap the night's hours: allowed
	hr_site.make_shift_request(_employee(), "Morning", "2026-03-18", "2026-03-19")
	# an open-ended request overlaps everything after it
	hr_site.make_shift_request(_employee(), "Late Evening", "2026-04-01")
	with pytest.raises(OverlappingShiftRequestError):
		hr_site.make_shift_request(_employee(), "Late Evening", "2027-01-01", "2027-01-02")


def test_shift_request_for_default_shift_and_bad_dates_are_refused(hr_site):
	frappe.db.set_value("Employee", _employee(), "default_shift", "Morning")
	with pytest.raises(frappe.ValidationError, match="You can not request for your Default Shift"):
		hr_site.make_shift_request(_employee(), "Morning", "2026-03-16")
	with pytest.raises(frappe.exceptions.InvalidDates):
		hr_site.make_shift_request(_employee(), "Night", "2026-03-16", "2026-03-15")


def test_shift_request_approval_meets_an_existing_assignment(hr_site):
	first = hr_site.make_shift_request(_employee(), "Night", "2026-03-16", "2026-03-20")
	_decide("Shift Request", first.name, HR, status="Approved")
	second = hr_site.make_shift_request(_employee(), "Morning", "2026-03-18", "2026-03-19")
	frappe.db.commit()
	with pytest.raises(MultipleShiftError):
		_decide("Shift Request", second.name, HR, status="Approved")


def test_shift_request_cancel_cancels_its_assignment(hr_site):
	hr_site.make_user("hrm@example.com", roles=["HR Manager"])
	request = hr_site.make_shift_request(_employee(), "Night", "2026-03-16", "2026-03-20")
	_decide("Shift Request", request.name, HR, status="Approved")
	_as("hrm@example.com", lambda: frappe.get_doc("Shift Request", request.name).cancel())
	assert frappe.get_all("Shift Assignment", filters={"shift_request": request.name}, pluck="docstatus") == [
		2
	]


def test_hr_user_may_not_cancel_a_shift_request(hr_site):
	request = hr_site.make_shift_request(_employee(), "Night", "2026-03-16")
	_decide("Shift Request", request.name, HR, status="Rejected")
	with pytest.raises(frappe.PermissionError):
		_as(HR, lambda: frappe.get_doc("Shift Request", request.name).cancel())


# ---------------------------------------------------------------- Attendance Request


def test_attendance_request_approved_marks_each_working_day(hr_site):
	hr_site.make_holiday_list("HL", "2026-01-01", "2026-12-31", holidays=["2026-03-04"])
	hr_site.assign_holiday_list("HL", company="Test Co", from_date="2026-01-01")
	request = hr_site.make_attendance_request(
		_employee(), "2026-03-03", "2026-03-05", half_day=1, half_day_date="2026-03-05"
	)
	assert request.name.startswith("HR-ARQ-26-03-")
	_decide("Attendance Request", request.name, HR)
	marked = frappe.get_all(
		"Attendance",
		filters={"attendance_request": request.name},
		fields=["attendance_date", "status", "docstatus"],
		order_by="attendance_date asc",
	)
	assert [(str(a.attendance_date), a.status, a.docstatus) for a in marked] == [
		("2026-03-03", "Work From Home", 1),
		("2026-03-05", "Half Day", 1),
	]


def test_attendance_request_updates_existing_attendance_with_a_comment(hr_site):
	existing = hr_site.make_attendance(_employee(), "2026-03-02", "Absent")
	request = hr_site.make_attendance_request(_employee(), "2026-03-02", "2026-03-02", reason="On Duty")
	assert request.get_attendance_warnings()[0]["action"] == "Overwrite"
	_decide("Attendance Request", request.name, HR)
	assert frappe.db.get_value("Attendance", existing.name, ["status", "attendance_request"]) == (
		"Present",
		request.name,
	)
	assert frappe.get_all(
		"Comment", filters={"reference_name": existing.name, "comment_type": "Info"}, pluck="name"
	)


def test_attendance_request_employee_may_not_approve(hr_site):
	request = hr_site.make_attendance_request(_employee(), "2026-03-02", "2026-03-02")
	with pytest.raises(frappe.PermissionError):
		_decide("Attendance Request", request.name, REQUESTER)


def test_attendance_request_refusals(hr_site):
	with pytest.raises(frappe.ValidationError, match="To date can not be less than from date"):
		hr_site.make_attendance_request(_employee(), "2026-03-05", "2026-03-02")
	with pytest.raises(frappe.ValidationError, match="Half day date should be in between"):
		hr_site.make_attendance_request(
			_employee(), "2026-03-02", "2026-03-03", half_day=1, half_day_date="2026-03-09"
		)
	with pytest.raises(frappe.ValidationError, match="joining date"):
		hr_site.make_attendance_request(_employee(), "2024-12-30", "2025-01-02")
	hr_site.make_attendance_request(_employee(), "2026-03-02", "2026-03-03")
	with pytest.raises(OverlappingAttendanceRequestError):
		hr_site.make_attendance_request(_employee(), "2026-03-03", "2026-03-04")


def test_attendance_request_for_future_days_is_refused_at_approval(hr_site):
	# the request itself may be in the future; marking attendance for a future day is refused
	request = hr_site.make_attendance_request(_employee(), "2026-03-12", "2026-03-12")
	frappe.db.commit()
	with pytest.raises(frappe.ValidationError, match="Attendance can not be marked for future dates"):
		_decide("Attendance Request", request.name, HR)


def test_attendance_request_cancel_cancels_its_attendance(hr_site):
	request = hr_site.make_attendance_request(_employee(), "2026-03-02", "2026-03-02")
	_decide("Attendance Request", request.name, HR)
	_as(HR, lambda: frappe.get_doc("Attendance Request", request.name).cancel())
	assert frappe.get_all("Attendance", filters={"attendance_request": request.name}, pluck="docstatus") == [
		2
	]
	with pytest.raises(DuplicateAttendanceError):
		hr_site.make_attendance(_employee(), "2026-03-03")
		hr_site.make_attendance(_employee(), "2026-03-03")


# ---------------------------------------------------------------- Compensatory Leave Request


@pytest.fixture
def comp_site(hr_site):
	hr_site.make_holiday_list("HL", "2026-01-01", "2026-12-31", holidays=["2026-03-07", "2026-03-08"])
	hr_site.assign_holiday_list("HL", company="Test Co", from_date="2026-01-01")
	hr_site.make_attendance(_employee(), "2026-03-07")
	hr_site.make_attendance(_employee(), "2026-03-08", "Half Day")
	hr_site.make_leave_period("2026-01-01", "2026-12-31")
	frappe.db.commit()
	return hr_site


def test_comp_leave_approved_allocates_the_days(comp_site):
	request = comp_site.make_compensatory_leave_request(
		_employee(), "2026-03-07", "2026-03-08", half_day=1, half_day_date="2026-03-08"
	)
	assert request.name.startswith("HR-CMP-26-03-")
	_decide("Compensatory Leave Request", request.name, HR)
	allocation = frappe.db.get_value("Compensatory Leave Request", request.name, "leave_allocation")
	row = frappe.db.get_value(
		"Leave Allocation",
		allocation,
		["leave_type", "from_date", "to_date", "new_leaves_allocated", "docstatus"],
		as_dict=True,
	)
	assert row.leave_type == "Compensatory Off" and row.new_leaves_allocated == 1.5
	assert (str(row.from_date), str(row.to_date), row.docstatus) == ("2026-03-09", "2026-12-31", 1)


def test_comp_leave_adds_to_an_existing_allocation(comp_site):
	comp_site.make_leave_type("Compensatory Off", is_compensatory=1)
	existing = comp_site.make_allocation(_employee(), "Compensatory Off", "2026-01-01", "2026-12-31", 2)
	request = comp_site.make_compensatory_leave_request(_employee(), "2026-03-07", "2026-03-07")
	_decide("Compensatory Leave Request", request.name, HR)
	assert frappe.db.get_value("Leave Allocation", existing.name, "total_leaves_allocated") == 3
	_as(HR, lambda: None)
	comp_site.make_user("hrm@example.com", roles=["HR Manager"])
	_as("hrm@example.com", lambda: frappe.get_doc("Compensatory Leave Request", request.name).cancel())
	assert frappe.db.get_value("Leave Allocation", existing.name, "total_leaves_allocated") == 2


def test_comp_leave_refusals(comp_site):
	with pytest.raises(frappe.ValidationError, match="is not a holiday"):
		comp_site.make_compensatory_leave_request(_employee(), "2026-03-06", "2026-03-06")
	with pytest.raises(frappe.ValidationError, match="only present for Half Day"):
		comp_site.make_compensatory_leave_request(_employee(), "2026-03-08", "2026-03-08")
	with pytest.raises(frappe.ValidationError, match="Future dates not allowed"):
		comp_site.make_compensatory_leave_request(_employee(), "2026-03-14", "2026-03-14")
	with pytest.raises(frappe.ValidationError, match="Leave Type is mandatory"):
		comp_site.make_compensatory_leave_request(_employee(), "2026-03-07", "2026-03-07", leave_type=None)
	comp_site.make_compensatory_leave_request(_employee(), "2026-03-07", "2026-03-07")
	with pytest.raises(frappe.ValidationError, match="exists between"):
		comp_site.make_compensatory_leave_request(_employee(), "2026-03-07", "2026-03-07")


def test_comp_leave_without_attendance_is_refused(comp_site):
	comp_site.make_holiday_list("HL2", "2026-01-01", "2026-12-31", holidays=["2026-03-01"])
	frappe.db.set_value("Employee", _employee(), "holiday_list", "HL2")
	with pytest.raises(frappe.ValidationError, match="You are not present all day"):
		comp_site.make_compensatory_leave_request(_employee(), "2026-03-01", "2026-03-01")


def test_comp_leave_without_leave_period_is_refused_at_approval(comp_site):
	frappe.db.set_value("Leave Period", frappe.get_all("Leave Period", pluck="name")[0], "is_active", 0)
	request = comp_site.make_compensatory_leave_request(_employee(), "2026-03-07", "2026-03-07")
	frappe.db.commit()
	with pytest.raises(frappe.ValidationError, match=r"no .*active.* leave period"):
		_decide("Compensatory Leave Request", request.name, HR)


def test_comp_leave_system_manager_and_employee_may_not_approve(comp_site):
	comp_site.make_user("sys@example.com", roles=["System Manager"])
	request = comp_site.make_compensatory_leave_request(_employee(), "2026-03-07", "2026-03-07")
	for user in ("sys@example.com", REQUESTER):
		with pytest.raises(frappe.PermissionError):
			_decide("Compensatory Leave Request", request.name, user)


def test_a_docshare_reads_as_frappe_writes_it(hr_site):
	# frappe/share.py add_docshare: read always; DocShare.validate: submit ⇒ write, and a
	# submit share of a DocType that is not submittable is refused.
	request = hr_site.make_shift_request(_employee(), "Night", "2026-03-23")
	share = frappe.share.add_docshare(
		"Shift Request",
		request.name,
		HR,
		read=0,
		submit=1,
		flags={"ignore_share_permission": True},
	)
	assert (share.read, share.write, share.submit) == (1, 1, 1)
	with pytest.raises(frappe.ValidationError, match="not submittable"):
		frappe.share.add_docshare(
			"Employee", _employee(), HR, submit=1, flags={"ignore_share_permission": True}
		)

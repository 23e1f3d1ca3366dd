"""The Frappe test double behaves like Frappe v15 where the app depends on it."""

import datetime
import json
import os
import pickle
import threading
import time

import frappe
import pytest
from frappe.utils.synchronization import LockTimeoutError, filelock
from hrms.hr.doctype.leave_application.leave_application import (
	InsufficientLeaveBalanceError,
	OverlapError,
	get_leave_approver,
)

from frappe_slack_connector.tests.support.dispatch import Client, post

FIXTURES = os.path.join(os.path.dirname(__file__), "fixtures")
API = "/api/method/harness.sample_api."


def body(resp):
	return json.loads(resp.get_data(as_text=True))


# ---------------------------------------------------------------- HTTP layer


def test_guest_can_call_allow_guest_and_result_is_wrapped():
	resp = post(API + "echo", data={"a": "1"})
	assert resp.status_code == 200
	assert body(resp) == {"message": {"a": "1", "cmd": "harness.sample_api.echo"}}


def test_guest_gets_403_for_non_guest_method_but_user_passes():
	resp = post(API + "private")
	assert resp.status_code == 403
	assert body(resp)["exc_type"] == "PermissionError"
	assert "exc" not in body(resp)
	assert post(API + "private", user="Administrator").status_code == 200


def test_http_method_not_allowed_is_403():
	resp = Client().get(API + "post_only")
	assert resp.status_code == 403
	assert post(API + "post_only", data={"x": "y"}).status_code == 200


def test_guest_form_values_are_sanitized_unless_xss_safe():
	data = {"text": "<script>alert(1)</script><b>hi</b>", "payload": json.dumps({"t": "<script>"})}
	got = body(post(API + "echo", data=data))["message"]
	assert "<script>" not in got["text"]
	assert "<b>hi</b>" in got["text"]
	assert got["payload"] == data["payload"]  # valid JSON is left alone
	safe = body(post(API + "echo_safe", data=data))["message"]
	assert safe["text"] == data["text"]


def test_deeply_nested_json_value_breaks_sanitizer_with_500():
	deep = "[" * 100000 + "]" * 100000
	assert post(API + "echo", data={"payload": deep}).status_code == 500
	assert post(API + "echo_safe", data={"payload": deep}).status_code == 200


def test_raw_body_is_readable_after_form_parsing():
	resp = post(API + "post_only", data={"payload": "a b&c"})
	assert body(resp)["message"] == {"raw": "payload=a+b%26c", "form": {"payload": "a b&c"}}


def test_response_passthrough_status_and_redirect():
	assert post(API + "raw_response").get_data(as_text=True) == '{"ok":true}'
	resp = post(API + "set_status")
	assert resp.status_code == 201 and body(resp) == {"message": "created"}
	resp = post(API + "redirect_me")
	assert resp.status_code == 302 and resp.headers["Location"] == "https://example.com/done"


def test_json_body_becomes_form_dict_and_type_hints_are_validated():
	resp = Client().post(API + "typed", json={"count": "3", "flag": "true"})
	assert body(resp)["message"] == {"count": 3, "flag": True}
	resp = Client().post(API + "typed", json={"count": "three"})
	assert resp.status_code == 417
	assert body(resp)["exc_type"] == "FrappeTypeError"


@pytest.mark.parametrize(
	("kind", "status", "exc_type"),
	[
		("validation", 417, "ValidationError"),
		("permission", 403, "PermissionError"),
		("auth", 401, "AuthenticationError"),
		("missing", 404, "DoesNotExistError"),
		("duplicate", 409, "DuplicateEntryError"),
	],
)
def test_exception_status_mapping(kind, status, exc_type):
	resp = post(API + "raises", data={"kind": kind})
	assert resp.status_code == status
	b = body(resp)
	assert b["exc_type"] == exc_type
	messages = [json.loads(m) for m in json.loads(b["_server_messages"])]
	assert messages[0]["message"] == f"<b>{kind}</b> failed"
	assert messages[0]["raise_exception"] == 1


def test_unknown_method_and_module():
	assert post("/api/method/harness.sample_api.nope").status_code == 417
	assert post("/api/method/no_such_module.fn").status_code == 417
	assert post("/api/nothing/here").status_code == 404


def test_post_commits_and_runs_after_commit_jobs_then_worker(site):
	resp = post(API + "create_todo", data={"text": "one"})
	assert resp.status_code == 200
	frappe.db.rollback()  # nothing pending: the request committed
	assert frappe.db.exists("ToDo", body(resp)["message"])
	assert len(site.queued_jobs()) == 1
	site.run_jobs()
	assert frappe.get_all("ToDo", filters={"description": "job:one"}, pluck="name")


def test_exception_rolls_back_and_drops_after_commit_jobs(site):
	resp = post(API + "create_todo", data={"text": "two", "fail": "1"})
	assert resp.status_code == 417
	assert frappe.get_all("ToDo") == []
	assert site.queued_jobs() == []


def test_get_request_is_rolled_back(site):
	resp = Client().get(API + "create_todo", query_string={"text": "three"})
	assert resp.status_code == 200
	assert frappe.get_all("ToDo") == []
	assert site.queued_jobs() == []


def test_failed_job_is_rolled_back_and_logged(site):
	frappe.enqueue("harness.sample_api.failing_job")
	jobs = site.run_jobs()
	assert jobs[0].status == "failed"
	assert frappe.get_all("ToDo", filters={"description": "never"}) == []
	logs = site.error_logs()
	assert logs[0].method == "harness.sample_api.failing_job"
	assert "RuntimeError: boom" in logs[0].error


def test_log_error_and_throw_message_log():
	frappe.log_error(title="Slack failed", message="details", reference_doctype="ToDo")
	log = frappe.get_all("Error Log", fields=["method", "error", "reference_doctype"])[0]
	assert log == {"method": "Slack failed", "error": "details", "reference_doctype": "ToDo"}
	with pytest.raises(frappe.ValidationError):
		frappe.throw("<b>x</b>", title="T")
	assert frappe.local.message_log[-1]["title"] == "T"


# ---------------------------------------------------------------- documents & db


def test_singles_passwords_and_get_singles_dict(site):
	frappe.set_user("Administrator")
	site.register_doctype_json(os.path.join(FIXTURES, "doctype", "demo_settings", "demo_settings.json"))
	doc = frappe.get_single("Demo Settings")
	assert doc.enabled == 0
	assert doc.get_password("bot_token", raise_exception=False) is None
	with pytest.raises(frappe.AuthenticationError):
		doc.get_password("bot_token")
	doc.bot_token = "xoxb-123"
	doc.enabled = 1
	doc.save()
	assert doc.bot_token == "********"
	fresh = frappe.get_single("Demo Settings")
	assert fresh.bot_token == "********" and fresh.get_password("bot_token") == "xoxb-123"
	assert frappe.db.get_single_value("Demo Settings", "enabled") == 1
	raw = frappe.db.get_singles_dict("Demo Settings", for_update=True)
	assert raw.enabled == "1"  # text, like tabSingles
	assert frappe.db.get_singles_dict("Demo Settings", cast=True).enabled == 1
	frappe.db.set_single_value("Demo Settings", "last_sent_on", "2026-03-02")
	assert str(frappe.db.get_single_value("Demo Settings", "last_sent_on")) == "2026-03-02"
	assert frappe.db.get_value("Demo Settings", None, "enabled", for_update=True) == "1"
	frappe.db.rollback()
	assert frappe.db.get_single_value("Demo Settings", "enabled") == 0


def test_singles_cast_to_the_types_frappe_v15_returns(site):
	# frappe/database/database.py get_singles_dict(cast=True) and get_single_value apply
	# frappe/utils/data.py cast(): Time → timedelta, Date → date, Datetime → datetime,
	# Check/Int → int, Float/Currency → float, Data → str; NULL → the type's lowest value.
	frappe.set_user("Administrator")
	site.register_doctype_json(os.path.join(FIXTURES, "doctype", "demo_settings", "demo_settings.json"))
	doc = frappe.get_single("Demo Settings")
	# A never-saved Single comes from new_doc, which sets every Time field to the current time
	# (frappe/model/create_new.py): unset it, so the save stores it as NULL too.
	assert doc.send_at
	doc.send_at = None
	doc.save()  # every field stored, unset ones as NULL
	empty = frappe.db.get_singles_dict("Demo Settings", cast=True)
	assert empty.send_at == datetime.timedelta(0) and not empty.send_at
	assert empty.last_sent_on == datetime.date(1, 1, 1)
	assert empty.checked_at == datetime.datetime(1, 1, 1)
	assert (empty.enabled, empty.retries, empty.ratio, empty.amount, empty.channel) == (0, 0, 0.0, 0.0, "")
	frappe.db.set_single_value(
		"Demo Settings",
		{
			"send_at": "07:30:00",
			"last_sent_on": "2026-03-02",
			"checked_at": "2026-03-02 07:30:00",
			"retries": 3,
			"ratio": 0.5,
			"amount": 12,
			"channel": "C1",
		},
	)
	typed = frappe.db.get_singles_dict("Demo Settings", cast=True)
	assert typed.send_at == datetime.timedelta(hours=7, minutes=30)
	assert typed.last_sent_on == datetime.date(2026, 3, 2)
	assert typed.checked_at == datetime.datetime(2026, 3, 2, 7, 30)
	assert (typed.retries, typed.ratio, typed.amount, typed.channel) == (3, 0.5, 12.0, "C1")
	assert type(typed.amount) is float and type(typed.retries) is int
	assert frappe.db.get_single_value("Demo Settings", "send_at") == datetime.timedelta(hours=7, minutes=30)
	raw = frappe.db.get_singles_dict("Demo Settings")
	assert raw.send_at == "07:30:00" and raw.retries == "3"  # text, like tabSingles.value


def test_data_fields_hold_140_characters_and_error_logs_cut_long_titles(site):
	# frappe/model/base_document.py (v15) _validate_length: a varchar column (Data, Link, Select…)
	# holds `length` or 140 characters; frappe/core/doctype/error_log/error_log.py cuts the title.
	frappe.set_user("Administrator")
	with pytest.raises(frappe.CharacterLengthExceededError, match="max characters allowed is 140"):
		frappe.get_doc({"doctype": "ToDo", "description": "x", "reference_name": "n" * 141}).insert()
	frappe.get_doc({"doctype": "ToDo", "description": "x" * 5000, "reference_name": "n" * 140}).insert()
	log = frappe.log_error(title="T" * 200, message="details")
	assert log.method == "T" * 140
	assert log.error == "T" * 200 + "\ndetails"


def test_email_data_fields_are_validated(site):
	# frappe/model/base_document.py (v15) _validate_data_fields: options "Email"
	site.make_holiday_list("HL", "2026-01-01", "2026-12-31")
	site.make_company("Test Co", default_holiday_list="HL")
	with pytest.raises(frappe.InvalidEmailAddressError):
		site.make_employee("ann@x.com", "Ann", "Lee", personal_email="not an address")


def test_cache_values_are_copies_outside_the_request(site):
	# frappe/utils/redis_wrapper.py (v15): values are pickled into Redis; the same object comes
	# back only from frappe.local.cache, which lives for one request or job.
	value = {"user": "a@example.com", "used": False}
	frappe.cache.set_value("k", value)
	assert frappe.cache.get_value("k") is value  # this request's local cache
	frappe.local.cache = {}  # the next request
	again = frappe.cache.get_value("k")
	assert again == value and again is not value
	again["used"] = True
	frappe.local.cache = {}
	assert frappe.cache.get_value("k")["used"] is False  # a mutation never reaches Redis
	frappe.cache.set_value("e", value, expires_in_sec=60)  # expiring values skip the local cache
	assert frappe.cache.get_value("e") is not value
	with pytest.raises((pickle.PicklingError, AttributeError)):  # pickle's own error, as against Redis
		frappe.cache.set_value("bad", lambda: None)


def test_commit_and_rollback_callbacks():
	frappe.set_user("Administrator")
	calls = []
	frappe.db.after_commit.add(lambda: calls.append("commit"))
	frappe.db.after_rollback.add(lambda: calls.append("rollback"))
	frappe.get_doc({"doctype": "ToDo", "description": "x"}).insert()
	frappe.db.rollback()
	assert calls == ["rollback"]
	assert frappe.get_all("ToDo") == []


def test_naming_series_and_filters(site):
	site.freeze_time("2026-03-02 09:00:00")
	site.make_holiday_list("HL", "2026-01-01", "2026-12-31")
	site.make_company("Test Co", default_holiday_list="HL")
	emp = site.make_employee("ann@x.com", "Ann", "Lee")
	site.make_allocation(emp.name, "Casual Leave", "2026-01-01", "2026-12-31", 10)
	frappe.set_user("Administrator")
	names = []
	for start in ("2026-03-03", "2026-03-10"):
		la = frappe.get_doc(
			doctype="Leave Application",
			employee=emp.name,
			leave_type="Casual Leave",
			from_date=start,
			to_date=start,
		).insert()
		names.append(la.name)
	assert names == ["HR-LAP-2026-00001", "HR-LAP-2026-00002"]
	assert frappe.get_all("Leave Application", filters={"from_date": [">", "2026-03-05"]}, pluck="name") == [
		names[1]
	]
	assert frappe.get_all(
		"Leave Application", filters=[["from_date", "between", ["2026-03-01", "2026-03-04"]]], pluck="name"
	) == [names[0]]
	assert frappe.db.count("Leave Application", {"status": "open"}) == 2
	assert frappe.get_all("Employee", filters={"employee_name": ["like", "%lee"]}, pluck="user_id") == [
		"ann@x.com"
	]
	assert frappe.db.get_value("Employee", {"user_id": "ann@x.com"}, ["name", "company"]) == (
		emp.name,
		"Test Co",
	)


def test_unique_and_mandatory(site):
	frappe.set_user("Administrator")
	site.make_leave_type("Sick")
	with pytest.raises(frappe.DuplicateEntryError):
		frappe.get_doc(doctype="Leave Type", leave_type_name="Sick").insert()
	with pytest.raises(frappe.MandatoryError):
		frappe.get_doc(doctype="ToDo").insert()


def test_filelock_excludes_across_threads(site):
	events = []

	def worker(tag):
		with filelock("daily-digest", timeout=5):
			events.append(("in", tag))
			time.sleep(0.05)
			events.append(("out", tag))

	threads = [threading.Thread(target=worker, args=(i,)) for i in range(2)]
	for t in threads:
		t.start()
	for t in threads:
		t.join()
	assert [e[0] for e in events] == ["in", "out", "in", "out"]
	with filelock("held", timeout=1):
		err = []

		def contender():
			try:
				with filelock("held", timeout=0.05):
					pass
			except LockTimeoutError as e:
				err.append(e)

		t = threading.Thread(target=contender)
		t.start()
		t.join()
	assert err


# ---------------------------------------------------------------- HR


@pytest.fixture
def hr(site):
	site.freeze_time("2026-03-02 09:00:00")
	site.make_holiday_list("HL", "2026-01-01", "2026-12-31", holidays=["2026-03-07", "2026-03-08"])
	site.make_company("Test Co", default_holiday_list="HL")
	site.make_user("boss@x.com", roles=["Employee"], full_name="Big Boss")
	emp = site.make_employee("ann@x.com", "Ann", "Lee", leave_approver="boss@x.com")
	site.make_allocation(emp.name, "Casual Leave", "2026-01-01", "2026-12-31", 3)
	site.make_leave_type("Leave Without Pay", is_lwp=1)
	return emp


def apply(emp, from_date, to_date, leave_type="Casual Leave", **kw):
	return frappe.get_doc(
		doctype="Leave Application",
		employee=emp.name,
		leave_type=leave_type,
		from_date=from_date,
		to_date=to_date,
		**kw,
	).insert()


def test_employee_cannot_set_permlevel_status(hr):
	frappe.set_user("ann@x.com")
	la = apply(hr, "2026-03-03", "2026-03-03", status="Approved")
	assert la.status == "Open"
	la.status = "Approved"
	la.save()
	assert frappe.db.get_value("Leave Application", la.name, "status") == "Open"
	with pytest.raises(frappe.PermissionError):
		la.submit()


def test_approver_can_approve_and_submit(hr):
	frappe.set_user("ann@x.com")
	la = apply(hr, "2026-03-03", "2026-03-04")
	frappe.db.commit()
	frappe.set_user("boss@x.com")
	la = frappe.get_doc("Leave Application", la.name)
	la.status = "Open"
	with pytest.raises(frappe.ValidationError, match="can be submitted"):
		la.submit()
	# the row was already written with docstatus 1 when on_submit threw — as in Frappe, only the
	# request's rollback undoes it
	frappe.db.rollback()
	la.reload()
	la.status = "Approved"
	la.save()
	la.submit()
	assert la.docstatus == 1 and la.status == "Approved"
	la.reload()
	la.description = "changed"
	with pytest.raises(frappe.UpdateAfterSubmitError):
		la.save()


def test_leave_application_validations(hr):
	frappe.set_user("ann@x.com")
	with pytest.raises(frappe.ValidationError, match="To date cannot be before from date"):
		apply(hr, "2026-03-05", "2026-03-04")
	with pytest.raises(frappe.ValidationError, match="Half Day Date should be between"):
		apply(hr, "2026-03-03", "2026-03-04", half_day=1, half_day_date="2026-03-10")
	with pytest.raises(frappe.ValidationError, match="need not apply"):
		apply(hr, "2026-03-07", "2026-03-08")
	with pytest.raises(InsufficientLeaveBalanceError, match="<strong>Casual Leave</strong>"):
		apply(hr, "2026-03-09", "2026-03-13")
	with pytest.raises(frappe.ValidationError, match="outside leave allocation period"):
		apply(hr, "2027-01-04", "2027-01-04")
	apply(hr, "2026-03-03", "2026-03-04")
	with pytest.raises(OverlapError, match="has already applied"):
		apply(hr, "2026-03-04", "2026-03-05", leave_type="Leave Without Pay")
	lwp = apply(hr, "2026-03-10", "2026-03-20", leave_type="Leave Without Pay")
	assert lwp.total_leave_days == 11  # LWP skips allocation/balance checks, not holidays


def test_inactive_employee_is_refused(hr, site):
	frappe.db.set_value("Employee", hr.name, "status", "Inactive")
	frappe.set_user("Administrator")
	with pytest.raises(frappe.ValidationError, match="Inactive Employee"):
		apply(hr, "2026-03-03", "2026-03-03")


def test_get_leave_approver_employee_then_department(hr, site):
	assert get_leave_approver(hr.name) == "boss@x.com"
	site.make_user("dept@x.com", roles=["Employee"])
	site.make_department("Ops", approvers=["dept@x.com", "boss@x.com"])
	emp2 = site.make_employee("bob@x.com", "Bob", "Roe", department="Ops")
	assert get_leave_approver(emp2.name) == "dept@x.com"
	emp3 = site.make_employee("cy@x.com", "Cy", "Doe")
	assert get_leave_approver(emp3.name) is None


def test_custom_field_and_meta(site):
	meta = frappe.get_meta("Leave Application")
	assert meta.get_field("status").permlevel == 1
	assert not meta.has_field("custom_first_halfsecond_half")
	site.add_custom_field(
		"Leave Application", "custom_first_halfsecond_half", "Select", "\nFirst Half\nSecond Half"
	)
	assert frappe.get_meta("Leave Application").has_field("custom_first_halfsecond_half")


def test_doc_events_hook_runs_after_controller(site):
	seen = []
	site.add_hook(
		"doc_events", {"ToDo": {"after_insert": lambda doc, method: seen.append((doc.name, method))}}
	)
	frappe.set_user("Administrator")
	todo = frappe.get_doc(doctype="ToDo", description="hooked").insert()
	assert seen == [(todo.name, "after_insert")]
	todo.add_comment("Comment", "hi")
	assert frappe.get_all("Comment", filters={"reference_name": todo.name}, pluck="content") == ["hi"]


def test_a_project_member_not_yet_invited_needs_outgoing_mail(site):
	# erpnext project.py (v15) send_welcome_email → frappe.sendmail → find_outgoing refuses on a
	# site without a default outgoing Email Account (found on a real v15 site).
	site.make_company("Mail Co")
	site.make_user("member@x.com", roles=["Employee"])
	frappe.set_user("Administrator")
	project = {"doctype": "Project", "project_name": "Invite", "company": "Mail Co"}
	with pytest.raises(frappe.OutgoingEmailError, match="outgoing Email Account"):
		frappe.get_doc({**project, "users": [{"user": "member@x.com"}]}).insert()
	doc = frappe.get_doc({**project, "users": [{"user": "member@x.com", "welcome_email_sent": 1}]}).insert()
	assert [m.user for m in doc.users] == ["member@x.com"]

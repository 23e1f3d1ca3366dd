"""The Home tab through the dispatcher: app_home_opened (signed JSON) → a job → views.publish
(validated by the mock: a home view, ≤ 100 blocks, Block Kit), for an employee, an approver, an
HR manager and a stranger; its buttons (Apply for leave → views.open of the /apply-leave modal;
Withdraw and Approve with the DM's action ids and checks) and the tabs re-published after a
change; the balances hrms's own (allocations with used, pending and expired days)."""

from __future__ import annotations

import frappe
from hrms.hr.doctype.leave_application import leave_application as hrms_leave

import test_leave_mirror
from frappe_slack_connector.erp import home as erp_home
from frappe_slack_connector.tests.support.slack_requests import (
	app_home_opened,
	block_actions_home,
	button_action,
	event_callback,
	event_request,
	interaction_request,
)
from test_leave_mirror import CLEO, CLEO_EMAIL, HR, HR_EMAIL
from test_leave_workflow import BOSS, BOSS_EMAIL, CASUAL, JANE, JANE_EMAIL, ack_ok

world = test_leave_mirror.world


def open_home(app, slack_id):
	"""The user opens the app's Home: the event is acked, the job publishes; the published view."""
	ack_ok(app.send(event_request(event_callback(app_home_opened(slack_id)), secret=app.secret)))
	app.site.run_jobs()
	view = app.slack.home_view(slack_id)
	assert view is not None and view["type"] == "home"
	return view


def texts(view) -> str:
	out = []
	for b in view["blocks"]:
		if isinstance(b.get("text"), dict):
			out.append(b["text"]["text"])
		out += [e.get("text", "") for e in b.get("elements", []) if e.get("type") == "mrkdwn"]
	return "\n".join(out)


def buttons(view) -> list[tuple[str, str]]:
	found = []
	for b in view["blocks"]:
		elements = [*b.get("elements", []), *([b["accessory"]] if b.get("accessory") else [])]
		found += [(e["action_id"], e.get("value")) for e in elements if e.get("type") == "button"]
	return found


def click_home(world, app, slack_id, action, value, *, block_id="home_actions_block"):
	view = app.slack.home_view(slack_id)
	payload = block_actions_home(
		button_action(action, value, block_id=block_id),
		view=view,
		user={"id": slack_id, "username": "x", "name": "x", "team_id": "T0TEST0001"},
	)
	return app.send(interaction_request(payload, secret=app.secret))


def test_an_employee_sees_balances_and_her_leave(world, app):
	name = world.leave(from_date="2026-12-07", to_date="2026-12-07")
	app.site.run_jobs()
	view = open_home(app, JANE)
	text = texts(view)
	assert "*Casual Leave*: 10 days left" in text
	assert "*Leave Without Pay*: leave without pay, no balance" in text
	assert name in text and "*Open*" in text and "approver *Bea Boss*" in text
	assert ("leave_withdraw", name) in buttons(view)
	assert ("home_apply_leave", "apply") in buttons(view)
	assert "Waiting for You" not in text  # she decides nothing
	assert app.error_titles() == []


def test_an_approver_sees_what_waits_for_her(world, app):
	name = world.leave(from_date="2026-12-07", to_date="2026-12-08")
	app.site.run_jobs()
	app.site.make_employee(BOSS_EMAIL, first_name="Bea", last_name="Boss")
	frappe.db.commit()
	view = open_home(app, BOSS)
	text = texts(view)
	assert "Waiting for You" in text
	assert name in text and "2 days" in text
	assert ("leave_approve", name) in buttons(view)
	assert ("leave_reject", name) in buttons(view)
	# Cleo approves nothing of Jane's: her tab lists nothing waiting.
	app.site.make_employee(CLEO_EMAIL, first_name="Cleo", last_name="Chief")
	frappe.db.commit()
	cleo = open_home(app, CLEO)
	assert "Nothing waits for your decision." in texts(cleo)
	assert ("leave_approve", name) not in buttons(cleo)


def test_an_hr_manager_sees_every_open_request(world, app):
	first = world.leave(from_date="2026-12-07", to_date="2026-12-07")
	other = app.site.make_employee(
		"olga@example.com", first_name="Olga", last_name="Other", leave_approver=CLEO_EMAIL
	)
	app.site.make_allocation(other.name, CASUAL, "2026-01-01", "2026-12-31")
	frappe.db.commit()
	frappe.set_user("olga@example.com")
	second = frappe.get_doc(
		{
			"doctype": "Leave Application",
			"employee": other.name,
			"leave_type": CASUAL,
			"from_date": "2026-12-09",
			"to_date": "2026-12-09",
			"leave_approver": CLEO_EMAIL,
			"posting_date": "2026-12-01",
		}
	).insert()
	frappe.set_user("Guest")
	frappe.db.commit()
	app.site.make_employee(HR_EMAIL, first_name="Hal", last_name="HR")
	frappe.db.commit()
	view = open_home(app, HR)
	assert ("leave_approve", first) in buttons(view)
	assert ("leave_approve", second.name) in buttons(view)


def test_a_stranger_is_told_what_to_ask_hr_for(world, app):
	app.slack.add_user(id="U0NOBODY01", email="nobody@elsewhere.example", real_name="No Body")
	view = open_home(app, "U0NOBODY01")
	assert "not linked to a user in the HR system" in texts(view)
	assert buttons(view) == []
	# A user without an Employee record.
	view = open_home(app, BOSS)
	assert "no active Employee record" in texts(view)
	assert buttons(view) == []


def test_a_german_reader_gets_the_german_tab(world, app):
	app.site.set_user_language(JANE_EMAIL, "de")
	frappe.db.commit()
	text = texts(open_home(app, JANE))
	assert "*Casual Leave*: noch 10 Tage" in text
	assert "Ihre Abteilung, heute und in den nächsten 7 Tagen." in text


def test_who_is_out_lists_the_department_today_and_the_next_days(world, app):
	dept = app.site.make_department("Ops")
	frappe.db.set_value("Employee", world.employee, "department", dept.name)
	mates = []
	for first, start in (("Olga", "2026-12-01"), ("Otto", "2026-12-08"), ("Lena", "2026-12-09")):
		mate = app.site.make_employee(
			f"{first.lower()}@example.com", first_name=first, last_name="Ops", department=dept.name
		)
		app.site.make_allocation(mate.name, CASUAL, "2026-01-01", "2026-12-31")
		mates.append((mate, start))
	frappe.db.commit()
	for mate, start in mates:
		frappe.set_user(mate.user_id)
		frappe.get_doc(
			{
				"doctype": "Leave Application",
				"employee": mate.name,
				"leave_type": CASUAL,
				"from_date": start,
				"to_date": start,
				"leave_approver": BOSS_EMAIL,
				"posting_date": "2026-12-01",
			}
		).insert()
		frappe.set_user("Guest")
	frappe.db.commit()
	app.site.run_jobs()
	text = texts(open_home(app, JANE))
	assert "*Olga Ops*" in text and "*Otto Ops*" in text
	assert "Lena" not in text  # the 9th is past today + 7 days


def test_who_is_out_sends_the_builder_what_the_tab_shows_and_counts_the_rest(world, app):
	dept = app.site.make_department("Ops")
	frappe.db.set_value("Employee", world.employee, "department", dept.name)
	out = erp_home.MAX_OUT + 3
	for i in range(out):
		mate = app.site.make_employee(
			f"mate{i}@example.com", first_name=f"Mate{i:02d}", last_name="Ops", department=dept.name
		)
		app.site.make_allocation(mate.name, CASUAL, "2026-01-01", "2026-12-31")
		frappe.get_doc(
			{
				"doctype": "Leave Application",
				"employee": mate.name,
				"leave_type": CASUAL,
				"from_date": "2026-12-02",
				"to_date": "2026-12-02",
				"leave_approver": BOSS_EMAIL,
				"posting_date": "2026-12-01",
			}
		).insert(ignore_permissions=True)
	frappe.db.commit()
	spec = erp_home.home_input(JANE_EMAIL)
	assert len(spec["out"]) == erp_home.MAX_OUT and spec["out_total"] == out
	app.site.run_jobs()
	text = texts(open_home(app, JANE))
	assert "*Mate00 Ops*" in text and f"*Mate{erp_home.MAX_OUT - 1:02d} Ops*" in text
	assert f"Mate{erp_home.MAX_OUT:02d}" not in text
	assert "|+3 more — open in the desk>" in text


def test_apply_for_leave_opens_the_apply_leave_modal(world, app):
	open_home(app, JANE)
	ack_ok(click_home(world, app, JANE, "home_apply_leave", "apply"))
	[opened] = app.slack.calls_to("views.open")
	view = opened.args["view"]
	assert view["callback_id"] == "apply_leave_application"
	# The same modal /apply-leave opens.
	app.slack.reset_calls()
	ack_ok(world.slash())
	[slash] = app.slack.calls_to("views.open")
	assert slash.args["view"]["blocks"] == view["blocks"]


def test_apply_for_leave_without_leave_types_is_told_in_the_dm(world, app):
	frappe.db.delete("Leave Allocation")
	frappe.db.delete("Leave Type", {"is_lwp": 1})
	frappe.db.commit()
	open_home(app, JANE)
	ack_ok(click_home(world, app, JANE, "home_apply_leave", "apply"))
	assert app.slack.calls_to("views.open") == []
	[told] = [c for c in app.slack.calls_to("chat.postMessage") if c.args["channel"] == JANE]
	assert "no leave type to apply for" in told.args["text"]


def test_approve_from_the_home_tab_decides_and_republishes_both_tabs(world, app):
	name = world.leave(from_date="2026-12-07", to_date="2026-12-07")
	app.site.run_jobs()
	app.site.make_employee(BOSS_EMAIL, first_name="Bea", last_name="Boss")
	frappe.db.commit()
	# The DM jobs linked Jane and Bea to their Slack accounts (by e-mail).
	assert ("leave_approve", name) in buttons(open_home(app, BOSS))
	app.slack.reset_calls()
	ack_ok(click_home(world, app, BOSS, "leave_approve", name, block_id="home_waiting_0"))
	doc = world.doc(name)
	assert (doc.status, doc.docstatus, doc.modified_by) == ("Approved", 1, BOSS_EMAIL)
	app.site.run_jobs()
	published = {c.args["user_id"] for c in app.slack.calls_to("views.publish")}
	assert published == {JANE, BOSS}
	assert ("leave_approve", name) not in buttons(app.slack.home_view(BOSS))
	jane = app.slack.home_view(JANE)
	assert "*Approved*" in texts(jane)
	assert ("leave_ask_cancel", name) in buttons(jane)
	assert "*Casual Leave*: 9 days left" in texts(jane)
	assert app.error_titles() == []


def test_someone_else_cannot_approve_from_the_home_tab(world, app):
	name = world.leave(from_date="2026-12-07", to_date="2026-12-07")
	app.site.run_jobs()
	app.site.make_employee(CLEO_EMAIL, first_name="Cleo", last_name="Chief")
	frappe.db.commit()
	open_home(app, CLEO)
	app.slack.reset_calls()
	ack_ok(click_home(world, app, CLEO, "leave_approve", name, block_id="home_waiting_0"))
	assert world.doc(name).status == "Open"
	# No message to answer under: the app's DM tells her why.
	[told] = app.slack.calls_to("chat.postMessage")
	assert told.args["channel"] == CLEO
	assert "not allowed to approve or reject" in told.args["text"]


def test_a_click_on_an_out_of_date_home_tab_says_so_and_brings_it_up_to_date(world, app):
	name = world.leave(from_date="2026-12-07", to_date="2026-12-07")
	app.site.run_jobs()
	app.site.make_employee(BOSS_EMAIL, first_name="Bea", last_name="Boss")
	frappe.db.commit()
	open_home(app, BOSS)
	stale = app.slack.home_view(BOSS)
	test_leave_mirror.decide_in_desk(name, "Approved")
	app.site.run_jobs()
	app.slack.reset_calls()
	# Clicked on the tab as it was before the desk decided (Slack still shows that one).
	payload = block_actions_home(
		button_action("leave_reject", name, block_id="home_waiting_0"),
		view=stale,
		user={"id": BOSS, "username": "x", "name": "x", "team_id": "T0TEST0001"},
	)
	ack_ok(app.send(interaction_request(payload, secret=app.secret)))
	assert world.doc(name).status == "Approved"
	app.site.run_jobs()
	[told] = [c for c in app.slack.calls_to("chat.postMessage") if c.args["channel"] == BOSS]
	assert "already *Approved*" in told.args["text"]
	[published] = app.slack.calls_to("views.publish")
	assert published.args["user_id"] == BOSS
	assert ("leave_approve", name) not in buttons(app.slack.home_view(BOSS))


def test_withdraw_from_the_home_tab_deletes_and_republishes(world, app):
	name = world.leave(from_date="2026-12-07", to_date="2026-12-07")
	app.site.run_jobs()
	frappe.set_user("Administrator")
	frappe.get_doc("User", JANE_EMAIL).add_roles("Leave Approver")  # a site letting employees delete drafts
	frappe.set_user("Guest")
	frappe.db.commit()
	assert ("leave_withdraw", name) in buttons(open_home(app, JANE))
	app.slack.reset_calls()
	ack_ok(click_home(world, app, JANE, "leave_withdraw", name))
	assert not frappe.db.exists("Leave Application", name)
	app.site.run_jobs()
	assert {c.args["user_id"] for c in app.slack.calls_to("views.publish")} == {JANE, BOSS}
	assert name not in texts(app.slack.home_view(JANE))


def test_a_desk_decision_republishes_the_tabs_too(world, app):
	name = world.leave(from_date="2026-12-07", to_date="2026-12-07")
	world.link(JANE_EMAIL, JANE)
	world.link(BOSS_EMAIL, BOSS)
	app.site.run_jobs()
	# Filing it re-published both tabs already.
	assert {c.args["user_id"] for c in app.slack.calls_to("views.publish")} == {JANE, BOSS}
	app.slack.reset_calls()
	test_leave_mirror.decide_in_desk(name, "Rejected")
	app.site.run_jobs()
	assert {c.args["user_id"] for c in app.slack.calls_to("views.publish")} == {JANE, BOSS}
	assert "*Rejected*" in texts(app.slack.home_view(JANE))


# ---------------------------------------------------------------------- balances as hrms has them


def test_balances_are_hrms_for_used_pending_and_expired_days(world, app):
	"""An allocation of 10 new days plus 5 carried forward that expired after 90 days (on Mar 31);
	2 days taken in February (from the carried-forward days), 3 in June (new days), 1 pending.
	hrms (get_leave_details → get_leave_balance_on → get_remaining_leaves): the carried-forward
	days are gone, the 2 taken from them do not count against the new ones: 10 - 3 = 7 left,
	the pending day not deducted; total 15, taken 5, pending 1, expired 15 - (7 + 5) = 3."""
	app.site.make_leave_type(
		"Privilege Leave", is_carry_forward=1, expire_carry_forwarded_leaves_after_days=90
	)
	alloc = app.site.make_allocation(
		world.employee,
		"Privilege Leave",
		"2026-01-01",
		"2026-12-31",
		new_leaves_allocated=10,
		carry_forward=1,
		unused_leaves=5,
	)
	assert alloc.total_leaves_allocated == 15
	frappe.db.commit()
	for start, end, status in (
		("2026-02-02", "2026-02-03", "Approved"),
		("2026-06-01", "2026-06-03", "Approved"),
	):
		name = world.leave(leave_type="Privilege Leave", from_date=start, to_date=end, posting_date=start)
		test_leave_mirror.decide_in_desk(name, status)
	world.leave(leave_type="Privilege Leave", from_date="2026-12-10", to_date="2026-12-10")
	app.site.run_jobs()

	frappe.set_user(JANE_EMAIL)  # hrms reads with the reader's rights, as the desk does
	details = hrms_leave.get_leave_details(world.employee, "2026-12-01")["leave_allocation"][
		"Privilege Leave"
	]
	assert details == {
		"total_leaves": 15,
		"expired_leaves": 3,
		"leaves_taken": 5,
		"leaves_pending_approval": 1,
		"remaining_leaves": 7,
	}
	assert {"leave_type": "Privilege Leave", "days_left": 7.0} in erp_home.balances(
		world.employee, "2026-12-01"
	)
	assert "*Privilege Leave*: 7 days left" in texts(open_home(app, JANE))
	# Before the carried-forward days expired (Mar 1): 5 - 2 carried forward left + 10 new.
	march = hrms_leave.get_leave_balance_on(
		world.employee,
		"Privilege Leave",
		"2026-03-01",
		to_date="2026-12-31",
		consider_all_leaves_in_the_allocation_period=True,
	)
	assert march == 10
	frappe.set_user("Guest")


# ---------------------------------------------------------------------- queries, whatever the size


def _count_reads(monkeypatch):
	"""Reads of the double's store: each one a SELECT on a real site."""
	db = frappe.db
	count = {"n": 0}
	for method in ("_select", "_get_row", "_singles"):
		original = getattr(db, method)

		def counted(*args, _original=original, **kwargs):
			count["n"] += 1
			return _original(*args, **kwargs)

		monkeypatch.setattr(db, method, counted)
	return count


def _pending(world, app, n, *, start=0):
	for i in range(start, start + n):
		emp = app.site.make_employee(
			f"p{i}@example.com", first_name=f"P{i}", last_name="X", leave_approver=BOSS_EMAIL
		)
		app.site.make_allocation(emp.name, CASUAL, "2026-01-01", "2026-12-31")
		frappe.db.commit()
		frappe.set_user(emp.user_id)
		frappe.get_doc(
			{
				"doctype": "Leave Application",
				"employee": emp.name,
				"leave_type": CASUAL,
				"from_date": "2026-12-14",
				"to_date": "2026-12-14",
				"leave_approver": BOSS_EMAIL,
				"posting_date": "2026-12-01",
			}
		).insert()
		frappe.set_user("Guest")
	frappe.db.commit()


def test_the_home_input_reads_a_fixed_number_of_times_whatever_waits(world, app, monkeypatch):
	app.site.make_employee(BOSS_EMAIL, first_name="Bea", last_name="Boss")
	frappe.db.commit()
	counts, made = [], 0
	for n in (3, 30):
		_pending(world, app, n - made, start=made)
		made = n
		count = _count_reads(monkeypatch)
		spec = erp_home.home_input(BOSS_EMAIL)
		monkeypatch.undo()
		assert spec["waiting_total"] == n
		counts.append(count["n"])
	assert counts[0] == counts[1], counts


# ---------------------------------------------------------------------- balances where the choice is made


def _options(view) -> list[tuple[str, str]]:
	[block] = [b for b in view["blocks"] if b.get("block_id") == "leave_type"]
	element = block["element"]
	options = element.get("options") or [o for g in element.get("option_groups", []) for o in g["options"]]
	return [(o["value"], o["text"]["text"]) for o in options]


def test_the_leave_modal_shows_the_days_left_of_each_type(world, app):
	name = world.leave(from_date="2026-12-07", to_date="2026-12-08")
	test_leave_mirror.decide_in_desk(name, "Approved")
	ack_ok(world.slash())
	view = app.slack.last_call("views.open").args["view"]
	assert _options(view) == [
		("Casual Leave", "Casual Leave — 8 days left"),
		("Leave Without Pay", "Leave Without Pay"),
	]
	app.site.set_user_language(JANE_EMAIL, "de")
	frappe.db.commit()
	ack_ok(world.slash())
	view = app.slack.last_call("views.open").args["view"]
	assert ("Casual Leave", "Casual Leave – noch 8 Tage") in _options(view)  # noqa: RUF001 - the German row uses an en dash


def test_the_approvers_request_shows_the_balance_before_and_after(world, app):
	first = world.leave(from_date="2026-12-02", to_date="2026-12-02")
	test_leave_mirror.decide_in_desk(first, "Approved")
	app.site.run_jobs()
	app.slack.reset_calls()
	name = world.leave(from_date="2026-12-07", to_date="2026-12-08")
	post = world.approver_dm(name)
	facts = "\n".join(b["text"]["text"] for b in post.args["blocks"] if b["type"] == "section")
	# hrms's Leave Balance Before Application: 10 allocated, 1 approved → 9; this request takes 2.
	assert world.doc(name).leave_balance == 9
	assert "*Balance:* 9 → 7 days" in facts
	# Leave Without Pay keeps no balance: no line.
	app.slack.reset_calls()
	lwp = world.leave(leave_type="Leave Without Pay", from_date="2026-12-09", to_date="2026-12-09")
	facts = "\n".join(
		b["text"]["text"] for b in world.approver_dm(lwp).args["blocks"] if b["type"] == "section"
	)
	assert "Balance" not in facts

"""Slack mirrors the ERP whatever changes a leave: filed, decided, cancelled, deleted or handed to
another approver in the desk (or the API, a workflow action, a click in Slack), the approver's DM
is rewritten in place (the mock records `chat.update` on the channel/ts the Slack Message record
kept) and the requester is told — from jobs after the commit, never from the request itself."""

from __future__ import annotations

import frappe
import pytest
from hrms.hr.doctype.leave_application.leave_application import LeaveApplication

from frappe_slack_connector.flows.leave import jobs as leave_jobs
from test_leave_workflow import BOSS, BOSS_EMAIL, JANE, JANE_EMAIL, World, section_text

HR_EMAIL = "hr@example.com"
HR = "U0HRMG0001"
CLEO_EMAIL = "cleo@example.com"
CLEO = "U0CLEO0001"


@pytest.fixture
def world(app):
	w = World(app)
	app.site.make_user(HR_EMAIL, roles=["HR Manager", "Employee"], full_name="Hal HR")
	app.site.make_user(CLEO_EMAIL, roles=["Employee", "Leave Approver"], full_name="Cleo Chief")
	frappe.db.commit()
	app.slack.add_user(id=HR, email=HR_EMAIL, real_name="Hal HR")
	app.slack.add_user(id=CLEO, email=CLEO_EMAIL, real_name="Cleo Chief")
	return w


def as_user(user, change):
	"""A desk request by `user`: the change, then the commit Frappe makes after a POST."""
	frappe.set_user(user)
	try:
		result = change()
	finally:
		frappe.set_user("Guest")
	frappe.db.commit()
	return result


def filed(world, app):
	"""A leave filed in the desk, its DMs delivered; returns (name, approver DM channel, ts)."""
	name = world.leave()
	post = world.approver_dm(name)
	return name, post.response["channel"], post.response["ts"]


def decide_in_desk(name, status, user=BOSS_EMAIL):
	def change():
		doc = frappe.get_doc("Leave Application", name)
		doc.status = status
		doc.save()
		doc.submit()

	as_user(user, change)


def records(name):
	return frappe.get_all(
		"Slack Message",
		filters={"reference_name": name},
		fields=["purpose", "recipient", "channel", "ts", "superseded"],
		order_by="creation asc",
	)


def has_buttons(message_args) -> bool:
	return any(b.get("block_id") == "leave_actions_block" for b in message_args["blocks"])


def updates_of(app, channel, ts):
	return [
		c for c in app.slack.calls_to("chat.update") if (c.args["channel"], c.args["ts"]) == (channel, ts)
	]


# ---------------------------------------------------------------------- what is remembered


def test_every_dm_about_a_leave_is_remembered(world, app):
	name, channel, ts = filed(world, app)
	[confirmation] = world.dms_to(JANE)
	assert [dict(r) for r in records(name)] == [
		{
			"purpose": "Approval Request",
			"recipient": BOSS_EMAIL,
			"channel": channel,
			"ts": ts,
			"superseded": 0,
		},
		{
			"purpose": "Requester Confirmation",
			"recipient": JANE_EMAIL,
			"channel": confirmation.response["channel"],
			"ts": confirmation.response["ts"],
			"superseded": 0,
		},
	]


def test_slack_message_is_read_only_for_people(world, app):
	name, _channel, _ts = filed(world, app)
	[record] = frappe.get_all("Slack Message", filters={"reference_name": name}, limit=1, pluck="name")
	assert frappe.has_permission("Slack Message", "read", user=HR_EMAIL)
	for ptype in ("write", "create", "delete"):
		assert not frappe.has_permission("Slack Message", ptype, user=HR_EMAIL), ptype
	assert not frappe.has_permission("Slack Message", "read", user=JANE_EMAIL)
	assert frappe.get_meta("Slack Message").get("in_create")
	assert record


# ---------------------------------------------------------------------- decided in the desk


@pytest.mark.parametrize(
	("status", "line", "sentence"),
	[
		("Approved", "✅ Approved by *Bea Boss*", "Your leave request was *approved* by *Bea Boss*."),
		("Rejected", "❌ Rejected by *Bea Boss*", "Your leave request was *rejected* by *Bea Boss*."),
	],
)
def test_desk_decision_rewrites_the_dm_and_tells_the_requester(world, app, status, line, sentence):
	name, channel, ts = filed(world, app)
	decide_in_desk(name, status)
	# The desk request itself calls Slack for nothing: its events only enqueue.
	assert app.slack.calls_to("chat.update") == [] and len(world.dms_to(JANE)) == 1
	app.site.run_jobs()
	[update] = updates_of(app, channel, ts)
	assert section_text(update.args).endswith(line)
	assert not has_buttons(update.args)
	_confirmation, told = world.dms_to(JANE)
	assert sentence in section_text(told.args)
	assert app.error_titles() == []


def test_a_rolled_back_decision_reaches_nobody(world, app):
	name, _channel, _ts = filed(world, app)
	frappe.set_user(BOSS_EMAIL)
	doc = frappe.get_doc("Leave Application", name)
	doc.status = "Approved"
	doc.save()
	doc.submit()
	frappe.set_user("Guest")
	frappe.db.rollback()
	app.site.run_jobs()
	assert app.slack.calls_to("chat.update") == [] and len(world.dms_to(JANE)) == 1
	assert world.doc(name).docstatus == 0


def test_hr_cancels_an_approved_leave(world, app):
	name, channel, ts = filed(world, app)
	decide_in_desk(name, "Approved")
	app.site.run_jobs()
	as_user(HR_EMAIL, lambda: frappe.get_doc("Leave Application", name).cancel())
	app.site.run_jobs()
	first, last = updates_of(app, channel, ts)
	assert section_text(first.args).endswith("Approved by *Bea Boss*")
	assert section_text(last.args).endswith("🚫 Cancelled by *Hal HR*")
	*_, told = world.dms_to(JANE)
	assert "Your leave request was *cancelled* by *Hal HR*." in section_text(told.args)
	assert app.slack.messages[(channel, ts)]["blocks"] == last.args["blocks"]
	assert app.error_titles() == []


def test_the_requester_is_not_told_what_she_did_herself(world, app):
	as_user("Administrator", lambda: frappe.get_doc("User", JANE_EMAIL).add_roles("HR Manager"))
	name, channel, ts = filed(world, app)
	decide_in_desk(name, "Approved")
	app.site.run_jobs()
	told_before = len(world.dms_to(JANE))
	as_user(JANE_EMAIL, lambda: frappe.get_doc("Leave Application", name).cancel())
	app.site.run_jobs()
	assert section_text(updates_of(app, channel, ts)[-1].args).endswith("Cancelled by *Jane Doe*")
	assert len(world.dms_to(JANE)) == told_before


# ---------------------------------------------------------------------- deleted


def test_deleting_an_open_leave_rewrites_the_dm_and_cleans_up(world, app):
	name, channel, ts = filed(world, app)
	as_user(HR_EMAIL, lambda: frappe.delete_doc("Leave Application", name))
	assert not frappe.db.exists("Leave Application", name)
	assert records(name) == []  # gone with the document
	app.site.run_jobs()
	[update] = updates_of(app, channel, ts)
	assert section_text(update.args).endswith("🗑️ Deleted by *Hal HR*")
	assert not has_buttons(update.args)
	*_, told = world.dms_to(JANE)
	assert "Your leave request was *deleted* by *Hal HR*." in section_text(told.args)
	assert app.error_titles() == []


def test_a_failed_delete_keeps_the_records_and_sends_nothing(world, app, monkeypatch):
	name, _channel, _ts = filed(world, app)

	def refuse(self):
		frappe.throw("Linked with an Attendance")

	monkeypatch.setattr(LeaveApplication, "after_delete", refuse, raising=False)
	frappe.set_user(HR_EMAIL)
	with pytest.raises(frappe.ValidationError):
		frappe.delete_doc("Leave Application", name)
	frappe.set_user("Guest")
	frappe.db.rollback()
	app.site.run_jobs()
	assert len(records(name)) == 2
	assert app.slack.calls_to("chat.update") == []


def test_without_ignore_links_on_delete_a_record_would_block_deleting(world, app, monkeypatch):
	"""Why hooks.py lists Slack Message in `ignore_links_on_delete`: like v15's delete_doc, the
	double refuses to delete a document a record still points at through a Dynamic Link."""
	name, _channel, _ts = filed(world, app)
	monkeypatch.setattr(leave_jobs, "owe_outcome_of_delete", lambda doc: None)  # records stay
	real_get_hooks = frappe.get_hooks
	monkeypatch.setattr(
		frappe,
		"get_hooks",
		lambda hook=None, *a, **kw: (
			[] if hook == "ignore_links_on_delete" else real_get_hooks(hook, *a, **kw)
		),
	)
	frappe.set_user(HR_EMAIL)
	with pytest.raises(frappe.LinkExistsError):
		frappe.delete_doc("Leave Application", name)
	frappe.set_user("Guest")
	frappe.db.rollback()
	monkeypatch.setattr(frappe, "get_hooks", real_get_hooks)
	as_user(HR_EMAIL, lambda: frappe.delete_doc("Leave Application", name))  # the hook lets it go
	assert not frappe.db.exists("Leave Application", name)


# ---------------------------------------------------------------------- another approver


def test_changing_the_approver_hands_the_request_over(world, app):
	name, channel, ts = filed(world, app)

	def reassign():
		doc = frappe.get_doc("Leave Application", name)
		doc.leave_approver = CLEO_EMAIL
		doc.save()

	as_user(HR_EMAIL, reassign)
	assert app.slack.calls_to("chat.update") == []
	app.site.run_jobs()
	[update] = updates_of(app, channel, ts)
	assert section_text(update.args).endswith("↪️ Reassigned to *Cleo Chief* by *Hal HR*")
	assert not has_buttons(update.args)
	[request] = world.dms_to(CLEO)
	assert has_buttons(request.args)
	*_, told = world.dms_to(JANE)
	assert "reassigned to *Cleo Chief* by *Hal HR*" in section_text(told.args)
	old, _confirmation, new = records(name)
	assert (old.recipient, old.superseded) == (BOSS_EMAIL, 1)
	assert (new.recipient, new.superseded, new.ts) == (CLEO_EMAIL, 0, request.response["ts"])

	# Cleo decides: only her request is rewritten; Bea's keeps saying where it went.
	decide_in_desk(name, "Approved", user=CLEO_EMAIL)
	app.site.run_jobs()
	assert len(updates_of(app, channel, ts)) == 1
	[decided] = updates_of(app, request.response["channel"], request.response["ts"])
	assert section_text(decided.args).endswith("Approved by *Cleo Chief*")
	assert app.error_titles() == []


def test_saving_without_changing_the_approver_sends_nothing(world, app):
	name, _channel, _ts = filed(world, app)
	posts = len(app.slack.calls_to("chat.postMessage"))

	def touch():
		doc = frappe.get_doc("Leave Application", name)
		doc.description = "Dentist, then lunch"
		doc.save()

	as_user(HR_EMAIL, touch)
	app.site.run_jobs()
	assert len(app.slack.calls_to("chat.postMessage")) == posts
	assert app.slack.calls_to("chat.update") == []


# ---------------------------------------------------------------------- decided from Slack


def test_a_click_on_a_message_sent_before_records_existed_is_remembered_and_rewritten(world, app):
	"""A DM the app posted before it kept Slack Message records: the click names its channel and
	ts, the decision rewrites it like any other."""
	world.link(BOSS_EMAIL, BOSS)
	name = world.leave()
	frappe.db.delete("Slack Message", {"reference_name": name})
	frappe.db.commit()
	app.slack.add_message("D0BOSS0001", "1690000000.000200", text="old request")
	world.click(name, channel="D0BOSS0001", ts="1690000000.000200")
	app.site.run_jobs()
	[update] = updates_of(app, "D0BOSS0001", "1690000000.000200")
	assert section_text(update.args).endswith("Approved by *Bea Boss*")
	assert any(r.ts == "1690000000.000200" for r in records(name))


def test_requester_without_slack_is_an_error_log(world, app):
	name, _channel, _ts = filed(world, app)
	frappe.db.delete("Slack User Meta", {"user": JANE_EMAIL})
	frappe.db.commit()
	app.slack.fail_next("users.lookupByEmail", "users_not_found")  # Jane left the workspace
	decide_in_desk(name, "Rejected")
	app.site.run_jobs()
	assert app.error_titles() == ["Leave update not sent: requester has no Slack account"]
	assert app.site.error_logs()[0]["reference_name"] == name


def test_outcomes_are_in_the_readers_language(world, app):
	app.site.set_user_language(BOSS_EMAIL, "de")
	app.site.set_user_language(JANE_EMAIL, "de")
	frappe.db.commit()
	name, channel, ts = filed(world, app)
	as_user(HR_EMAIL, lambda: frappe.delete_doc("Leave Application", name))
	app.site.run_jobs()
	[update] = updates_of(app, channel, ts)
	assert section_text(update.args).endswith("Gelöscht von *Hal HR*")
	*_, told = world.dms_to(JANE)
	assert "Ihr Urlaubsantrag wurde von *Hal HR* *gelöscht*." in section_text(told.args)

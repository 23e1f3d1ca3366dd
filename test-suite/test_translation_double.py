"""The Frappe double translates like Frappe v15 (frappe/translate.py, frappe/__init__.py `_`):
CSV files of the installed apps, the reader's language, and how requests and jobs get theirs."""

from __future__ import annotations

import json

import frappe
import pytest
from frappe import translate

from frappe_slack_connector.tests.support.dispatch import build_request, dispatch

HRMS_REFUSAL = "Insufficient leave balance for Leave Type {0}"
HRMS_GERMAN = "Nicht genügend Guthaben für die Abwesenheitsart {0}"  # the hrms double's translations/de.csv


def test_english_is_the_message_itself(site):
	assert frappe.local.lang == "en"
	assert frappe._(HRMS_REFUSAL) == HRMS_REFUSAL
	assert translate.get_all_translations("en") == {}


def test_an_installed_apps_csv_translates_in_the_language_asked_for(site):
	assert frappe._(HRMS_REFUSAL, lang="de") == HRMS_GERMAN
	assert frappe._(HRMS_REFUSAL) == HRMS_REFUSAL  # frappe.local.lang is still "en"
	frappe.local.lang = "de"
	assert frappe._(HRMS_REFUSAL) == HRMS_GERMAN
	assert frappe._("No such message") == "No such message"


def test_lookup_strips_html_and_whitespace_but_an_untranslated_message_comes_back_as_given(site):
	assert frappe._("  Warning ", lang="de") == "Warnung"
	assert frappe._("<b>Warning</b>", lang="de") == "Warnung"
	# "Unknown" is one of the app's words now (Slack Delivery status): a word nobody translates.
	assert frappe._("<b>Not a catalogued word</b>", lang="de") == "<b>Not a catalogued word</b>"


def test_a_dialect_falls_back_to_its_parent_language(site):
	assert translate.get_parent_language("de-CH") == "de"
	assert translate.get_parent_language("de_CH") == "de"
	assert translate.get_parent_language("de") is None
	assert frappe._("Warning", lang="de-CH") == "Warnung"


def test_lazy_translation_translates_when_used(site):
	lazy = frappe._lt("Warning")
	frappe.local.lang = "de"
	assert str(lazy) == "Warnung" and lazy == "Warnung"


def test_csv_rows_follow_v15_columns_and_context(tmp_path, site):
	path = tmp_path / "de.csv"
	path.write_text('Open,Offen\nOpen,Geöffnet,Door\n"A, b"," C, d ",\n\n', encoding="utf-8")
	assert translate.get_translation_dict_from_file(str(path), "de", "app") == {
		"Open": "Offen",
		"Open:Door": "Geöffnet",
		"A, b": "C, d",
	}


@pytest.mark.parametrize("row", ["Lonely", "a,b,c,d"])
def test_a_row_of_the_wrong_width_is_an_error(tmp_path, site, row):
	# v15 logs "Error in translation file" and drops the row; the double refuses the file.
	path = tmp_path / "de.csv"
	path.write_text(f"Open,Offen\n{row}\n", encoding="utf-8")
	with pytest.raises(translate.TranslationFileError, match="Bad translation in 'app' for language 'de'"):
		translate.get_translation_dict_from_file(str(path), "de", "app")


def test_the_user_language_then_the_system_language_then_english(site):
	site.make_user("anna@example.com", full_name="Anna")
	assert translate.get_user_lang("anna@example.com") == "en"
	site.set_system_language("fr")
	assert frappe.db.get_default("lang") == "fr"
	assert translate.get_user_lang("anna@example.com") == "fr"
	site.set_user_language("anna@example.com", "de")
	assert translate.get_user_lang("anna@example.com") == "de"
	frappe.set_user_lang("anna@example.com")
	assert frappe.local.lang == "de"


@frappe.whitelist(allow_guest=True)
def probe():
	return frappe.local.lang


def _lang_seen_by(user="Guest", headers=None, query=None):
	response = dispatch(
		build_request(f"/api/method/{__name__}.probe", data=b"", headers=headers, query_string=query),
		user=user,
	)
	return json.loads(response.get_data(as_text=True))["message"]


def test_a_guest_request_gets_the_system_language(site):
	assert _lang_seen_by() == "en"
	site.set_system_language("de")
	assert _lang_seen_by() == "de"


def test_a_guest_request_gets_an_enabled_accept_language(site):
	assert _lang_seen_by(headers={"Accept-Language": "de-CH,de;q=0.9"}) == "de"
	assert _lang_seen_by(headers={"Accept-Language": "xx"}) == "en"
	assert _lang_seen_by(query="_lang=fr") == "fr"


def test_a_logged_in_request_gets_the_users_language(site):
	site.make_user("anna@example.com", full_name="Anna")
	site.set_user_language("anna@example.com", "de")
	assert _lang_seen_by(user="anna@example.com", headers={"Accept-Language": "fr"}) == "de"


def test_a_job_runs_in_the_site_config_language_not_its_users(site):
	site.make_user("anna@example.com", full_name="Anna")
	site.set_user_language("anna@example.com", "de")
	site.set_system_language("de")
	seen = {}

	def job():
		seen["lang"] = frappe.local.lang

	frappe.set_user("anna@example.com")
	frappe.enqueue(job)
	frappe.local.lang = "fr"
	site.run_jobs(raise_exceptions=True)
	assert seen["lang"] == "en"
	assert frappe.local.lang == "fr"  # the caller's language is back
	site.set_conf(lang="de")
	frappe.enqueue(job)
	site.run_jobs(raise_exceptions=True)
	assert seen["lang"] == "de"

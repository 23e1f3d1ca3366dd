"""The Slack mock's side of a person's Slack, through slack_sdk's WebClient: user tokens (OAuth with
user scopes, each token its own scopes, revocation), custom status (users.profile.get/set with
status_expiration), Do Not Disturb snoozes, all on the mock's clock, and their rate limits."""

import json

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from frappe_slack_connector.tests.support.slack_mock import SLACK_RATE_LIMITS, RateLimit

CONSENT_SCOPES = ("users.profile:read", "users.profile:write", "dnd:write")
MONDAY_9AM = 1_765_184_400  # 2025-12-08 09:00 UTC
DAY = 86_400
REDIRECT_URI = "https://erp.example/api/method/consent"


@pytest.fixture
def bot(slack_mock):
	return WebClient(token=slack_mock.bot_token, base_url=slack_mock.url, retry_handlers=[])


@pytest.fixture
def jane(slack_mock):
	"""Jane (U1) gave her consent: a user token with the scopes the feature asks for."""
	slack_mock.add_user(id="U1", email="jane@example.com", name="jane")
	slack_mock.add_user(id="U2", email="raj@example.com", name="raj")
	slack_mock.freeze_clock(at=MONDAY_9AM)
	return person(slack_mock, slack_mock.grant_user_token("U1", CONSENT_SCOPES))


def person(slack_mock, token):
	return WebClient(token=token, base_url=slack_mock.url, retry_handlers=[])


def error_of(call):
	with pytest.raises(SlackApiError) as info:
		call()
	return info.value.response


def status(text, emoji, expiration=None):
	profile = {"status_text": text, "status_emoji": emoji}
	if expiration is not None:
		profile["status_expiration"] = expiration
	return profile


# ---------------------------------------------------------------- OAuth and tokens


def test_oauth_with_user_scopes_answers_an_authed_user_token_beside_the_bot_token(slack_mock):
	slack_mock.add_user(id="U1", name="jane")
	token = slack_mock.add_oauth_code(
		"c1", redirect_uri=REDIRECT_URI, user_id="U1", user_scopes=CONSENT_SCOPES
	)
	assert token.startswith("xoxp-")
	assert error_of(person(slack_mock, token).auth_test)["error"] == "invalid_auth"  # not exchanged yet
	anonymous = WebClient(base_url=slack_mock.url, retry_handlers=[])
	credentials = {"client_id": slack_mock.client_id, "client_secret": slack_mock.client_secret}
	answer = anonymous.oauth_v2_access(code="c1", redirect_uri=REDIRECT_URI, **credentials)
	assert answer["access_token"] == slack_mock.bot_token and answer["token_type"] == "bot"
	assert answer["authed_user"] == {
		"id": "U1",
		"scope": "users.profile:read,users.profile:write,dnd:write",
		"access_token": token,
		"token_type": "user",
	}
	assert slack_mock.live_user_tokens("U1") == [token]
	me = person(slack_mock, token).auth_test()
	assert me["user_id"] == "U1" and me["user"] == "jane" and me["team_id"] == slack_mock.team_id
	assert "bot_id" not in me.data
	assert error_of(lambda: anonymous.oauth_v2_access(code="c1", **credentials))["error"] == "invalid_code"


def test_oauth_asking_for_user_scopes_only_has_no_bot_token(slack_mock):
	slack_mock.add_user(id="U1")
	token = slack_mock.add_oauth_code("c1", user_id="U1", user_scopes=["dnd:write"], bot_scopes=())
	answer = WebClient(base_url=slack_mock.url).oauth_v2_access(
		code="c1", client_id=slack_mock.client_id, client_secret=slack_mock.client_secret
	)
	assert "access_token" not in answer.data and "bot_user_id" not in answer.data
	assert answer["authed_user"]["access_token"] == token and answer["team"]["id"] == slack_mock.team_id
	# The bot install of before keeps its answer: the installer's id, no user token.
	slack_mock.add_oauth_code("c2")
	install = WebClient(base_url=slack_mock.url).oauth_v2_access(
		code="c2", client_id=slack_mock.client_id, client_secret=slack_mock.client_secret
	)
	assert install["authed_user"] == {"id": "U0INSTALLER"}
	assert install["scope"] == "chat:write,commands,users:read,users:read.email"


def test_a_user_token_belongs_to_a_member(slack_mock):
	with pytest.raises(ValueError, match="add_user"):
		slack_mock.grant_user_token("U9", CONSENT_SCOPES)
	with pytest.raises(ValueError, match="add_user"):
		slack_mock.add_oauth_code("c1", user_id="U9", user_scopes=CONSENT_SCOPES)
	with pytest.raises(ValueError, match="scopes"):
		slack_mock.add_oauth_code("c1", bot_scopes=())


def test_the_wrong_token_type_is_not_allowed(slack_mock, bot, jane):
	for call in (
		lambda: bot.users_profile_set(profile=status("Away", ":palm_tree:")),
		lambda: bot.dnd_setSnooze(num_minutes=60),
		bot.dnd_endSnooze,
		lambda: jane.apps_connections_open(app_token=slack_mock.live_user_tokens("U1")[0]),
		lambda: WebClient(token=slack_mock.app_token, base_url=slack_mock.url).chat_postMessage(
			channel="C1", text="x"
		),
	):
		assert error_of(call)["error"] == "not_allowed_token_type"
	assert slack_mock.status_of("U1")["status_text"] == ""


def test_each_token_has_its_own_scopes(slack_mock, bot, jane):
	reader = person(slack_mock, slack_mock.grant_user_token("U2", ["users.profile:read"]))
	missing = error_of(lambda: reader.users_profile_set(profile=status("Away", ":palm_tree:")))
	assert missing["error"] == "missing_scope"
	assert missing["needed"] == "users.profile:write" and missing["provided"] == "users.profile:read"
	assert error_of(lambda: reader.dnd_setSnooze(num_minutes=5))["needed"] == "dnd:write"
	assert reader.users_profile_get()["profile"]["status_text"] == ""
	# Jane's consent holds no chat:write: her token never posts as her.
	assert error_of(lambda: jane.chat_postMessage(channel="C1", text="x"))["needed"] == "chat:write"
	assert error_of(jane.dnd_info)["needed"] == "dnd:read"
	# The bot token's own grant.
	assert bot.dnd_info(user="U1")["ok"]
	slack_mock.revoke_scopes("dnd:read")
	assert error_of(lambda: bot.dnd_info(user="U1"))["needed"] == "dnd:read"
	assert bot.users_profile_get(user="U1")["ok"]


# ---------------------------------------------------------------- revocation


def test_auth_revoke_stops_the_token_and_test_mode_does_not(slack_mock, bot, jane):
	raj_token = slack_mock.grant_user_token("U2", CONSENT_SCOPES)
	assert jane.auth_revoke(test=True)["revoked"] is False
	assert jane.users_profile_get()["ok"]
	assert jane.auth_revoke()["revoked"] is True
	for call in (jane.auth_test, jane.users_profile_get, lambda: jane.dnd_setSnooze(num_minutes=5)):
		assert error_of(call)["error"] == "token_revoked"
	assert slack_mock.live_user_tokens("U1") == []
	assert person(slack_mock, raj_token).auth_test()["user_id"] == "U2"  # only that token
	assert bot.auth_test()["user_id"] == slack_mock.bot_user_id


def test_a_token_revoked_in_slack_or_of_a_member_who_left_stops(slack_mock, bot, jane):
	raj_token = slack_mock.grant_user_token("U2", CONSENT_SCOPES)
	slack_mock.revoke_token(raj_token)  # Raj removed the app from his account
	assert error_of(person(slack_mock, raj_token).users_profile_get)["error"] == "token_revoked"
	slack_mock.remove_user("U1")
	assert error_of(jane.auth_test)["error"] == "token_revoked"
	slack_mock.revoke_token(slack_mock.bot_token)
	assert error_of(bot.auth_test)["error"] == "token_revoked"


# ---------------------------------------------------------------- status


def test_a_status_set_with_an_expiration_reads_as_cleared_once_it_passed(slack_mock, bot, jane):
	until = MONDAY_9AM + 4 * DAY
	answer = jane.users_profile_set(profile=status("On leave until Fri 12 Dec", ":palm_tree:", until))
	assert answer["username"] == "jane"
	assert answer["profile"]["status_text"] == "On leave until Fri 12 Dec"
	call = slack_mock.last_call("users.profile.set")
	assert call.encoding == "json" and call.args["profile"]["status_expiration"] == until
	shown = {
		"status_text": "On leave until Fri 12 Dec",
		"status_emoji": ":palm_tree:",
		"status_expiration": until,
	}
	assert slack_mock.status_of("U1") == shown
	assert {k: jane.users_profile_get()["profile"][k] for k in shown} == shown
	assert bot.users_info(user="U1")["user"]["profile"]["status_emoji"] == ":palm_tree:"
	slack_mock.advance_clock(4 * DAY - 1)
	assert slack_mock.status_of("U1")["status_text"] == "On leave until Fri 12 Dec"
	slack_mock.advance_clock(1)
	cleared = {"status_text": "", "status_emoji": "", "status_expiration": 0}
	assert slack_mock.status_of("U1") == cleared
	assert {k: bot.users_profile_get(user="U1")["profile"][k] for k in cleared} == cleared
	assert slack_mock.status_of("U2") == cleared  # nobody else's


def test_a_status_without_expiration_stays_and_both_empty_clear_it(slack_mock, jane):
	jane.users_profile_set(profile=status("In Berlin", ":de:"))
	slack_mock.advance_clock(365 * DAY)
	assert slack_mock.status_of("U1") == {
		"status_text": "In Berlin",
		"status_emoji": ":de:",
		"status_expiration": 0,
	}
	jane.users_profile_set(profile=status("", ""))
	assert slack_mock.status_of("U1") == {"status_text": "", "status_emoji": "", "status_expiration": 0}


def test_status_text_is_at_most_100_characters(slack_mock, jane):
	assert jane.users_profile_set(profile=status("x" * 100, ":palm_tree:"))["ok"]
	assert (
		error_of(lambda: jane.users_profile_set(profile=status("x" * 101, ":palm_tree:")))["error"]
		== "too_long"
	)
	assert slack_mock.status_of("U1")["status_text"] == "x" * 100


@pytest.mark.parametrize("emoji", ["🌴", "palm_tree", ":palm tree:", ":palm_tree", "::"])
def test_status_emoji_must_be_an_emoji_name_in_colons(slack_mock, jane, emoji):
	resp = error_of(lambda: jane.users_profile_set(profile=status("Away", emoji)))
	assert resp["error"] == "profile_status_set_failed_not_emoji_syntax"
	assert slack_mock.status_of("U1")["status_text"] == ""


def test_emoji_forms_slack_accepts_and_its_default(slack_mock, jane):
	for emoji in (":+1:", ":palm_tree::skin-tone-3:", ":e-mail:"):
		assert jane.users_profile_set(profile=status("Away", emoji))["profile"]["status_emoji"] == emoji
	jane.users_profile_set(profile=status("Busy", ""))
	assert slack_mock.status_of("U1")["status_emoji"] == ":speech_balloon:"


def test_clearing_only_the_text_is_refused(slack_mock, jane):
	jane.users_profile_set(profile=status("Away", ":palm_tree:"))
	resp = error_of(lambda: jane.users_profile_set(profile={"status_text": ""}))
	assert resp["error"] == "must_clear_both_status_text_and_status_emoji"
	assert slack_mock.status_of("U1")["status_text"] == "Away"


@pytest.mark.parametrize("expiration", ["soon", -1, 1.5, True, None])
def test_status_expiration_is_epoch_seconds(slack_mock, jane, expiration):
	resp = error_of(
		lambda: jane.users_profile_set(
			profile={**status("Away", ":palm_tree:"), "status_expiration": expiration}
		)
	)
	assert resp["error"] == "invalid_profile"


def test_profile_as_a_form_field_and_as_a_name_value_pair(slack_mock, jane):
	profile = json.dumps(status("Form", ":memo:", MONDAY_9AM + 60))
	assert jane.api_call("users.profile.set", data={"profile": profile})["ok"]
	assert slack_mock.status_of("U1")["status_expiration"] == MONDAY_9AM + 60
	assert jane.api_call("users.profile.set", data={"name": "status_text", "value": "Pair"})["ok"]
	assert slack_mock.status_of("U1") == {
		"status_text": "Pair",
		"status_emoji": ":memo:",
		"status_expiration": 0,
	}
	for data in ({"profile": "{not json"}, {"profile": "[1]"}, {}):
		assert (
			error_of(lambda data=data: jane.api_call("users.profile.set", data=data))["error"]
			== "invalid_profile"
		)


def test_only_an_admin_changes_another_persons_profile_or_an_email(slack_mock, jane):
	assert error_of(lambda: jane.users_profile_set(user="U2", profile=status("Away", ":palm_tree:")))[
		"error"
	] == ("not_admin")
	assert (
		error_of(lambda: jane.users_profile_set(profile={"email": "x@example.com"}))["error"] == "not_admin"
	)
	assert jane.users_profile_set(user="U1", profile=status("Away", ":palm_tree:"))["ok"]
	assert slack_mock.status_of("U2")["status_text"] == ""


def test_profile_get_reads_the_token_owner_or_the_named_member(slack_mock, bot, jane):
	slack_mock.person_sets_status("U2", "Lunch", ":taco:")
	assert jane.users_profile_get()["profile"]["status_text"] == ""
	assert jane.users_profile_get(user="U2")["profile"]["status_emoji"] == ":taco:"
	assert bot.users_profile_get(user="U2")["profile"]["status_text"] == "Lunch"
	assert error_of(bot.users_profile_get)["error"] == "user_not_found"  # a bot user has no profile
	assert error_of(lambda: jane.users_profile_get(user="U9"))["error"] == "user_not_found"


def test_a_status_the_person_sets_themselves(slack_mock, jane):
	jane.users_profile_set(profile=status("On leave", ":palm_tree:", MONDAY_9AM + DAY))
	slack_mock.person_sets_status("U1", "Back early", ":wave:")
	assert jane.users_profile_get()["profile"]["status_text"] == "Back early"
	slack_mock.advance_clock(2 * DAY)
	assert slack_mock.status_of("U1")["status_text"] == "Back early"  # theirs has no expiration
	with pytest.raises(ValueError, match="not_emoji_syntax"):
		slack_mock.person_sets_status("U1", "Away", "🌴")
	assert len(slack_mock.calls_to("users.profile.set")) == 1  # the person's own changes are no calls


# ---------------------------------------------------------------- Do Not Disturb


def test_a_snooze_ends_on_the_mock_clock(slack_mock, bot, jane):
	dnd = person(slack_mock, slack_mock.grant_user_token("U1", ["dnd:write", "dnd:read"]))
	answer = jane.dnd_setSnooze(num_minutes=90)
	assert answer["snooze_enabled"] is True and answer["snooze_is_indefinite"] is False
	assert answer["snooze_endtime"] == MONDAY_9AM + 90 * 60 and answer["snooze_remaining"] == 90 * 60
	assert slack_mock.snooze_of("U1") == MONDAY_9AM + 90 * 60
	slack_mock.advance_clock(30 * 60)
	info = dnd.dnd_info()
	assert info["snooze_enabled"] is True and info["snooze_remaining"] == 60 * 60
	assert info["dnd_enabled"] is False and info["next_dnd_start_ts"] == 1
	assert bot.dnd_info(user="U1")["snooze_endtime"] == MONDAY_9AM + 90 * 60
	slack_mock.advance_clock(60 * 60)
	assert slack_mock.snooze_of("U1") is None
	over = bot.dnd_info(user="U1")
	assert over["snooze_enabled"] is False and "snooze_endtime" not in over.data
	assert error_of(jane.dnd_endSnooze)["error"] == "snooze_not_active"


def test_set_snooze_again_changes_its_length_and_end_snooze_ends_it(slack_mock, jane):
	jane.dnd_setSnooze(num_minutes=60)
	jane.dnd_setSnooze(num_minutes=14 * 24 * 60)  # a two-week leave
	assert slack_mock.snooze_of("U1") == MONDAY_9AM + 14 * DAY
	ended = jane.dnd_endSnooze()
	assert ended["snooze_enabled"] is False and ended["dnd_enabled"] is False
	assert slack_mock.snooze_of("U1") is None
	assert error_of(jane.dnd_endSnooze)["error"] == "snooze_not_active"


def test_set_snooze_needs_a_whole_number_of_minutes(slack_mock, jane):
	assert error_of(lambda: jane.api_call("dnd.setSnooze", params={}))["error"] == "missing_duration"
	for minutes in ("soon", 0, -5, "1.5"):
		assert error_of(lambda m=minutes: jane.dnd_setSnooze(num_minutes=m))["error"] == "invalid_arguments"
	assert slack_mock.snooze_of("U1") is None


def test_dnd_info_of_someone_else_and_of_nobody(slack_mock, bot):
	slack_mock.add_user(id="U3")
	slack_mock.freeze_clock(at=MONDAY_9AM)
	slack_mock.person_snoozes("U3", 15)
	assert bot.dnd_info(user="U3")["snooze_endtime"] == MONDAY_9AM + 15 * 60
	assert error_of(lambda: bot.dnd_info(user="U9"))["error"] == "user_not_found"


# ---------------------------------------------------------------- clock and rate limits


def test_freeze_clock_at_a_moment(slack_mock):
	slack_mock.freeze_clock(at=MONDAY_9AM)
	assert slack_mock.now() == MONDAY_9AM
	slack_mock.advance_clock(61)
	assert slack_mock.now() == MONDAY_9AM + 61
	slack_mock.freeze_clock(at=MONDAY_9AM)  # a new moment, what was advanced before is gone
	assert slack_mock.now() == MONDAY_9AM


def test_slack_tiers_for_status_and_dnd(slack_mock, jane):
	assert SLACK_RATE_LIMITS["users.profile.set"] == RateLimit(per_second=50 / 60, burst=50)  # Tier 3
	assert SLACK_RATE_LIMITS["users.profile.get"] == RateLimit(per_second=100 / 60, burst=100)  # Tier 4
	assert SLACK_RATE_LIMITS["dnd.setSnooze"] == RateLimit(per_second=20 / 60, burst=20)  # Tier 2
	assert SLACK_RATE_LIMITS["dnd.endSnooze"] == RateLimit(per_second=20 / 60, burst=20)  # Tier 2
	assert SLACK_RATE_LIMITS["dnd.info"] == RateLimit(per_second=50 / 60, burst=50)  # Tier 3
	assert SLACK_RATE_LIMITS["auth.revoke"] == RateLimit(per_second=50 / 60, burst=50)  # Tier 3
	slack_mock.enforce_rate_limits()
	raj = person(slack_mock, slack_mock.grant_user_token("U2", CONSENT_SCOPES))
	# Per method per app per workspace: every person's token draws from the same bucket.
	for n in range(50):
		assert (jane if n % 2 else raj).users_profile_set(profile=status(f"s{n}", ":memo:"))["ok"]
	resp = error_of(lambda: jane.users_profile_set(profile=status("over", ":memo:")))
	assert resp.status_code == 429 and resp["error"] == "ratelimited" and resp.headers["Retry-After"] == "2"
	assert slack_mock.status_of("U1")["status_text"] == "s49"  # the 429 changed nothing
	for _ in range(20):
		assert jane.dnd_setSnooze(num_minutes=5)["ok"]
	assert error_of(lambda: raj.dnd_setSnooze(num_minutes=5)).headers["Retry-After"] == "3"
	slack_mock.advance_clock(3)
	assert raj.dnd_setSnooze(num_minutes=5)["ok"]


def test_reset_forgets_tokens_statuses_and_snoozes(slack_mock, jane):
	token = slack_mock.live_user_tokens("U1")[0]
	jane.users_profile_set(profile=status("Away", ":palm_tree:"))
	jane.dnd_setSnooze(num_minutes=60)
	slack_mock.revoke_token(slack_mock.bot_token)
	slack_mock.reset()
	slack_mock.add_user(id="U1")
	assert slack_mock.status_of("U1")["status_text"] == "" and slack_mock.snooze_of("U1") is None
	assert error_of(person(slack_mock, token).auth_test)["error"] == "invalid_auth"
	assert WebClient(token=slack_mock.bot_token, base_url=slack_mock.url).auth_test()["ok"]

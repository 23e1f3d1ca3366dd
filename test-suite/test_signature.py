"""The Rust verifier through the Python API, cross-checked against slack_sdk's verifier."""

from __future__ import annotations

import random
import string
import time

import pytest
from slack_sdk.signature import Clock, SignatureVerifier

from frappe_slack_connector import core
from frappe_slack_connector.tests.support.slack_requests import sign

# Slack's documented example (also in slack_sdk's own signature tests).
SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
TIMESTAMP = "1531420618"
BODY = (
	b"token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
	b"&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
	b"&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
	b"&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
)
SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
NOW = int(TIMESTAMP)


class FixedClock(Clock):
	def __init__(self, now: int):
		self._now = now

	def now(self) -> float:
		return float(self._now)


def reason_of(**overrides) -> str | None:
	args = {
		"signing_secret": SECRET,
		"timestamp": TIMESTAMP,
		"signature": SIGNATURE,
		"body": BODY,
		"now": NOW,
	}
	args.update(overrides)
	try:
		core.verify_request(
			args.pop("signing_secret"), args.pop("timestamp"), args.pop("signature"), args.pop("body"), **args
		)
	except core.SignatureError as err:
		return err.reason
	return None


def test_documented_example_verifies_and_signs():
	assert reason_of() is None
	# The harness signs with Python's hmac: an oracle independent of the Rust verifier.
	assert sign(BODY, secret=SECRET, timestamp=TIMESTAMP) == SIGNATURE
	assert reason_of(signature=sign(BODY, secret=SECRET, timestamp=TIMESTAMP)) is None


def test_signing_is_not_part_of_the_native_module():
	assert not hasattr(core, "sign_request")


@pytest.mark.parametrize(
	("overrides", "reason"),
	[
		({"signing_secret": ""}, "no_secret"),
		({"signing_secret": "  "}, "no_secret"),
		({"timestamp": None}, "missing_header"),
		({"signature": None}, "missing_header"),
		({"timestamp": "soon"}, "malformed_timestamp"),
		({"timestamp": "-1"}, "malformed_timestamp"),
		({"now": NOW + 301}, "stale_timestamp"),
		({"now": NOW - 301}, "stale_timestamp"),
		({"now": NOW + 3000, "tolerance": 10}, "stale_timestamp"),
		({"signature": "v0=abc"}, "malformed_signature"),
		({"signature": SIGNATURE.upper()}, "malformed_signature"),
		({"signature": "v1=" + SIGNATURE[3:]}, "malformed_signature"),
		({"body": BODY + b"&x=1"}, "bad_signature"),
		({"signing_secret": SECRET + "x"}, "bad_signature"),
		({"timestamp": str(NOW + 1)}, "bad_signature"),
	],
)
def test_each_reason_code(overrides, reason):
	assert reason_of(**overrides) == reason


def test_window_edges_are_inclusive():
	assert reason_of(now=NOW + 300) is None
	assert reason_of(now=NOW - 300) is None


def test_error_is_a_value_error_and_never_shows_the_secret():
	with pytest.raises(ValueError) as info:
		core.verify_request(SECRET, TIMESTAMP, SIGNATURE, BODY + b"x", now=NOW)
	assert isinstance(info.value, core.SignatureError)
	assert SECRET not in str(info.value) and "xyzz0" not in str(info.value)


def test_non_utf8_empty_and_large_bodies():
	for body in (b"", b"\xff\xfe\x00\x80", bytes(range(256)) * 4096):
		sig = sign(body, secret=SECRET, timestamp=TIMESTAMP)
		assert reason_of(body=body, signature=sig) is None
		assert reason_of(body=body + b"!", signature=sig) == "bad_signature"


def test_uses_the_current_time_by_default():
	ts = str(int(time.time()))
	assert core.verify_request(SECRET, ts, sign(BODY, secret=SECRET, timestamp=ts), BODY) is None
	with pytest.raises(core.SignatureError) as info:
		core.verify_request(SECRET, TIMESTAMP, SIGNATURE, BODY)
	assert info.value.reason == "stale_timestamp"


def _mutations(rng: random.Random, secret: str, timestamp: str, body: bytes, now: int):
	"""(secret, timestamp, signature, body, now) variants, valid and not."""
	good = sign(body, secret=secret, timestamp=timestamp)
	flipped = good[:-1] + ("0" if good[-1] != "0" else "1")
	yield secret, timestamp, good, body, now
	yield secret, timestamp, flipped, body, now
	yield secret + rng.choice(string.ascii_letters), timestamp, good, body, now
	yield secret, timestamp, good, body + b" ", now
	yield secret, timestamp, good, body, now + rng.choice([-1, 1]) * rng.randint(290, 310)
	yield secret, str(int(timestamp) + 1), good, body, now


def test_agrees_with_slack_sdk_on_generated_cases():
	rng = random.Random(20261130)
	alphabet = string.ascii_letters + string.digits + "&=%+-_.~ é"
	cases = 0
	valid = 0
	while cases < 1200:
		secret = "".join(rng.choices(string.ascii_letters + string.digits, k=rng.randint(8, 64)))
		body = "".join(rng.choices(alphabet, k=rng.randint(0, 2048))).encode()
		now = rng.randint(1_500_000_000, 1_900_000_000)
		timestamp = str(now + rng.randint(-320, 320))
		for s, ts, sig, b, n in _mutations(rng, secret, timestamp, body, now):
			expected = SignatureVerifier(s, clock=FixedClock(n)).is_valid(b, ts, sig)
			try:
				core.verify_request(s, ts, sig, b, now=n)
				ours = True
			except core.SignatureError:
				ours = False
			assert ours == expected, (s, ts, sig, len(b), n)
			cases += 1
			valid += expected
	# Both outcomes must be well represented, or the cross-check proves little.
	assert cases >= 1000 and 150 < valid < cases - 150

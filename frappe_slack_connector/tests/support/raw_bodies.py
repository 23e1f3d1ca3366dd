"""Bodies no Slack client sends, sent signed to either Slack route: the package's route tests
(frappe_slack_connector/tests/test_slack_routes.py) and the bad-input suite
(test-suite/test_bad_input.py)."""

from __future__ import annotations

from urllib.parse import urlencode


def interaction_body(text: str) -> bytes:
	"""An interactivity body: `payload=` + `text` URL-encoded, whatever `text` is."""
	return urlencode({"payload": text}).encode()


FIVE_MIB = 5 * 1024 * 1024
RAW_BODIES: dict[str, bytes] = {
	"non-utf8": b"payload=\xff\xfe\xfd",
	"non-utf8-percent": b"payload=%FF%FE%FD",
	"latin1": "payload=caf\xe9".encode("latin-1"),
	"two-payloads": b"payload=%7B%7D&payload=%7B%22type%22%3A%22view_closed%22%7D",
	"5mib-payload": b"payload=" + b"a" * FIVE_MIB,
	"5mib-json-payload": interaction_body('{"type":"view_closed","pad":"' + "a" * FIVE_MIB + '"}'),
	"5mib-fields": b"&".join(b"k%d=v" % i for i in range(FIVE_MIB // 8)),
	"empty": b"",
	"only-ampersands": b"&&&&",
	"no-equals": b"payload",
	"semicolons": b"payload=%7B%7D;user_id=U1",
	"plus-and-percent": b"payload=%%%+++",
	"nul": b"payload=\x00",
	"utf8-bom": b"\xef\xbb\xbfpayload=%7B%7D",
	"binary": bytes(range(256)),
}

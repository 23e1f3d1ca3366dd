"""Type stub of the native module `frappe_slack_connector._core` (Rust, PyO3).

Every export carries a docstring. Errors raised by the core are the exception classes below;
each has a stable `.reason` code meant for logs and tests.
"""

__version__: str

# --- request verification ---

class SignatureError(ValueError):
	"""A Slack request failed verification.

	`reason` is one of `no_secret`, `missing_header`, `malformed_timestamp`, `stale_timestamp`,
	`malformed_signature`, `bad_signature`. The message never contains the secret or the body.
	"""

	reason: str

def verify_request(
	signing_secret: str,
	timestamp: str | None,
	signature: str | None,
	body: bytes,
	*,
	now: int | None = None,
	tolerance: int = 300,
) -> None:
	"""Verify a Slack request signature (v0: HMAC-SHA256 over `v0:{timestamp}:{body}`).

	`timestamp` and `signature` are the `X-Slack-Request-Timestamp` and `X-Slack-Signature`
	headers (None when absent); `body` is the raw request body, any bytes. Timestamps more than
	`tolerance` seconds away from `now` (default: the current Unix time) in either direction are
	rejected. The digest comparison is constant time; bodies over 64 KiB are hashed with the GIL
	released. Returns None on success, raises `SignatureError` otherwise.
	"""

def sign_request(signing_secret: str, timestamp: str, body: bytes) -> str:
	"""Return the `v0=<hex>` signature Slack would send for `body` at `timestamp`.

	For tests and tooling. Raises `SignatureError` (`no_secret`) for an empty secret.
	"""

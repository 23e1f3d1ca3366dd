"""Slack request verification (rust/python/src/signature.rs)."""

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

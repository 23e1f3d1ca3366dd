"""The exceptions the core raises (rust/python/src/errors.rs); each has a stable `.reason` code meant
for logs and tests.
"""

from typing import final

class SignatureError(ValueError):
	"""A Slack request failed verification.

	`reason` is one of `no_secret`, `missing_header`, `malformed_timestamp`, `stale_timestamp`,
	`malformed_signature`, `bad_signature`, or `unusable_secret` (HMAC refused the key; not
	expected, as HMAC takes keys of any length). The message never contains the secret or the body.
	"""

	reason: str

@final
class PayloadError(ValueError):
	"""An interaction payload could not be routed (answer HTTP 400 and write an Error Log).

	`reason` is a stable code:
	`malformed_json` (not JSON, not an object, or nested deeper than 64 levels),
	`too_large` (over 2 MiB), `unknown_type`, `unknown_action`, `unknown_callback`,
	`missing_field` (the message names the field, e.g. `user.id`),
	`invalid_field` (wrong JSON type, a date that is not YYYY-MM-DD, an unknown half period, a
	`user.id` that is not a Slack user id: 1 to 64 ASCII letters and digits).
	"""

	reason: str

class InputError(ValueError):
	"""Bad input to a builder (attendance, leave workflow) or to `render_markdown`.

	`reason` is one of `bad_input` (a leave builder's dict of the wrong shape: missing or unknown
	key, bad date, unknown decision), `bad_words` (a `words` dict that does not fit its surface:
	missing or unknown key, a template lacking one of its placeholders or naming another; `field`
	is "words"), `unbuildable` (a leave builder input Slack would reject and
	truncation cannot fix: no leave types, private_metadata too long, an over-long button value;
	`build_view_errors` with no errors or a blank block id; builder output that would not
	serialise, which no input is known to reach),
	`bad_row` (a leave row; `index` is the row's position), `bad_date`,
	`bad_datetime`, `bad_time` (an argument; `index` is None), `bad_horizon` (a digest horizon that
	is not today, tomorrow, this_week or next_week), `bad_url` (a digest's `report_url`), `not_a_list`, `invalid_block`,
	`unknown_block` (`render_markdown`; `index` is the block's position). `field` names the
	offending field or argument (`"blocks"` for block errors). Values quoted in the message are
	cut to 80 characters.
	"""

	reason: str
	field: str | None
	index: int | None

class ManifestError(ValueError):
	"""A site URL or app name cannot go into a Slack app manifest.

	`reason` is one of `empty_url`, `invalid_url`, `bad_scheme` (not http/https), `no_host`,
	`has_credentials`, `has_query`, `has_fragment`, `bad_app_name` (empty, over 35 characters or
	with control characters), `serialize`.
	"""

	reason: str

class SocketFrameError(ValueError):
	"""A Socket Mode frame cannot be read, or an answer cannot become an ack.

	`reason` for `parse_socket_frame`: `too_large` (over 2 MiB + 64 KiB), `malformed_json` (not a
	JSON object, or nested deeper than 65 levels), `missing_field` (no `type`), `invalid_field`
	(a field of the wrong JSON type, an `envelope_id` empty or over 128 characters),
	`unknown_type` (a frame that is neither `hello`, `disconnect` nor an envelope). Such a frame
	has no envelope to acknowledge. For `build_socket_ack`: `bad_envelope_id`, `bad_answer` (a
	2xx body that is not a JSON object).
	"""

	reason: str

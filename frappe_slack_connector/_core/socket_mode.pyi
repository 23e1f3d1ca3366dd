"""Socket Mode frames read and acks built (rust/python/src/socket_mode.rs)."""

from typing import Literal, TypedDict

from .interaction import EventRoute, Route

class HelloFrame(TypedDict):
	type: Literal["hello"]
	num_connections: int | None  # connections the app has open, this one included

class DisconnectFrame(TypedDict):
	type: Literal["disconnect"]
	reason: str  # refresh_requested, link_disabled, warning, … ("" when Slack gave none)

class PayloadErrorInfo(TypedDict):
	reason: str  # a PayloadError reason
	message: str

class EnvelopeFrame(TypedDict, total=False):
	type: Literal["envelope"]
	envelope_id: str
	kind: str  # the envelope type as sent: slash_commands, interactive, events_api, …
	accepts_response_payload: bool
	retry_attempt: int
	retry_reason: str
	handler: Literal["slash_command", "interaction", "event", "unsupported", "invalid"]
	form: dict[str, str]  # slash_command: the fields the HTTP form would carry
	route: Route | EventRoute  # interaction: route_interaction's dict; event: route_event's
	error: PayloadErrorInfo  # invalid: why the payload cannot be read or routed

SocketFrame = HelloFrame | DisconnectFrame | EnvelopeFrame

def parse_socket_frame(frame: str | bytes) -> SocketFrame:
	"""Reads one text frame Slack sent over the Socket Mode WebSocket.

	An `interactive` envelope's payload is routed by the same table as the HTTP interactions
	route (`route`, exactly `route_interaction`'s dict); a `slash_commands` payload becomes the
	HTTP form (`form`: every value a str); an `events_api` payload is routed by the HTTP route's
	event table (`route`, exactly `route_event`'s dict); another envelope type is `unsupported`. A payload that cannot be read or routed is handler `invalid`
	with `error` — still an envelope, to be acknowledged. Raises `SocketFrameError` for a frame
	without an envelope id that is not `hello` / `disconnect`, `TypeError` for a non-str/bytes.
	"""

def build_socket_ack(envelope_id: str, accepts_response_payload: bool, status: int, body: str | bytes) -> str:
	"""The ack frame (JSON text) for an envelope, from the HTTP answer the route gave (`status`,
	response `body`): a 2xx JSON object body is carried as `payload` when the envelope accepts one
	(`{"envelope_id", "payload": {"response_action": "errors", …}}`); an empty body, a non-2xx
	answer or an envelope that accepts no payload give `{"envelope_id": …}`. Raises
	`SocketFrameError` (`bad_envelope_id`, `bad_answer`)."""

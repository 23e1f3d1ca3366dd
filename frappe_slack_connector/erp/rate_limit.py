"""The Slack rate limiter every worker shares, in Redis (`frappe.cache`): on N workers on N
machines the outbox stays within Slack's published limits, and a 429 pauses that method for
every worker for its Retry-After.

    limiter = rate_limit.Limiter.for_site()          # in the job's thread (reads the site)
    wait = limiter.take("chat.postMessage", "D123")  # in any thread: 0.0 = go, else seconds

Each limit is a fixed window counted with INCR (atomic in Redis) on a key that expires with
the window; a 429's pause is one key with an expiry (SET EX). Keys carry the site's prefix
(`RedisWrapper.make_key`), computed when the limiter is built: worker threads only use the raw
redis-py commands `incr`, `expire`, `get`, `set` (frappe/utils/redis_wrapper.py inherits them
from redis.Redis, unprefixed), which need no Frappe context.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import frappe


@dataclass(frozen=True)
class Window:
	"""At most `calls` per `seconds`, per channel when `per_channel`."""

	calls: int
	seconds: int
	per_channel: bool = False


# Slack's published limits (api.slack.com/apis/rate-limits), with a margin. chat.postMessage:
# "1 message per second per channel, bursts allowed"; its workspace-wide cap is unpublished
# ("several hundred per minute"): the app keeps to 100 a second. chat.update / chat.delete:
# Tier 3 (50+ per minute); views.publish, chat.postEphemeral: Tier 4 (100+ per minute);
# conversations.history / conversations.open (the relay's lookup): Tier 3; users.lookupByEmail
# (a recipient not linked yet): Tier 4. A person's own Slack ("While you are away", the "channel"
# being their Slack user id): users.profile.set "no more than 10 times per minute" for one user's
# profile, users.profile.get Tier 4, dnd.setSnooze / dnd.endSnooze Tier 2, auth.revoke Tier 3.
# A Workflow Builder step's completion: functions.completeSuccess / completeError, Tier 3, counted
# by the minute (a workflow run may complete a burst of steps at once).
LIMITS: dict[str, tuple[Window, ...]] = {
	"chat.postMessage": (Window(1, 1, per_channel=True), Window(100, 1)),
	"chat.update": (Window(8, 10),),
	"chat.delete": (Window(8, 10),),
	"chat.postEphemeral": (Window(16, 10),),
	"views.publish": (Window(16, 10),),
	"conversations.history": (Window(8, 10),),
	"conversations.open": (Window(8, 10),),
	"users.lookupByEmail": (Window(16, 10),),
	"users.profile.set": (Window(8, 60, per_channel=True), Window(8, 10)),
	"users.profile.get": (Window(16, 10),),
	"dnd.setSnooze": (Window(3, 10),),
	"dnd.endSnooze": (Window(3, 10),),
	"auth.revoke": (Window(8, 10),),
	"functions.completeSuccess": (Window(40, 60),),
	"functions.completeError": (Window(40, 60),),
}
_PREFIX = "slack_connector:rate:"


class Limiter:
	def __init__(self, cache, prefix: str, clock=time.time):
		self._cache = cache
		self._prefix = prefix
		self._clock = clock

	@classmethod
	def for_site(cls) -> Limiter:
		"""The site's limiter (keys prefixed like every cache key of the site)."""
		cache = frappe.cache
		return cls(cache, cache.make_key(_PREFIX).decode())

	def take(self, method: str, channel: str | None = None) -> float:
		"""Take one call of `method` (to `channel`): 0.0 when it may go now, else the seconds to
		wait before asking again (nothing was taken then)."""
		paused = self._paused_for(method, channel)
		if paused > 0:
			return paused
		now = self._clock()
		for window in LIMITS.get(method, ()):
			slot = int(now // window.seconds)
			scope = channel if window.per_channel else "*"
			key = f"{self._prefix}{method}:{window.seconds}:{scope}:{slot}"
			count = self._cache.incr(key)
			if count == 1:
				self._cache.expire(key, window.seconds + 1)
			if count > window.calls:
				# Over: wait for the next window (a refused call keeps its count: harmless, the
				# window is full either way).
				return max((slot + 1) * window.seconds - now, 0.01)
		return 0.0

	def pause(self, method: str, channel: str | None, seconds: float) -> None:
		"""Slack answered 429 with Retry-After `seconds`: every worker waits that long before the
		next `method` call (per channel for chat.postMessage, whose limit is per channel)."""
		until = self._clock() + seconds
		self._cache.set(self._pause_key(method, channel), repr(until), ex=max(1, math.ceil(seconds)))

	def _paused_for(self, method: str, channel: str | None) -> float:
		raw = self._cache.get(self._pause_key(method, channel))
		if raw is None:
			return 0.0
		try:
			until = float(raw.decode() if isinstance(raw, bytes) else raw)
		except ValueError:
			return 0.0
		return max(until - self._clock(), 0.0)

	def _pause_key(self, method: str, channel: str | None) -> str:
		per_channel = any(w.per_channel for w in LIMITS.get(method, ()))
		return f"{self._prefix}pause:{method}:{channel if per_channel else '*'}"

"""# frappe/utils/redis_wrapper.py (v15): RedisWrapper subset (get_value/set_value/delete_value/
hget/hset/hdel/hgetall, and the list commands rpush/lpop/llen/get_keys that
frappe/deferred_insert.py uses), plus `make_key` and the raw redis-py string commands
RedisWrapper inherits unchanged from `redis.Redis` (`get`, `set(ex=, nx=)`, `incr`, `getset`,
`expire`, `ttl`: no site prefix of their own, values are bytes, `incr` is atomic). In-memory, cleared per test; keys are not site-prefixed here. Values are stored pickled, as
RedisWrapper does, and read through frappe.local.cache like v15.
"""

import pickle
import threading
import time


class FakeRedisCache:
	def __init__(self):
		self._data = {}
		self._expiry = {}
		self._lock = threading.RLock()

	def __call__(self):
		# frappe/__init__.py (v15): frappe.cache() kept callable for backwards compatibility
		return self

	# Test control, not Redis: move this cache's clock forward (expiries only).
	_offset = 0.0

	def advance(self, seconds):
		self._offset += seconds

	def _now(self):
		return time.monotonic() + self._offset

	def _alive(self, key):
		exp = self._expiry.get(key)
		if exp is not None and exp <= self._now():
			self._data.pop(key, None)
			self._expiry.pop(key, None)
			return False
		return key in self._data

	def get_value(self, key, generator=None, user=None, expires=False, shared=False):
		# v15: the request-local frappe.local.cache first (the same object within one request or
		# job), else Redis, whose values are pickles: every read from Redis is a fresh copy.
		import frappe

		local_cache = frappe.local.cache
		if key in local_cache:
			return local_cache[key]
		with self._lock:
			raw = self._data[key] if self._alive(key) else None
		val = pickle.loads(raw) if raw is not None else None
		if not expires:
			if val is None and generator:
				val = generator()
				self.set_value(key, val, user=user)
			else:
				local_cache[key] = val
		return val

	def set_value(self, key, val, user=None, expires_in_sec=None, shared=False):
		# v15: kept in frappe.local.cache unless it expires; stored pickled (so an unpicklable
		# value fails here as it would against Redis)
		import frappe

		if not expires_in_sec:
			frappe.local.cache[key] = val
		raw = pickle.dumps(val)
		with self._lock:
			self._data[key] = raw
			if expires_in_sec:
				self._expiry[key] = self._now() + expires_in_sec
			else:
				self._expiry.pop(key, None)

	def delete_value(self, keys, user=None, make_keys=True, shared=False):
		import frappe

		if isinstance(keys, str):
			keys = [keys]
		with self._lock:
			for k in keys:
				self._data.pop(k, None)
				self._expiry.pop(k, None)
				frappe.local.cache.pop(k, None)

	delete_key = delete_value

	def hget(self, name, key, generator=None, shared=False):
		# v15: hash fields are pickles too (fresh copies); frappe.local.cache[name] holds the
		# fields this request has read
		import frappe

		local_hash = frappe.local.cache.setdefault(name, {})
		if key in local_hash:
			return local_hash[key]
		with self._lock:
			raw = self._data.get(name, {}).get(key)
		if raw is not None:
			value = pickle.loads(raw)
			local_hash[key] = value
		elif generator:
			value = generator()
			self.hset(name, key, value)
		else:
			value = None
		return value

	def hset(self, name, key, value, shared=False, *args, **kwargs):
		import frappe

		frappe.local.cache.setdefault(name, {})[key] = value
		raw = pickle.dumps(value)
		with self._lock:
			self._data.setdefault(name, {})[key] = raw

	def hdel(self, name, key, shared=False):
		import frappe

		frappe.local.cache.get(name, {}).pop(key, None)
		with self._lock:
			self._data.get(name, {}).pop(key, None)

	def hgetall(self, name):
		with self._lock:
			return {k: pickle.loads(v) for k, v in self._data.get(name, {}).items()}

	def rpush(self, key, *values):
		# redis-py: values are stored as bytes (str encoded), returns the new length
		with self._lock:
			items = self._data.setdefault(key, [])
			items.extend(v.encode() if isinstance(v, str) else v for v in values)
			return len(items)

	def lpop(self, key):
		# redis-py: the first element (bytes) or None; an emptied list is removed
		with self._lock:
			items = self._data.get(key) or []
			if not items:
				return None
			value = items.pop(0)
			if not items:
				self._data.pop(key, None)
			return value

	def llen(self, key):
		with self._lock:
			return len(self._data.get(key) or [])

	def get_keys(self, key):
		# RedisWrapper.get_keys: keys starting with `key` (real keys carry the site prefix)
		with self._lock:
			return [k for k in self._data if isinstance(k, str) and k.startswith(key)]

	def exists(self, *names, user=None, shared=None):
		return sum(1 for n in names if self._alive(n))

	def flushall(self):
		with self._lock:
			self._data.clear()
			self._expiry.clear()
			self._offset = 0.0

	# ---- frappe/utils/redis_wrapper.py (v15) RedisWrapper.make_key
	def make_key(self, key, user=None, shared=False):
		import frappe

		if shared:
			return key
		if user:
			if user is True:
				user = frappe.session.user
			key = f"user:{user}:{key}"
		return f"{frappe.conf.db_name}|{key}".encode()

	# ---- redis-py commands (redis/commands/core.py), inherited by RedisWrapper unprefixed
	@staticmethod
	def _encode(value):
		# redis-py encodes int/float/str to bytes before sending; Redis returns bytes
		if isinstance(value, bytes):
			return value
		if isinstance(value, bool):
			raise TypeError("redis-py refuses bool values")  # redis.exceptions.DataError
		return str(value).encode()

	def get(self, name):
		with self._lock:
			return self._data[name] if self._alive(name) else None

	def set(self, name, value, ex=None, px=None, nx=False, xx=False, keepttl=False, get=False, **kwargs):
		# SET key value [EX s|PX ms] [NX|XX] [KEEPTTL]: True when set, None when NX/XX refused it
		with self._lock:
			exists = self._alive(name)
			if (nx and exists) or (xx and not exists):
				return None
			self._data[name] = self._encode(value)
			if ex is not None or px is not None:
				seconds = ex if ex is not None else px / 1000
				self._expiry[name] = self._now() + seconds
			elif not keepttl:
				self._expiry.pop(name, None)
			return True

	def incr(self, name, amount=1):
		# INCRBY: a missing key counts from 0; the key's TTL is kept; returns the new integer
		with self._lock:
			current = int(self._data[name]) if self._alive(name) else 0
			value = current + amount
			self._data[name] = str(value).encode()
			return value

	incrby = incr

	def getset(self, name, value):
		# GETSET: the old value (bytes or None); the new value has no TTL
		with self._lock:
			old = self._data[name] if self._alive(name) else None
			self._data[name] = self._encode(value)
			self._expiry.pop(name, None)
			return old

	def delete(self, *names):
		# redis-py DEL (RedisWrapper inherits redis.Redis): raw keys, the number removed
		with self._lock:
			gone = [n for n in names if self._alive(n)]
			for n in names:
				self._data.pop(n, None)
				self._expiry.pop(n, None)
			return len(gone)

	def expire(self, name, time):
		# EXPIRE: True when the key exists
		with self._lock:
			if not self._alive(name):
				return False
			self._expiry[name] = self._now() + time
			return True

	def ttl(self, name):
		# TTL: -2 for a missing key, -1 for one without expiry, else whole seconds left
		with self._lock:
			if not self._alive(name):
				return -2
			exp = self._expiry.get(name)
			return -1 if exp is None else max(0, int(exp - self._now() + 0.999))


_cache = FakeRedisCache()


def get_cache():
	return _cache

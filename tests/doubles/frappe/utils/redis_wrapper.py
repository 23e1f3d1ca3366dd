"""# frappe/utils/redis_wrapper.py (v15): RedisWrapper subset (get_value/set_value/delete_value/
hget/hset/hdel/hgetall, and the list commands rpush/lpop/llen/get_keys that
frappe/deferred_insert.py uses). In-memory, cleared per test; keys are not site-prefixed here.
"""

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

	def _alive(self, key):
		exp = self._expiry.get(key)
		if exp is not None and exp < time.monotonic():
			self._data.pop(key, None)
			self._expiry.pop(key, None)
			return False
		return key in self._data

	def get_value(self, key, generator=None, user=None, expires=False, shared=False):
		with self._lock:
			if self._alive(key):
				return self._data[key]
			if generator:
				val = generator()
				self.set_value(key, val)
				return val
			return None

	def set_value(self, key, val, user=None, expires_in_sec=None, shared=False):
		with self._lock:
			self._data[key] = val
			if expires_in_sec:
				self._expiry[key] = time.monotonic() + expires_in_sec
			else:
				self._expiry.pop(key, None)

	def delete_value(self, keys, user=None, make_keys=True, shared=False):
		if isinstance(keys, str):
			keys = [keys]
		with self._lock:
			for k in keys:
				self._data.pop(k, None)
				self._expiry.pop(k, None)

	delete_key = delete_value

	def hget(self, name, key, generator=None, shared=False):
		with self._lock:
			h = self._data.setdefault(name, {})
			if key not in h and generator:
				h[key] = generator()
			return h.get(key)

	def hset(self, name, key, value, shared=False, *args, **kwargs):
		with self._lock:
			self._data.setdefault(name, {})[key] = value

	def hdel(self, name, key, shared=False):
		with self._lock:
			self._data.get(name, {}).pop(key, None)

	def hgetall(self, name):
		return dict(self._data.get(name, {}))

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


_cache = FakeRedisCache()


def get_cache():
	return _cache

"""# frappe/utils/typing_validations.py (v15): validate_argument_types for whitelisted functions.

Frappe validates/coerces annotated arguments with pydantic (lax mode) and raises FrappeTypeError
"Argument '<name>' in '<module>.<qualname>' should be of type '<type>' but got '<type>' instead."
The double has no pydantic: it handles the common annotations (str, int, float, bool, dict, list,
date, datetime, Optional/Union of them, Any) with pydantic-lax-like coercion and skips others.
"""

import datetime
import inspect
import types
import typing
from functools import wraps

from frappe.exceptions import FrappeTypeError


class _Fail(Exception):
	pass


def _coerce(tp, value):
	if tp is typing.Any or tp is inspect.Parameter.empty:
		return value
	origin = typing.get_origin(tp)
	if origin in (typing.Union, types.UnionType):
		for arg in typing.get_args(tp):
			try:
				return _coerce(arg, value)
			except _Fail:
				continue
		raise _Fail
	if tp is type(None):
		if value is None:
			return None
		raise _Fail
	if origin is not None:
		tp = origin
	if tp is bool:
		# v15 SLACK_DICT: bool accepts int/float/bool (pydantic lax also "true"/"1"...)
		if isinstance(value, bool | int | float):
			return value
		if isinstance(value, str) and value.lower() in ("true", "false", "1", "0", "yes", "no", "on", "off"):
			return value.lower() in ("true", "1", "yes", "on")
		raise _Fail
	if tp is int:
		if isinstance(value, bool):
			return int(value)
		if isinstance(value, int):
			return value
		if isinstance(value, float) and value.is_integer():
			return int(value)
		if isinstance(value, str):
			try:
				return int(value.strip())
			except ValueError:
				raise _Fail from None
		raise _Fail
	if tp is float:
		if isinstance(value, int | float) and not isinstance(value, bool):
			return float(value)
		if isinstance(value, str):
			try:
				return float(value)
			except ValueError:
				raise _Fail from None
		raise _Fail
	if tp is str:
		if isinstance(value, str):
			return value
		raise _Fail
	if tp is dict:
		if isinstance(value, dict):
			return value
		raise _Fail
	if tp in (list, tuple, set):
		if isinstance(value, list | tuple | set):
			return tp(value)
		raise _Fail
	if tp is datetime.datetime:
		if isinstance(value, datetime.datetime):
			return value
		if isinstance(value, str):
			try:
				return datetime.datetime.fromisoformat(value)
			except ValueError:
				raise _Fail from None
		raise _Fail
	if tp is datetime.date:
		if isinstance(value, datetime.datetime):
			raise _Fail
		if isinstance(value, datetime.date):
			return value
		if isinstance(value, str):
			try:
				return datetime.date.fromisoformat(value)
			except ValueError:
				raise _Fail from None
		raise _Fail
	if isinstance(tp, type):
		if isinstance(value, tp):
			return value
		raise _Fail
	return value


def _qualified(obj):
	t = obj if isinstance(obj, type) else type(obj)
	return t.__qualname__ if t.__module__ == "builtins" else f"{t.__module__}.{t.__qualname__}"


def transform_parameter_types(func, args, kwargs):
	try:
		hints = typing.get_type_hints(func)
	except Exception:
		hints = dict(getattr(func, "__annotations__", {}))
	hints.pop("return", None)
	if not (args or kwargs) or not hints:
		return args, kwargs
	sig = inspect.signature(func)
	bound = dict(zip(list(sig.parameters), args, strict=False))
	bound.update(kwargs)
	new_args, new_kwargs = list(args), dict(kwargs)
	names = list(sig.parameters)
	for name, tp in hints.items():
		if name not in bound:
			continue
		value = bound[name]
		param = sig.parameters.get(name)
		if param is not None and param.default is not inspect.Parameter.empty and value == param.default:
			continue
		if tp is bool:
			tp = bool | int | float
		try:
			new_value = _coerce(tp, value)
		except _Fail:
			raise FrappeTypeError(
				f"Argument '{name}' in '{func.__module__}.{func.__qualname__}' should be of type "
				f"'{getattr(tp, '__name__', tp)}' but got '{_qualified(value)}' instead."
			) from None
		if name in new_kwargs:
			new_kwargs[name] = new_value
		else:
			new_args[names.index(name)] = new_value
	return new_args, new_kwargs


def validate_argument_types(func, apply_condition=None):
	@wraps(func)
	def wrapper(*args, **kwargs):
		if apply_condition is None or apply_condition():
			args, kwargs = transform_parameter_types(func, args, kwargs)
		return func(*args, **kwargs)

	return wrapper

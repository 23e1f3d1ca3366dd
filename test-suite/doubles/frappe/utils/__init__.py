"""frappe.utils of the test double: the data helpers the app uses.

# frappe/utils/data.py (v15): today/nowdate/getdate/add_days/date_diff/cint/cstr/flt/... semantics.
Time can be frozen with ``freeze_time`` (a double-only helper); Frappe reads the system time zone,
the double uses naive local datetimes.
"""

import datetime
import html
import json
import math
import random
import re
import string
import traceback as _traceback
from urllib.parse import urljoin

import double_version

import frappe

DATE_FORMAT = "%Y-%m-%d"
TIME_FORMAT = "%H:%M:%S.%f"
DATETIME_FORMAT = f"{DATE_FORMAT} {TIME_FORMAT}"

_frozen: datetime.datetime | None = None


def freeze_time(moment: "datetime.datetime | datetime.date | str | None") -> None:
	"""Double-only: make now_datetime()/today() return ``moment`` (None unfreezes)."""
	global _frozen
	if moment is None:
		_frozen = None
		return
	if isinstance(moment, str):
		moment = get_datetime(moment)
	elif isinstance(moment, datetime.date) and not isinstance(moment, datetime.datetime):
		moment = datetime.datetime.combine(moment, datetime.time(9, 0))
	_frozen = moment


def now_datetime() -> datetime.datetime:
	# frappe/utils/data.py (v15): now_datetime() converts to the system time zone, naive result
	return _frozen if _frozen is not None else datetime.datetime.now()


def get_system_timezone() -> str:
	# frappe/utils/data.py (v15): frappe.get_system_settings("time_zone") or "Asia/Kolkata"
	import frappe

	return frappe.get_system_settings("time_zone") or "Asia/Kolkata"


def nowdate() -> str:
	# frappe/utils/data.py (v15): nowdate() -> "YYYY-MM-DD" string
	return now_datetime().strftime(DATE_FORMAT)


def today() -> str:
	# frappe/utils/data.py (v15): today() == nowdate()
	return nowdate()


def now() -> str:
	# frappe/utils/data.py (v15): now() -> "YYYY-MM-DD HH:MM:SS.ffffff"
	return now_datetime().strftime(DATETIME_FORMAT)


def nowtime() -> str:
	# frappe/utils/data.py (v15): nowtime() -> "HH:MM:SS.ffffff"
	return now_datetime().strftime(TIME_FORMAT)


def getdate(string_date=None, parse_day_first=False):
	# frappe/utils/data.py (v15): getdate(None) -> today; datetime -> date; "" -> None
	if not string_date:
		return now_datetime().date() if string_date is None else None
	if isinstance(string_date, datetime.datetime):
		return string_date.date()
	if isinstance(string_date, datetime.date):
		return string_date
	s = str(string_date).strip()
	try:
		return datetime.date.fromisoformat(s[:10])
	except ValueError:
		pass
	for fmt in ("%d-%m-%Y", "%m-%d-%Y", "%d/%m/%Y", "%m/%d/%Y"):
		try:
			return datetime.datetime.strptime(s[:10], fmt).date()
		except ValueError:
			continue
	# frappe/utils/data.py (v15): unparsable date -> frappe.throw(..., title="Invalid Date")
	frappe.throw(
		frappe._("{} is not a valid date string.").format(frappe.bold(string_date)), title="Invalid Date"
	)


def get_datetime(datetime_str=None):
	# frappe/utils/data.py (v15): get_datetime(None) -> now_datetime(); date -> midnight datetime
	if datetime_str is None:
		return now_datetime()
	if isinstance(datetime_str, datetime.datetime):
		return datetime_str
	if isinstance(datetime_str, datetime.date):
		return datetime.datetime.combine(datetime_str, datetime.time())
	if not datetime_str:
		return None
	s = str(datetime_str).strip()
	try:
		return datetime.datetime.fromisoformat(s)
	except ValueError:
		return datetime.datetime.combine(getdate(s), datetime.time())


def get_timedelta(time=None):
	# frappe/utils/data.py (v15): get_timedelta(None) -> timedelta(0) ("0:0:0"); a timedelta as is;
	# "H:MM[:SS[.f]]" -> timedelta; anything unparsable -> None
	if isinstance(time, datetime.timedelta):
		return time
	text = str(time or "0:0:0").strip()
	if " " in text:  # '2012-01-19 17:21:00': the time of a date-time
		text = text.rsplit(" ", 1)[1]
	parts = text.split(":")
	try:
		hours, minutes = int(parts[0]), int(parts[1]) if len(parts) > 1 else 0
		seconds = float(parts[2]) if len(parts) > 2 else 0.0
	except ValueError:
		return None
	if len(parts) > 3 or not (0 <= minutes < 60 and 0 <= seconds < 60):
		return None
	return datetime.timedelta(hours=hours, minutes=minutes, seconds=seconds)


def get_time(time_str):
	# frappe/utils/data.py (v15): get_time() accepts time/datetime/timedelta/str
	if isinstance(time_str, datetime.datetime):
		return time_str.time()
	if isinstance(time_str, datetime.time):
		return time_str
	if isinstance(time_str, datetime.timedelta):
		return (datetime.datetime.min + time_str).time()
	return datetime.time.fromisoformat(str(time_str))


def add_to_date(
	date,
	years=0,
	months=0,
	weeks=0,
	days=0,
	hours=0,
	minutes=0,
	seconds=0,
	as_string=False,
	as_datetime=False,
):
	# frappe/utils/data.py (v15): add_to_date keeps the input's type (str in -> str out);
	# as_datetime=True (or a datetime / date-time string in) gives a datetime
	was_str = isinstance(date, str)
	as_datetime = as_datetime or isinstance(date, datetime.datetime) or (was_str and len(date.strip()) > 10)
	value = get_datetime(date) if as_datetime else datetime.datetime.combine(getdate(date), datetime.time())
	if years or months:
		month0 = value.month - 1 + months + 12 * years
		year, month = value.year + month0 // 12, month0 % 12 + 1
		import calendar

		day = min(value.day, calendar.monthrange(year, month)[1])
		value = value.replace(year=year, month=month, day=day)
	value = value + datetime.timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes, seconds=seconds)
	if as_datetime:
		return value.strftime(DATETIME_FORMAT) if (was_str or as_string) else value
	return value.date().strftime(DATE_FORMAT) if (was_str or as_string) else value.date()


def add_days(date, days):
	# frappe/utils/data.py (v15): add_days(date, days) = add_to_date(date, days=days)
	return add_to_date(date, days=days)


def add_months(date, months):
	return add_to_date(date, months=months)


def date_diff(string_ed_date, string_st_date):
	# frappe/utils/data.py (v15): date_diff(end, start) -> int days
	return (getdate(string_ed_date) - getdate(string_st_date)).days


def cint(s, default=0):
	# frappe/utils/data.py (v15): cint("1.9") -> 1; bad input -> default
	try:
		return int(float(s))
	except Exception:
		return default


def flt(s, precision=None, rounding_method=None):
	# frappe/utils/data.py (v15): flt() -> float, bad input -> 0.0; with a precision, rounded the
	# site's way (`rounded`), not Python's round: 2.675 at 2 places is 2.68 on a default site
	if isinstance(s, str):
		s = s.replace(",", "")
	try:
		num = float(s)
		if precision is not None:
			num = rounded(num, precision, rounding_method)
	except Exception as e:
		if isinstance(e, frappe.InvalidRoundingMethod):
			raise
		num = 0.0
	return num


def rounded(num, precision=0, rounding_method=None):
	# frappe/utils/data.py (v15): the method of System Settings "rounding_method", default
	# "Banker's Rounding (legacy)"; an unknown one throws InvalidRoundingMethod
	precision = cint(precision)
	if not rounding_method and getattr(frappe.local, "db", None) is not None:
		rounding_method = frappe.get_system_settings("rounding_method")
	rounding_method = rounding_method or "Banker's Rounding (legacy)"
	if rounding_method == "Banker's Rounding (legacy)":
		return _bankers_rounding_legacy(num, precision)
	if rounding_method == "Banker's Rounding":
		return _bankers_rounding(num, precision)
	if rounding_method == "Commercial Rounding":
		return _round_away_from_zero(num, precision)
	frappe.throw(
		frappe._("Unknown Rounding Method: {}").format(rounding_method), exc=frappe.InvalidRoundingMethod
	)


def _bankers_rounding_legacy(num, precision):
	# frappe/utils/data.py (v15): half-even only at precision 0; with places a .5 goes up
	multiplier = 10**precision
	num = round(num * multiplier if precision else num, 8)
	floor_num = math.floor(num)
	decimal_part = num - floor_num
	if not precision and decimal_part == 0.5:
		num = floor_num if (floor_num % 2 == 0) else floor_num + 1
	elif decimal_part == 0.5:
		num = floor_num + 1
	else:
		num = round(num)
	return (num / multiplier) if precision else num


def _round_away_from_zero(num, precision):
	# frappe/utils/data.py (v15): a tiny epsilon in the number's direction breaks binary ties
	if num == 0:
		return 0.0
	epsilon = 2.0 ** (math.log(abs(num), 2) - 52.0)
	return round(num + math.copysign(epsilon, num), precision)


def _bankers_rounding(num, precision):
	# frappe/utils/data.py (v15): half-even at any precision, ties found within an epsilon
	multiplier = 10**precision
	num = round(num * multiplier, 12)
	if num == 0:
		return 0.0
	floor_num = math.floor(num)
	decimal_part = num - floor_num
	epsilon = 2.0 ** (math.log(abs(num), 2) - 52.0)
	if abs(decimal_part - 0.5) < epsilon:
		num = floor_num if (floor_num % 2 == 0) else floor_num + 1
	else:
		num = round(num)
	return num / multiplier


def cstr(s, encoding="utf-8"):
	# frappe/utils/data.py (v15): None -> "", bytes decoded
	if s is None:
		return ""
	if isinstance(s, bytes):
		return s.decode(encoding)
	return str(s)


def sbool(x):
	# frappe/utils/data.py (v15): "true"/"false" strings -> bool, else unchanged
	if isinstance(x, str):
		low = x.lower()
		if low in ("true", "1"):
			return True
		if low in ("false", "0"):
			return False
	return x


# frappe/utils/data.py (v15.44): HTML_TAG_PATTERN + is_html; frappe/utils/__init__.py:
# HTML_TAGS_PATTERN + strip_html_tags; frappe/utils/data.py: strip
HTML_TAG_PATTERN = re.compile("<[^>]+>")
HTML_TAGS_PATTERN = re.compile(r"\<[^>]*\>")


def is_html(text):
	if not isinstance(text, str):
		return False
	return HTML_TAG_PATTERN.search(text)


def strip_html_tags(text):
	return HTML_TAGS_PATTERN.sub("", text)


def strip(val, chars=None):
	# \ufeff is no-width-break, \u200b is no-width-space
	return (val or "").replace("\ufeff", "").replace("\u200b", "").strip(chars)


def strip_html(text):
	# frappe/utils/data.py (v15): strip_html() removes tags with a regex
	return re.sub(r"<[^>]*>", "", cstr(text))


def escape_html(text):
	# frappe/utils/data.py (v15): escape_html() escapes & < > " '
	if not isinstance(text, str):
		return text
	return html.escape(text, quote=True)


def get_url(uri=None, full_address=False):
	# frappe/utils/data.py (v15 and v16) get_url(): conf.host_name (or hostname); else, in a
	# request, the request's own Host (get_host_name_from_request, X-Forwarded-Proto for https);
	# else the site's name (https with conf.ssl_certificate). Then conf.http_port (v15: or
	# webserver_port) unless the bench runs in production (restart_*_on_update).
	conf = frappe.conf
	if uri and (uri.startswith("http://") or uri.startswith("https://")):
		return uri
	host = conf.get("host_name") or conf.get("hostname")
	if not host:
		host = _host_name_from_request()
	if not host:
		protocol = "https://" if conf.get("ssl_certificate") else "http://"
		host = protocol + (frappe.local.site or "localhost")
	if not (host.startswith("http://") or host.startswith("https://")):
		host = "http://" + host
	if not uri and full_address:
		uri = frappe.get_request_header("REQUEST_URI", "")
	port = conf.get("http_port") or conf.get("webserver_port")
	production = conf.get("restart_supervisor_on_update") or conf.get("restart_systemd_on_update")
	if port and not production and len(host.split(":")) <= 2:
		host = f"{host}:{port}"
	return urljoin(host, uri) if uri else host


def _host_name_from_request():
	# frappe/utils/data.py get_host_name_from_request()
	request = getattr(frappe.local, "request", None)
	if request is not None and getattr(request, "host", None):
		forwarded = frappe.get_request_header("X-Forwarded-Proto", "")
		return ("https://" if forwarded == "https" else "http://") + request.host
	return None


# The desk's prefix: frappe/utils/data.py builds `/app/...` on v15 and `/desk/...` on v16
# (frappe/frappe PR #35330 "rename app to desk in get url methods", closing issue #35180).
DESK = "/desk" if double_version.V16 else "/app"


def get_url_to_form(doctype, name):
	# frappe/utils/data.py: <desk>/<slug(doctype)>/<name>
	return get_url(uri=f"{DESK}/{quoted(slug(doctype))}/{quoted(name)}")


def get_url_to_list(doctype):
	# frappe/utils/data.py: <desk>/<slug(doctype)>
	return get_url(uri=f"{DESK}/{quoted(slug(doctype))}")


def slug(name):
	return name.lower().replace(" ", "-")


def quoted(url):
	from urllib.parse import quote

	return quote(cstr(url), safe=b"~@#$&()*!+=:;,?/'")


if double_version.V16:

	def get_link_to_form(doctype, name=None, label=None):
		# frappe/utils/data.py (version-16): `name` optional (a link to the list, labelled with
		# the DocType: hrms/utils/holiday_list.py calls it so)
		uri = f"{DESK}/{quoted(slug(doctype))}" + (f"/{quoted(name)}" if name else "")
		return f'<a href="{get_url(uri=uri)}">{label or name or frappe._(doctype)}</a>'

else:

	def get_link_to_form(doctype, name, label=None):
		# frappe/utils/data.py (v15): <a href="...">label</a> (HTML in messages)
		return f'<a href="{get_url_to_form(doctype, name)}">{label or name}</a>'


def formatdate(string_date=None, format_string=None):
	# frappe/utils/data.py (v15): default System Settings date_format "dd-mm-yyyy"
	if not string_date:
		return ""
	date = getdate(string_date)
	fmt = (format_string or frappe.db.get_default("date_format") or "dd-mm-yyyy").lower()
	fmt = fmt.replace("yyyy", "%Y").replace("dd", "%d").replace("mm", "%m")
	return date.strftime(fmt)


format_date = formatdate


# frappe/utils/data.py (v15) number_format_info: number format -> (decimal str, group str, precision)
number_format_info = {
	"#,###.##": (".", ",", 2),
	"#.###,##": (",", ".", 2),
	"# ###.##": (".", " ", 2),
	"# ###,##": (",", " ", 2),
	"#'###.##": (".", "'", 2),
	"#, ###.##": (".", ", ", 2),
	"#,##,###.##": (".", ",", 2),
	"#,###.###": (".", ",", 3),
	"#.###": ("", ".", 0),
	"#,###": ("", ",", 0),
	"#.########": (".", "", 8),
}


def get_number_format_info(format):
	# frappe/utils/data.py (v15): an unknown format reads as "#,###.##"
	return number_format_info.get(format) or (".", ",", 2)


def fmt_money(amount, precision=None, currency=None, format=None):
	"""frappe/utils/data.py (v15) fmt_money: the site's number format (System Settings
	number_format, default "#,###.##"), precision given or System Settings currency_precision or the
	format's, Python's round at that precision, groups of 3 (of 2 above the thousands for
	"#,##,###.##"), then the currency's symbol (or its code) left or right with one space unless the
	global default hide_currency_symbol is "Yes"."""
	number_format = format or frappe.db.get_default("number_format") or "#,###.##"
	if precision is None:
		precision = cint(frappe.db.get_default("currency_precision")) or None
	decimal_str, comma_str, number_format_precision = get_number_format_info(number_format)
	if precision is None:
		precision = number_format_precision
	if isinstance(amount, str):
		amount = flt(amount, precision)
	if amount is None:
		amount = 0
	if decimal_str:
		# more than 2 places: trailing zeros beyond the currency's fraction are dropped
		decimals = str(round(amount % 1, precision)).split(".")
		decimals = decimals[1] if len(decimals) > 1 else decimals[0]
		if precision > 2:
			if len(decimals) < 3:
				if currency:
					fraction = frappe.db.get_value("Currency", currency, "fraction_units") or 100
					precision = len(cstr(fraction)) - 1
				else:
					precision = number_format_precision
			elif len(decimals) < precision:
				precision = len(decimals)
	amount = f"{round(flt(amount), precision):.{precision}f}"
	decimals = "" if amount.find(".") == -1 else amount.split(".")[1]
	minus = "-" if flt(amount) < 0 else ""
	amount = cstr(abs(flt(amount))).split(".", 1)[0]
	parts = []
	if len(amount) > 3:
		parts.append(amount[-3:])
		amount = amount[:-3]
		val = 2 if number_format == "#,##,###.##" else 3
		while len(amount) > val:
			parts.append(amount[-val:])
			amount = amount[:-val]
	parts.append(amount)
	parts.reverse()
	amount = comma_str.join(parts) + (((precision and decimal_str) and (decimal_str + decimals)) or "")
	if amount != "0":
		amount = minus + amount
	# frappe.defaults.get_global_default reads the "__default" DefaultValue rows
	if currency and frappe.db.get_default("hide_currency_symbol") != "Yes":
		symbol = frappe.db.get_value("Currency", currency, "symbol") or currency
		if frappe.db.get_value("Currency", currency, "symbol_on_right"):
			amount = f"{amount} {frappe._(symbol)}"
		else:
			amount = f"{frappe._(symbol)} {amount}"
	return amount


def get_fullname(user=None):
	# frappe/utils/__init__.py (v15): get_fullname() -> full_name or user id
	user = user or frappe.session.user
	row = frappe.db.get_value("User", user, ["first_name", "last_name", "full_name"], as_dict=True)
	if not row:
		return user
	return row.full_name or " ".join(filter(None, [row.first_name, row.last_name])) or user


def random_string(length):
	# frappe/utils/__init__.py (v15): random alphanumeric string
	return "".join(random.choice(string.ascii_letters + string.digits) for _ in range(length))


def get_traceback(with_context=False):
	# frappe/utils/__init__.py (v15): current exception traceback as text ("" if none)
	exc = _traceback.format_exc()
	return "" if exc.strip() == "NoneType: None" else exc


def sanitize_html(html_text, linkify=False):
	from frappe.utils.html_utils import sanitize_html as _sanitize

	return _sanitize(html_text, linkify=linkify)


def parse_json(val):
	# frappe/utils/__init__.py (v15): parse_json: str -> json.loads -> frappe._dict for dicts
	if isinstance(val, str):
		val = json.loads(val)
	if isinstance(val, dict):
		val = frappe._dict(val)
	return val


def bold(text):
	return f"<strong>{text}</strong>"


def split_emails(txt):
	# frappe/utils/__init__.py (v15): addresses separated by commas or new lines, quoted
	# display names kept whole, blanks dropped
	text = re.sub(r"[\t\n\r]", " ", cstr(txt))
	parts = re.findall(r'(?:"[^"]*"|[^",])+', text)
	return [p.strip().strip(",").strip() for p in parts if p.strip().strip(",").strip()]


def validate_email_address(email, throw=False):
	ok = bool(re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", cstr(email)))
	if not ok and throw:
		frappe.throw(
			frappe._("{0} is not a valid Email Address").format(email), frappe.InvalidEmailAddressError
		)
	return email if ok else ""


def time_diff_in_hours(string_ed_date, string_st_date):
	# frappe/utils/data.py (v15): time_diff(end, start).total_seconds() / 3600, rounded to 6 places
	diff = get_datetime(string_ed_date) - get_datetime(string_st_date)
	return round(float(diff.total_seconds()) / 3600, 6)

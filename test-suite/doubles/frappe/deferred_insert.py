"""# frappe/deferred_insert.py (v15): rows kept in the cache (a Redis list per DocType) and
inserted later by the scheduled job `frappe.deferred_insert.save_to_db` (frappe/hooks.py
scheduler_events), which commits like any job. Rows in the cache are outside every database
transaction: a rollback does not touch them, and they reach the table only when that job runs.
"""

import json

import frappe

queue_prefix = "insert_queue_for_"


def deferred_insert(doctype, records):
	# v15: json.dumps(dict | list) and rpush onto f"{queue_prefix}{doctype}"
	_records = json.dumps(records) if isinstance(records, dict | list) else records
	frappe.cache.rpush(f"{queue_prefix}{doctype}", _records)


def save_to_db():
	# v15: for every queue key, lpop each pushed value (a dict or a list of dicts) and insert it
	for key in frappe.cache.get_keys(queue_prefix):
		doctype = key.split(queue_prefix)[1]
		while frappe.cache.llen(key) > 0:
			records = json.loads(frappe.cache.lpop(key).decode("utf-8"))
			for record in [records] if isinstance(records, dict) else records:
				insert_record(record, doctype)


def insert_record(record, doctype):
	# v15: get_doc(record).insert() (no ignore_permissions: the job runs as Administrator);
	# a failing record is logged to the app log and dropped
	try:
		record.update({"doctype": doctype})
		frappe.get_doc(record).insert()
	except Exception as e:
		frappe.logger().error(f"Error while inserting deferred {doctype} record: {e}")

"""The Home tab's own buttons that change a person's choices (request path, answered within
Slack's 3 s): the birthdays and work anniversaries choice — stored, the tab re-published."""

from __future__ import annotations

from typing import TYPE_CHECKING

from werkzeug.wrappers import Response

from frappe_slack_connector.erp import digests as erp_digests
from frappe_slack_connector.erp import users as erp_users
from frappe_slack_connector.flows.home import jobs
from frappe_slack_connector.slack.responses import ack

if TYPE_CHECKING:
	from frappe_slack_connector._core import CelebrationsRoute


def celebrations_choice(route: CelebrationsRoute) -> Response:
	"""Keep my birthday and work anniversary out of the digests (or announce them again)."""
	user = erp_users.enabled_user_of_slack_id(route["user_id"])
	if user and erp_digests.set_celebrations_opt_out(user, bool(route["opt_out"])):
		jobs.republish([user])
	return ack()

// Slack Delivery list: the state of every Slack write the app owes, and "Retry now" for the
// failed and unknown ones (frappe_slack_connector.api.outbox.retry_now).
frappe.listview_settings["Slack Delivery"] = {
	add_fields: ["status", "last_error"],
	get_indicator(doc) {
		const colours = {
			Pending: "orange",
			Sending: "blue",
			Delivered: "green",
			Failed: "red",
			Unknown: "purple",
			Dropped: "gray",
		};
		return [__(doc.status), colours[doc.status] || "gray", `status,=,${doc.status}`];
	},
	button: {
		show(doc) {
			return ["Failed", "Unknown"].includes(doc.status);
		},
		get_label() {
			return __("Retry now");
		},
		get_description(doc) {
			return __("Send {0} to Slack again now", [doc.name]);
		},
		action(doc) {
			frappe
				.xcall("frappe_slack_connector.api.outbox.retry_now", { name: doc.name })
				.then(() => {
					frappe.show_alert({ message: __("Queued for delivery"), indicator: "green" });
					cur_list.refresh();
				});
		},
	},
};

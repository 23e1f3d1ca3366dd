// Slack Delivery form: "Retry now" on a failed or unknown delivery.
frappe.ui.form.on("Slack Delivery", {
	refresh(frm) {
		if (["Failed", "Unknown"].includes(frm.doc.status)) {
			frm.add_custom_button(__("Retry now"), () =>
				frappe
					.xcall("frappe_slack_connector.api.outbox.retry_now", { name: frm.doc.name })
					.then(() => {
						frappe.show_alert({ message: __("Queued for delivery"), indicator: "green" });
						frm.reload_doc();
					}),
			);
		}
	},
});

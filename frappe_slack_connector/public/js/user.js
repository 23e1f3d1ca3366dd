// User form: "Connect Slack" links this user to the Slack account with the same e-mail.
frappe.ui.form.on("User", {
	refresh(frm) {
		if (frm.is_new()) return;
		const self = frm.doc.name === frappe.session.user;
		if (!self && !frappe.user.has_role("System Manager")) return;
		frm.page.add_menu_item(__("Connect Slack"), () =>
			frappe
				.call({
					method: "frappe_slack_connector.api.auth.connect_slack",
					args: { user_email: frm.doc.email || frm.doc.name },
				})
				.then((r) => {
					const d = r.message || {};
					frappe.show_alert({
						message: __("Connected to Slack user {0}", [
							frappe.utils.escape_html(d.slack_username || d.slack_user_id || ""),
						]),
						indicator: "green",
					});
				})
		);
	},
});

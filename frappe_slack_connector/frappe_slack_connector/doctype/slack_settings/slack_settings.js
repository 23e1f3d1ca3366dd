// Slack Settings: connect the workspace, copy the app manifest, sync users, test the setup.
const API = "frappe_slack_connector.api";

// Slack Settings → Delivery: the outbox's counts by state and the oldest waiting delivery,
// computed when the form is shown (frappe_slack_connector.api.outbox.overview), never stored.
function show_delivery_overview(frm) {
	const field = frm.get_field("delivery_overview");
	if (!field) return;
	frappe.call({ method: `${API}.outbox.overview`, type: "GET" }).then((r) => {
		const { counts, oldest_pending_seconds } = r.message;
		const rows = Object.entries(counts)
			.map(
				([state, count]) =>
					`<tr><td>${__(state)}</td><td class="text-right">${Number(count)}</td></tr>`
			)
			.join("");
		const oldest =
			oldest_pending_seconds === null
				? __("Nothing is waiting to be sent.")
				: __("The oldest delivery waiting was owed {0} minutes ago.", [
						Math.round(oldest_pending_seconds / 60),
				  ]);
		field.$wrapper.html(
			`<table class="table table-condensed">${rows}</table><p class="text-muted">${oldest}</p>` +
				`<a href="/app/slack-delivery">${__("Open Slack Delivery")}</a>`
		);
	});
}

frappe.ui.form.on("Slack Settings", {
	refresh(frm) {
		show_delivery_overview(frm);
		const setup = __("Set up");
		const test = __("Test");

		frm.add_custom_button(
			__("Add to Slack"),
			() => {
				// A set Password field comes to the form as asterisks, an unset one empty.
				if (!frm.doc.client_id || !frm.doc.client_secret) {
					frappe.msgprint({
						title: __("Slack was not connected"),
						indicator: "orange",
						message: __(
							"Set the Client ID and Client Secret (Slack app → Basic Information) in Slack Settings first."
						),
					});
					return;
				}
				if (frm.is_dirty()) {
					frappe.msgprint(__("Save the Client ID and Client Secret first."));
					return;
				}
				// The server checks the setup and answers a refusal as a desk message; only then does
				// the browser leave for Slack, which sends it back to the callback page.
				frappe
					.call({ method: `${API}.oauth.install`, type: "GET" })
					.then((r) => {
						window.location.href = r.message.authorize_url;
					});
			},
			setup
		);

		frm.add_custom_button(
			__("Copy Slack app manifest"),
			() =>
				frappe.call({ method: `${API}.manifest.get_manifest`, type: "GET" }).then((r) => {
					if (!r.message) return;
					frappe.utils.copy_to_clipboard(JSON.stringify(r.message, null, 2));
					frappe.show_alert({
						message: __("Manifest copied: paste it at api.slack.com/apps → Create New App → From a manifest"),
						indicator: "green",
					});
				}),
			setup
		);

		// The attendance summary below is the first of the digest rules; the others live there.
		frm.add_custom_button(__("Digests"), () => frappe.set_route("List", "Slack Digest"), setup);

		frm.add_custom_button(
			__("Sync Slack users"),
			() =>
				frappe.call({ method: `${API}.workspace.sync_slack_users` }).then(() =>
					frappe.show_alert({
						message: __("Slack user sync queued; you will see the result when it finishes, and under Slack User Sync once you reload."),
						indicator: "blue",
					})
				),
			setup
		);

		frm.add_custom_button(
			__("Test connection"),
			() =>
				frappe.call({ method: `${API}.workspace.test_connection` }).then((r) => {
					const d = r.message || {};
					let message = __("Workspace {0}, bot {1}.", [
						frappe.utils.escape_html(d.team || d.team_id || ""),
						frappe.utils.escape_html(d.bot || d.bot_user_id || ""),
					]);
					if (d.socket_mode) {
						message += " " + __("Socket Mode: the App-Level Token opens a connection.");
					}
					frappe.msgprint({
						title: __("Slack connection works"),
						indicator: "green",
						message,
					});
					show_connected_workspace(frm, d);
				}),
			test
		);

		frm.add_custom_button(
			__("Test channel"),
			() =>
				frappe
					.call({
						method: `${API}.test_slack_channel.test_channel`,
						args: { channel_id: frm.doc.attendance_channel_id },
					})
					.then((r) =>
						frappe.show_alert({
							message: __("Test message posted to {0}", [
								frappe.utils.escape_html((r.message || {}).channel || ""),
							]),
							indicator: "green",
						})
					),
			test
		);
	},
});

// The server kept the workspace Test connection saw (erp/settings.record_workspace), without
// touching `modified`. Reload to show Connected Workspace: Frappe hides a section whose read-only
// fields are all empty (base_control.js, hide_empty_read_only_fields). A form with unsaved edits
// keeps them: copy the values instead, so its next save keeps the workspace as well.
function show_connected_workspace(frm, d) {
	if (!frm.is_dirty()) {
		frm.reload_doc();
		return;
	}
	const seen = { slack_team_id: d.team_id, slack_team_name: d.team, bot_user_id: d.bot_user_id };
	for (const [fieldname, value] of Object.entries(seen)) {
		if (value) frm.doc[fieldname] = value;
	}
	frm.refresh_fields();
}

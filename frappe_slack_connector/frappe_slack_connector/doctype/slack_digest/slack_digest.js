// Slack Digest: "Preview" shows the post as Slack would render it today (nothing is sent).
frappe.ui.form.on("Slack Digest", {
	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(__("Preview"), () => {
			frappe
				.call({
					method: "frappe_slack_connector.api.digests.preview",
					args: { rule: frm.doc.name },
					freeze: true,
				})
				.then((r) => {
					const preview = r.message;
					const body = preview.markdown
						? frappe.markdown(preview.markdown)
						: `<p class="text-muted">${__("Nothing would be posted today.")}</p>`;
					const dialog = new frappe.ui.Dialog({
						title: __("Preview of {0}", [frm.doc.digest_name]),
						size: "large",
						fields: [{ fieldtype: "HTML", fieldname: "post" }],
					});
					dialog.fields_dict.post.$wrapper.html(
						`<p class="text-muted">${__("Channel {0}", [
							frappe.utils.escape_html(preview.channel || ""),
						])}</p>${body}`
					);
					dialog.show();
				});
		});
	},
});

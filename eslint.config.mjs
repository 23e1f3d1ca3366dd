// Lint for the desk scripts. Frappe loads them as classic scripts with these globals.
import js from "@eslint/js";

export default [
	{ ignores: ["node_modules/**", "target/**", ".venv/**", "rust/**"] },
	js.configs.recommended,
	{
		files: ["frappe_slack_connector/**/*.js"],
		languageOptions: {
			ecmaVersion: 2022,
			sourceType: "script",
			// cur_list: the list view Frappe has open (frappe/public/js/frappe/list/list_view.js sets window.cur_list).
			globals: { frappe: "readonly", __: "readonly", $: "readonly", window: "readonly", navigator: "readonly", cur_list: "readonly" },
		},
	},
];

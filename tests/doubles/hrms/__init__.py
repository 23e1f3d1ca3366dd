"""hrms double. `translations/de.csv` holds, verbatim, the rows of frappe/hrms version-15 @0155017a
`hrms/translations/de.csv` for the messages this double's leave code raises (same sources, same
German, the same `source,translated,` three-column form hrms ships); frappe/translate.py reads it
like any installed app's translations."""

//! Which links of a `link_shared` event are desk forms of a Leave Application on this site:
//! `{site}/app/leave-application/<name>` (Frappe v15; v16's desk is at `/desk/…`, the old path
//! redirecting there), the name percent-encoded as the desk writes it, read
//! with the `url` crate. Anything else — another host or port, another doctype, a list view, a
//! name that does not decode — is left alone: no preview is offered for it.

use percent_encoding::percent_decode_str;
use serde::Serialize;
use url::Url;

/// The desk's prefixes: `/app` (v15, still redirected in v16) and `/desk` (v16).
const DESK_PREFIXES: [&str; 2] = ["app", "desk"];
const LEAVE_APPLICATION_SLUG: &str = "leave-application";
/// Longest link read: a desk URL is short; a longer one is not a form of ours.
pub const MAX_LINK_CHARS: usize = 2000;
/// Frappe document names are at most 140 characters (`varchar(140)`).
pub const MAX_NAME_CHARS: usize = 140;

/// A link to one Leave Application's form, as posted (the key of its unfurl) and the name read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeaveLink {
    pub url: String,
    pub name: String,
}

/// The links among `urls` that open a Leave Application form on the site at `site`, each URL
/// once, in their order. A site URL that does not parse matches nothing.
pub fn leave_links(urls: &[String], site: &str) -> Vec<LeaveLink> {
    let Ok(base) = Url::parse(site.trim()) else {
        return vec![];
    };
    if !matches!(base.scheme(), "http" | "https") || base.host_str().is_none() {
        return vec![];
    }
    let mut found: Vec<LeaveLink> = vec![];
    for raw in urls {
        if let Some(name) = leave_name(raw, &base) {
            if !found.iter().any(|l| l.url == *raw) {
                found.push(LeaveLink {
                    url: raw.clone(),
                    name,
                });
            }
        }
    }
    found
}

/// The Leave Application `raw` opens on the site `base`, if it is one of its forms.
fn leave_name(raw: &str, base: &Url) -> Option<String> {
    if raw.chars().count() > MAX_LINK_CHARS {
        return None;
    }
    let url = Url::parse(raw).ok()?;
    if !matches!(url.scheme(), "http" | "https")
        || url.host_str() != base.host_str()
        || url.port_or_known_default() != base.port_or_known_default()
        || !url.username().is_empty()
        || url.password().is_some()
    {
        return None;
    }
    // The site may live under a path prefix (a reverse proxy): the form is below it.
    let prefix: Vec<&str> = base.path_segments()?.filter(|s| !s.is_empty()).collect();
    let mut segments: Vec<&str> = url.path_segments()?.collect();
    if segments.last() == Some(&"") {
        segments.pop(); // a trailing slash
    }
    let rest = segments.strip_prefix(prefix.as_slice())?;
    let [desk, slug, encoded] = rest else {
        return None;
    };
    if !DESK_PREFIXES.contains(desk) || *slug != LEAVE_APPLICATION_SLUG {
        return None;
    }
    let name = percent_decode_str(encoded).decode_utf8().ok()?;
    let name = name.trim();
    if name.is_empty()
        || name.chars().count() > MAX_NAME_CHARS
        || name.contains(|c: char| c == '/' || c.is_control())
    {
        return None;
    }
    Some(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: &str = "https://erp.example.com";

    fn names(urls: &[&str], site: &str) -> Vec<String> {
        let urls: Vec<String> = urls.iter().map(|u| (*u).to_owned()).collect();
        leave_links(&urls, site)
            .into_iter()
            .map(|l| l.name)
            .collect()
    }

    #[test]
    fn a_leave_form_on_the_site_is_read() {
        assert_eq!(
            names(
                &[
                    "https://erp.example.com/app/leave-application/HR-LAP-2026-00042",
                    "https://erp.example.com/desk/leave-application/HR-LAP-2026-00043",
                ],
                SITE
            ),
            ["HR-LAP-2026-00042", "HR-LAP-2026-00043"]
        );
        // A trailing slash, a query and a fragment change nothing.
        assert_eq!(
            names(
                &["https://ERP.example.com/app/leave-application/HR-LAP-1/?x=1#top"],
                SITE
            ),
            ["HR-LAP-1"]
        );
    }

    #[test]
    fn an_encoded_name_is_decoded() {
        assert_eq!(
            names(
                &["https://erp.example.com/app/leave-application/Leave%20of%20J%C3%BCrgen"],
                SITE
            ),
            ["Leave of Jürgen"]
        );
    }

    #[test]
    fn other_hosts_ports_schemes_and_doctypes_are_ignored() {
        let others = [
            "https://evil.example.com/app/leave-application/HR-LAP-1",
            "https://erp.example.com.evil.com/app/leave-application/HR-LAP-1",
            "https://erp.example.com:8443/app/leave-application/HR-LAP-1",
            "ftp://erp.example.com/app/leave-application/HR-LAP-1",
            "https://user:pw@erp.example.com/app/leave-application/HR-LAP-1",
            "https://erp.example.com/app/expense-claim/HR-EXP-1",
            "https://erp.example.com/app/leave-application",
            "https://erp.example.com/app/leave-application/",
            "https://erp.example.com/app/leave-application/HR-LAP-1/edit",
            "https://erp.example.com/leave-application/HR-LAP-1",
            "https://erp.example.com/app/leave-application/%2F..%2Fx",
            "https://erp.example.com/app/leave-application/%FF",
            "https://erp.example.com/app/leave-application/%20",
            "not a url",
            "",
        ];
        assert!(names(&others, SITE).is_empty());
    }

    #[test]
    fn a_site_under_a_path_prefix_keeps_its_prefix() {
        let site = "https://example.com/erp/";
        assert_eq!(
            names(
                &[
                    "https://example.com/erp/app/leave-application/HR-LAP-7",
                    "https://example.com/app/leave-application/HR-LAP-8",
                ],
                site
            ),
            ["HR-LAP-7"]
        );
    }

    #[test]
    fn each_url_once_and_long_ones_refused() {
        let url = "https://erp.example.com/app/leave-application/HR-LAP-1";
        assert_eq!(names(&[url, url], SITE), ["HR-LAP-1"]);
        let long = format!(
            "https://erp.example.com/app/leave-application/{}",
            "A".repeat(MAX_NAME_CHARS + 1)
        );
        assert!(names(&[&long], SITE).is_empty());
        let huge = format!("{url}?{}", "q".repeat(MAX_LINK_CHARS));
        assert!(names(&[&huge], SITE).is_empty());
    }

    #[test]
    fn a_bad_site_url_matches_nothing() {
        assert!(names(&["https://erp.example.com/app/leave-application/X"], "").is_empty());
        assert!(names(
            &["https://erp.example.com/app/leave-application/X"],
            "ftp://x"
        )
        .is_empty());
    }
}

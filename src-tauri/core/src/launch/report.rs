//! A launch's verdict as Markdown, for a support ticket: the checks with what was seen and
//! the fix, the notes, and who the app was launched as. Nothing secret is in a verdict
//! (the trace keeps no code, state or token values); URLs in messages are redacted all the
//! same, in case a partner's app put a secret in one.

use std::fmt::Write as _;

use url::Url;

use super::LaunchVerdict;
use crate::checks::Severity;
use crate::console::redacted_url;

fn mark(severity: Severity) -> &'static str {
    severity.mark()
}

/// Every word of `text` that is a URL, with its secret-like query values redacted; table
/// pipes escaped.
fn cell(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            let trimmed = word.trim_end_matches(['.', ',', ')', ';']);
            match Url::parse(trimmed) {
                Ok(url) if url.query().is_some() || url.fragment().is_some() => {
                    word.replacen(trimmed, &redacted_url(&url), 1)
                }
                _ => word.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

impl LaunchVerdict {
    pub(crate) fn with_markdown(mut self) -> Self {
        self.markdown = markdown(&self);
        self
    }
}

fn markdown(verdict: &LaunchVerdict) -> String {
    let mut md = String::new();
    let _ = writeln!(
        md,
        "# App launch {}: `{}` — {}\n",
        verdict.run_id,
        verdict.app_code_name,
        mark(verdict.verdict)
    );
    let _ = writeln!(
        md,
        "Launched {} in business `{}` as staff member `{}`; judged from {}.\n",
        verdict
            .started_at
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default(),
        verdict.business_uid,
        verdict.staff_uid,
        if verdict.sandbox {
            "the sandbox platform's trace of what the app did"
        } else {
            "the login window's navigations only (not the sandbox)"
        }
    );
    let _ = writeln!(md, "| Result | Check | Seen | Fix |");
    let _ = writeln!(md, "|---|---|---|---|");
    for check in &verdict.checks {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} |",
            mark(check.severity),
            check.title,
            cell(&check.message),
            check.fix.as_deref().map(cell).unwrap_or_default()
        );
    }
    if !verdict.notes.is_empty() {
        let _ = writeln!(md, "\nNotes:\n");
        for note in &verdict.notes {
            let _ = writeln!(md, "- {}", cell(note));
        }
    }
    let _ = writeln!(
        md,
        "\n_No secret is included: codes, states, tokens and client secrets are never part of a verdict._"
    );
    md
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::launch::verdict::LaunchCheck;
    use crate::platform::AppCodeName;
    use time::OffsetDateTime;

    fn verdict(checks: Vec<LaunchCheck>) -> LaunchVerdict {
        LaunchVerdict {
            run_id: 7,
            app_code_name: AppCodeName::new("partnerapp").unwrap(),
            business_uid: "biz1".into(),
            staff_uid: "stf1".into(),
            verdict: crate::launch::verdict::worst(&checks),
            checks,
            sandbox: true,
            started_at: OffsetDateTime::UNIX_EPOCH,
            finished_at: OffsetDateTime::UNIX_EPOCH,
            notes: vec!["Installed app partnerapp in business Studio for this launch.".into()],
            markdown: String::new(),
        }
        .with_markdown()
    }

    #[test]
    fn the_report_lists_each_check_with_its_result_and_fix_and_the_notes() {
        let v = verdict(vec![
            LaunchCheck::new(
                "state_sent",
                "A state",
                Severity::Fail,
                "Your app never sent state.",
            )
            .fix("Send an unguessable value as state."),
            LaunchCheck::new(
                "exchange",
                "Exchange",
                Severity::Pass,
                "Exchanged after 1 s.",
            ),
        ]);
        assert!(v
            .markdown
            .starts_with("# App launch 7: `partnerapp` — FAIL"));
        assert!(v.markdown.contains(
            "| FAIL | A state | Your app never sent state. | Send an unguessable value as state. |"
        ));
        assert!(v
            .markdown
            .contains("| PASS | Exchange | Exchanged after 1 s. |  |"));
        assert!(v.markdown.contains("- Installed app partnerapp"));
    }

    #[test]
    fn a_url_with_a_code_or_state_in_a_message_is_redacted_and_pipes_are_escaped() {
        let v = verdict(vec![LaunchCheck::new(
            "redirect_uri",
            "A registered redirect URI",
            Severity::Fail,
            "The app came back to https://app.example.com/cb?code=SECRETCODE&state=SECRETSTATE&x=1, not a | registered one.",
        )]);
        assert!(!v.markdown.contains("SECRETCODE"), "{}", v.markdown);
        assert!(!v.markdown.contains("SECRETSTATE"), "{}", v.markdown);
        assert!(v.markdown.contains("x=1"));
        assert!(v.markdown.contains("not a \\| registered"));
    }
}

//! The Markdown report, for a pull-request comment or a release's changelog: the summary
//! line, a collapsible `<details>` block per record, the totals as a table.

use std::fmt::Write as _;

use super::describe::{self, Line, Seg};
use super::{clean, side};
use crate::change::{ChangeSet, EventChange, RecordChange, Status, Which};

/// Renders the Markdown report. With `limit`, the report is cut (whole blocks at a time,
/// the totals and the summary always kept) to stay under that many bytes — GitHub keeps a
/// comment to 65,536 characters.
pub fn markdown(set: &ChangeSet, limit: Option<usize>) -> String {
    let mut head = String::new();
    let _ = writeln!(
        head,
        "### faultline diff: {} → {}\n",
        code(&side(&set.old)),
        code(&side(&set.new))
    );
    let _ = writeln!(head, "{}", segs(&describe::summary(set)));

    let mut blocks: Vec<String> = Vec::new();
    let mut records = 0usize;
    for (statuses, title) in [
        (&[Status::Added][..], "Added events"),
        (&[Status::Removed][..], "Removed events"),
        (&[Status::Changed, Status::Renamed][..], "Changed events"),
    ] {
        let events: Vec<&EventChange> = set
            .events
            .iter()
            .filter(|e| statuses.contains(&e.change))
            .collect();
        if events.is_empty() {
            continue;
        }
        blocks.push(format!("\n#### {title} ({})\n\n", events.len()));
        for e in events {
            blocks.push(event(e));
            records += 1;
        }
    }
    for (title, list) in [
        ("Sources", &set.sources),
        ("Places", &set.places),
        ("Actors", &set.actors),
    ] {
        if list.is_empty() {
            continue;
        }
        blocks.push(format!("\n#### {title} ({})\n\n", list.len()));
        for r in list {
            blocks.push(record(r));
            records += 1;
        }
    }

    let mut tail = String::new();
    if !set.totals.is_empty() {
        tail.push_str(
            "\n#### Totals that moved\n\nPer party and category, the sum over events of the \
             derived figures (low–high, best).\n\n\
             | party | category | before | after | moved by |\n|---|---|---|---|---|\n",
        );
        for t in &set.totals {
            let moved: Vec<String> = t
                .events
                .iter()
                .map(|r| {
                    format!(
                        "{} ({}) {} → {}",
                        code(&r.event),
                        md(&r.change),
                        describe::range(r.old.as_ref()),
                        describe::range(r.new.as_ref())
                    )
                })
                .collect();
            let _ = writeln!(
                tail,
                "| {} | {} | {} | {} | {} |",
                code(&t.party),
                md(&t.category),
                describe::range(Some(&t.old)),
                describe::range(Some(&t.new)),
                moved.join("<br>")
            );
        }
    }
    if !set.invalid.is_empty() {
        let _ = writeln!(
            tail,
            "\n#### Not compared: files or records that do not load ({})\n",
            set.invalid.len()
        );
        for i in &set.invalid {
            let which = match i.side {
                Which::Old => "old",
                Which::New => "new",
                Which::Both => "both",
            };
            let _ = writeln!(
                tail,
                "- **{which}** {}: {}",
                code(&format!("{}:{}:{}", i.file, i.line, i.column)),
                md(&i.message)
            );
        }
    }

    let mut out = head;
    let budget = limit.map(|l| l.saturating_sub(out.len() + tail.len() + 300));
    let mut used = 0usize;
    let mut shown = 0usize;
    for b in &blocks {
        if budget.is_some_and(|max| used + b.len() > max) {
            break;
        }
        used += b.len();
        out.push_str(b);
        if b.starts_with("<details>") {
            shown += 1;
        }
    }
    if shown < records {
        let _ = writeln!(
            out,
            "\n_… and {} more changed records, left out to keep this under {} characters: run \
             `faultline diff` for the whole report._",
            records - shown,
            limit.unwrap_or_default()
        );
    }
    out.push_str(&tail);
    out
}

fn marker(status: Status) -> &'static str {
    match status {
        Status::Added => "<b>+</b>",
        Status::Removed => "<b>−</b>",
        Status::Renamed | Status::Changed => "<b>~</b>",
    }
}

/// What changed in a phrase, for the line shown when the block is folded.
fn gist(e: &EventChange) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(old) = &e.old_id {
        parts.push(format!("renamed from {}", html(old)));
    }
    let mut fields: Vec<&str> = e
        .fields
        .iter()
        .map(|f| f.field.split(['.', '[']).next().unwrap_or(""))
        .collect();
    fields.dedup();
    if !fields.is_empty() {
        parts.push(html(&fields.join(", ")));
    }
    let count = |what: &str, n: usize| {
        (n > 0).then(|| {
            let (noun, verb) = what.split_once(' ').unwrap_or((what, ""));
            let s = if n == 1 { "" } else { "s" };
            format!("{n} {noun}{s} {verb}")
        })
    };
    let fig = |s| e.figures.iter().filter(|f| f.change == s).count();
    let claim = |s| e.claims.iter().filter(|c| c.change == s).count();
    use crate::change::ItemStatus as I;
    let items: Vec<String> = [
        count("figure revised", fig(I::Revised)),
        count("figure added", fig(I::Added)),
        count("figure withdrawn", fig(I::Withdrawn)),
        count("figure changed", fig(I::Changed)),
        count("claim added", claim(I::Added)),
        count("claim withdrawn", claim(I::Withdrawn)),
        count("claim changed", claim(I::Changed)),
    ]
    .into_iter()
    .flatten()
    .collect();
    parts.extend(items);
    if parts.is_empty() {
        String::new()
    } else {
        format!(" — <i>{}</i>", parts.join("; "))
    }
}

fn event(e: &EventChange) -> String {
    let mut lines = Vec::new();
    describe::duplicate_id(e.change, e.duplicate_id, &mut lines);
    if let Some(record) = &e.record {
        lines.push(Line {
            depth: 0,
            segs: describe::event_outline(record),
        });
        describe::event_items(record, 0, &mut lines);
    }
    describe::fields(&e.fields, 0, &mut lines);
    describe::figures(&e.figures, 0, &mut lines);
    describe::claims(&e.claims, 0, &mut lines);
    details(
        &format!(
            "{} <code>{}</code> {}{}",
            marker(e.change),
            html(&e.id),
            html(&describe::clip(&e.title, 100)),
            gist(e)
        ),
        &lines,
    )
}

fn record(r: &RecordChange) -> String {
    let mut lines = Vec::new();
    describe::duplicate_id(r.change, r.duplicate_id, &mut lines);
    if let Some(old) = &r.old_id {
        lines.push(Line {
            depth: 0,
            segs: vec![
                Seg::Label("renamed from".into()),
                Seg::Text(" ".into()),
                Seg::Code(old.clone()),
            ],
        });
    }
    if let Some(record) = &r.record {
        lines.push(Line {
            depth: 0,
            segs: describe::record_outline(record),
        });
    }
    describe::fields(&r.fields, 0, &mut lines);
    let name = r
        .name
        .as_deref()
        .map(|n| format!(" {}", html(&describe::clip(n, 100))))
        .unwrap_or_default();
    details(
        &format!("{} <code>{}</code>{name}", marker(r.change), html(&r.id)),
        &lines,
    )
}

fn details(summary: &str, lines: &[Line]) -> String {
    if lines.is_empty() {
        return format!("<details><summary>{summary}</summary></details>\n");
    }
    let mut out = format!("<details><summary>{summary}</summary>\n\n");
    for l in lines {
        let _ = writeln!(out, "{}- {}", "  ".repeat(l.depth), segs(&l.segs));
    }
    out.push_str("\n</details>\n");
    out
}

fn segs(segs: &[Seg]) -> String {
    let mut out = String::new();
    for s in segs {
        match s {
            Seg::Text(t) | Seg::Old(t) | Seg::New(t) => out.push_str(&md(t)),
            Seg::Code(t) => out.push_str(&code(t)),
            Seg::Label(t) => {
                let _ = write!(out, "**{}**", md(t));
            }
            Seg::Gone(t) => {
                let _ = write!(out, "<del>{}</del>", md(t));
            }
            Seg::Came(t) => {
                let _ = write!(out, "<ins>{}</ins>", md(t));
            }
            Seg::Cut => out.push('…'),
        }
    }
    out
}

/// Text with every character Markdown or HTML could read as markup escaped.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in clean(s).chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '!' | '$' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Text inside an HTML element (`<summary>`), where Markdown is not read.
fn html(s: &str) -> String {
    clean(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('|', "&#124;")
}

/// An inline code span (never holding a backtick, never breaking a table).
fn code(s: &str) -> String {
    format!("`{}`", clean(s).replace('`', "ˋ").replace('|', "\\|"))
}

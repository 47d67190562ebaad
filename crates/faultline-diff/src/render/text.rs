//! The text report: a summary line, then each section; colour optional.

use std::fmt::Write as _;

use super::describe::{self, Line, Seg};
use super::{clean, side};
use crate::change::{ChangeSet, EventChange, RecordChange, Status, Which};

/// ANSI colours, or nothing.
#[derive(Clone, Copy)]
struct Paint(bool);

impl Paint {
    fn wrap(self, code: &str, s: &str) -> String {
        if self.0 && !s.is_empty() {
            format!("\u{1b}[{code}m{s}\u{1b}[0m")
        } else {
            s.to_owned()
        }
    }
    fn bold(self, s: &str) -> String {
        self.wrap("1", s)
    }
    fn dim(self, s: &str) -> String {
        self.wrap("2", s)
    }
    fn red(self, s: &str) -> String {
        self.wrap("31", s)
    }
    fn green(self, s: &str) -> String {
        self.wrap("32", s)
    }
    fn yellow(self, s: &str) -> String {
        self.wrap("33", s)
    }
    fn cyan(self, s: &str) -> String {
        self.wrap("36", s)
    }
}

/// Renders the text report; with `color`, ANSI colours for a terminal.
pub fn text(set: &ChangeSet, color: bool) -> String {
    let p = Paint(color);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {} → {}",
        p.bold("faultline diff"),
        clean(&side(&set.old)),
        clean(&side(&set.new))
    );
    let _ = writeln!(out, "{}", segs(p, &describe::summary(set)));

    for (status, title) in [
        (Status::Added, "Added events"),
        (Status::Removed, "Removed events"),
        (Status::Changed, "Changed events"),
    ] {
        let events: Vec<&EventChange> = set
            .events
            .iter()
            .filter(|e| {
                e.change == status || (status == Status::Changed && e.change == Status::Renamed)
            })
            .collect();
        if events.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{} ({})", p.bold(title), events.len());
        for e in events {
            event(p, e, &mut out);
        }
    }
    for (title, records) in [
        ("Sources", &set.sources),
        ("Places", &set.places),
        ("Actors", &set.actors),
    ] {
        if records.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{} ({})", p.bold(title), records.len());
        for r in records {
            record(p, r, &mut out);
        }
    }
    if !set.totals.is_empty() {
        let _ = writeln!(
            out,
            "\n{} {}",
            p.bold("Totals that moved"),
            p.dim("(per party and category: the sum over events of the derived low–high and best figure)")
        );
        for t in &set.totals {
            let _ = writeln!(
                out,
                "  {} {}: {} → {}",
                p.cyan(&clean(&t.party)),
                clean(&t.category),
                p.red(&describe::range(Some(&t.old))),
                p.green(&describe::range(Some(&t.new)))
            );
            for r in &t.events {
                let _ = writeln!(
                    out,
                    "      {} ({}): {} → {}",
                    p.cyan(&clean(&r.event)),
                    r.change,
                    describe::range(r.old.as_ref()),
                    describe::range(r.new.as_ref())
                );
            }
        }
    }
    if !set.invalid.is_empty() {
        let _ = writeln!(
            out,
            "\n{} ({})",
            p.bold("Not compared: files or records that do not load"),
            set.invalid.len()
        );
        for i in &set.invalid {
            let which = match i.side {
                Which::Old => "old ",
                Which::New => "new ",
                Which::Both => "both",
            };
            let _ = writeln!(
                out,
                "  {} {}:{}:{}: {}",
                p.yellow(which),
                clean(&i.file),
                i.line,
                i.column,
                clean(&i.message)
            );
        }
    }
    out
}

fn marker(p: Paint, status: Status) -> String {
    match status {
        Status::Added => p.green("+"),
        Status::Removed => p.red("-"),
        Status::Renamed | Status::Changed => p.yellow("~"),
    }
}

fn event(p: Paint, e: &EventChange, out: &mut String) {
    let _ = writeln!(
        out,
        "  {} {}  {}",
        marker(p, e.change),
        p.cyan(&clean(&e.id)),
        clean(&describe::clip(&e.title, 100))
    );
    let mut lines = Vec::new();
    describe::duplicate_id(e.change, e.duplicate_id, &mut lines);
    if let Some(old) = &e.old_id {
        lines.push(Line {
            depth: 0,
            segs: vec![
                Seg::Label("renamed from".into()),
                Seg::Text(" ".into()),
                Seg::Code(old.clone()),
            ],
        });
    }
    if let Some(record) = &e.record {
        lines.push(Line {
            depth: 0,
            segs: describe::event_outline(record),
        });
    }
    describe::fields(&e.fields, 0, &mut lines);
    describe::figures(&e.figures, 0, &mut lines);
    describe::claims(&e.claims, 0, &mut lines);
    write_lines(p, &lines, out);
}

fn record(p: Paint, r: &RecordChange, out: &mut String) {
    let name = r.name.as_deref().map(|n| clean(&describe::clip(n, 100)));
    let _ = writeln!(
        out,
        "  {} {}{}",
        marker(p, r.change),
        p.cyan(&clean(&r.id)),
        name.map(|n| format!("  {n}")).unwrap_or_default()
    );
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
    write_lines(p, &lines, out);
}

fn write_lines(p: Paint, lines: &[Line], out: &mut String) {
    for line in lines {
        let _ = writeln!(
            out,
            "{}{}",
            " ".repeat(6 + 2 * line.depth),
            segs(p, &line.segs)
        );
    }
}

fn segs(p: Paint, segs: &[Seg]) -> String {
    let mut out = String::new();
    for s in segs {
        match s {
            Seg::Text(t) => out.push_str(&clean(t)),
            Seg::Code(t) => out.push_str(&p.cyan(&clean(t))),
            Seg::Label(t) => out.push_str(&p.bold(&clean(t))),
            Seg::Old(t) => out.push_str(&p.red(&clean(t))),
            Seg::New(t) => out.push_str(&p.green(&clean(t))),
            Seg::Gone(t) if p.0 => out.push_str(&p.wrap("31;9", &clean(t))),
            Seg::Came(t) if p.0 => out.push_str(&p.wrap("32;4", &clean(t))),
            Seg::Gone(t) => {
                let _ = write!(out, "[-{}-]", clean(t));
            }
            Seg::Came(t) => {
                let _ = write!(out, "{{+{}+}}", clean(t));
            }
            Seg::Cut => out.push_str(&p.dim("…")),
        }
    }
    out
}

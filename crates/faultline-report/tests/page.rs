//! The page as a reader's browser sees it: well-formed HTML, every event an anchor and every
//! link a target, nothing loaded from anywhere, record text shown and never obeyed, the same
//! bytes for the same records; and a snapshot of its structure on the fixture dataset.

#![allow(clippy::unwrap_used)]

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use faultline_dataset::Dataset;
use faultline_report::{Options, Report, report};
use faultline_validate::Config;
use scraper::{ElementRef, Html, Node, Selector};

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dataset")
}

fn open(dir: &Path) -> Dataset {
    let dataset = Dataset::open(dir).expect("the dataset opens");
    assert!(dataset.errors.is_empty(), "{:?}", dataset.errors);
    dataset
}

fn options() -> Options {
    let mut options = Options::new(Config::with_today("2026-12-02".parse().unwrap()));
    options.dataset_name = Some("fixture".to_owned());
    options
}

fn page(dir: &Path) -> Report {
    report(&open(dir), &options())
}

/// Parses the page, asserting the HTML parser reports no error.
fn parse(html: &str) -> Html {
    let doc = Html::parse_document(html);
    assert!(doc.errors.is_empty(), "HTML parse errors: {:?}", doc.errors);
    doc
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

/// Every element id is unique, and every link within the page goes to one of them.
fn assert_links_resolve(doc: &Html) {
    let mut ids = HashSet::new();
    for e in select(doc, "[id]") {
        let id = e.value().attr("id").unwrap();
        assert!(ids.insert(id.to_owned()), "the id {id:?} appears twice");
    }
    for a in select(doc, "a[href^='#']") {
        let target = &a.value().attr("href").unwrap()[1..];
        assert!(
            ids.contains(target),
            "a link to #{target}, which is not on the page"
        );
    }
}

/// Nothing on the page loads anything: no external resource elements, no `src`, no CSS
/// `url()` or `@import`, and a policy that forbids loading.
fn assert_self_contained(doc: &Html) {
    for tag in [
        "link", "img", "iframe", "object", "embed", "base", "audio", "video",
    ] {
        assert!(select(doc, tag).is_empty(), "a <{tag}> element");
    }
    assert!(select(doc, "[src]").is_empty(), "an element with src");
    assert!(select(doc, "[srcset]").is_empty(), "an element with srcset");
    for style in select(doc, "style") {
        let css: String = style.text().collect();
        assert!(!css.contains("url("), "CSS loads a resource");
        assert!(!css.contains("@import"), "CSS imports a style sheet");
    }
    let policy = select(doc, "meta[http-equiv='Content-Security-Policy']");
    assert_eq!(policy.len(), 1);
    assert!(
        policy[0]
            .value()
            .attr("content")
            .unwrap()
            .starts_with("default-src 'none'")
    );
    // The only script is the page's own filter.
    let scripts = select(doc, "script");
    assert_eq!(scripts.len(), 1);
    assert!(scripts[0].value().attr("src").is_none());
    for e in select(doc, "*") {
        for (name, _) in e.value().attrs() {
            assert!(!name.starts_with("on"), "an event handler attribute {name}");
        }
    }
    // Links leave the page only for a source's address, over HTTP(S).
    for a in select(doc, "a[href]") {
        let href = a.value().attr("href").unwrap();
        assert!(
            href.starts_with('#') || href.starts_with("https://") || href.starts_with("http://"),
            "a link to {href}"
        );
    }
}

#[test]
fn the_fixture_page_is_well_formed_linked_and_self_contained() {
    let page = page(&fixture_dir());
    assert_eq!(page.events, 5);
    let doc = parse(&page.html);
    assert_links_resolve(&doc);
    assert_self_contained(&doc);
    // Every section, in order.
    let sections: Vec<&str> = select(&doc, "main > section")
        .iter()
        .map(|s| s.value().attr("id").unwrap())
        .collect();
    assert_eq!(
        sections,
        [
            "overview",
            "timeline",
            "figures",
            "accusations",
            "map",
            "events"
        ]
    );
}

#[test]
fn every_event_of_the_bundled_dataset_is_an_anchor() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let dataset = open(&data);
    let page = report(&dataset, &options());
    assert_eq!(page.events, dataset.events.len());
    let doc = parse(&page.html);
    assert_links_resolve(&doc);
    assert_self_contained(&doc);
    let articles: HashSet<&str> = select(&doc, "article.event")
        .iter()
        .map(|a| a.value().attr("id").unwrap())
        .collect();
    for e in &dataset.events {
        let id = e.record.id.as_str();
        assert!(articles.contains(id), "no section for {id}");
    }
    assert_eq!(articles.len(), dataset.events.len());
    // Every chart links to the events (the links resolve: checked above).
    assert!(!select(&doc, "#timeline svg a[href^='#']").is_empty());
    assert!(!select(&doc, "#figures .fig-event h4 a[href^='#']").is_empty());
    assert!(!select(&doc, "#map svg a[href^='#']").is_empty());
}

#[test]
fn the_same_records_give_the_same_bytes() {
    let a = page(&fixture_dir()).html;
    let b = page(&fixture_dir()).html;
    assert_eq!(a, b);
    // The bundled dataset too (hash maps are never iterated into the page).
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    assert_eq!(page(&data).html, page(&data).html);
}

/// Writes a dataset in which every piece of text a record carries is hostile markup.
fn hostile_dataset(dir: &Path) {
    const H: &str = r#"<script>alert(1)</script>"><img src=x onerror=alert(2)></style></svg><!-- ]]> &amp; 'q' javascript:alert(3)"#;
    let h = H.replace('\\', "\\\\").replace('"', "\\\"");
    std::fs::create_dir_all(dir.join("events/2021")).unwrap();
    std::fs::create_dir_all(dir.join("sources")).unwrap();
    std::fs::write(
        dir.join("actors.toml"),
        format!(
            "[[actor]]\nid = \"side-a\"\nname = \"A {h}\"\nkind = \"state-forces\"\ncountry = \"ARM\"\n\n\
             [[actor]]\nid = \"side-b\"\nname = \"B {h}\"\nkind = \"ministry\"\ncountry = \"AZE\"\n"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("places.toml"),
        format!(
            "[[place]]\nid = \"hill\"\nname = \"Hill {h}\"\nkind = \"village\"\ncountry = \"ARM\"\n\
             admin1 = \"{h}\"\nlat = 39.5\nlon = 46.3\nprecision = \"exact\"\nnames = [\"{h}\"]\n\
             coordinate_source = \"{h}\"\n"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("sources/src-1.toml"),
        format!(
            "id = \"src-1\"\nkind = \"news\"\npublisher = \"P {h}\"\ntitle = \"T {h}\"\n\
             authors = [\"{h}\"]\nurl = \"https://example.org/a?b=<c>&d=\\\"e\\\"\"\npublished = 2021-11-16\n"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("events/2021/2021-11-16-hostile.toml"),
        format!(
            "id = \"2021-11-16-hostile\"\ntitle = \"Title {h}\"\nkind = \"armed-clash\"\n\
             summary = \"Summary {h}\"\nnotes = \"Notes {h}\"\nsources = [\"src-1\"]\ntags = [\"{h}\"]\n\n\
             [date]\nstart = 2021-11-16\nprecision = \"day\"\nas_reported = \"{h}\"\nnote = \"{h}\"\n\n\
             [[places]]\nplace = \"hill\"\nrole = \"location\"\nnote = \"{h}\"\n\n\
             [[actors]]\nactor = \"side-a\"\nrole = \"participant\"\nnote = \"{h}\"\n\n\
             [[claims]]\nclaimant = \"side-b\"\nkind = \"accuses\"\nagainst = \"side-a\"\nsource = \"src-1\"\n\
             quote = \"{h}\"\nnote = \"{h}\"\n\n\
             [[casualties]]\nparty = \"side-a\"\ncategory = \"killed\"\ncount = 3\nclaimant = \"side-b\"\n\
             source = \"src-1\"\nquote = \"{h}\"\nnote = \"{h}\"\n"
        ),
    )
    .unwrap();
}

#[test]
fn record_text_is_shown_and_never_obeyed() {
    let dir = tempfile::tempdir().unwrap();
    hostile_dataset(dir.path());
    let dataset = open(dir.path());
    let mut options = options();
    options.title = "Report </title><script>alert(4)</script>".to_owned();
    options.dataset_name = Some("<b>name</b>".to_owned());
    let page = report(&dataset, &options);
    assert_eq!(page.events, 1);
    let doc = parse(&page.html);
    // No markup from the records made it in: one script (ours), no image, no handler, no
    // comment, every link where it belongs.
    assert_self_contained(&doc);
    assert_links_resolve(&doc);
    assert!(
        select(&doc, "b")
            .iter()
            .all(|b| b.text().collect::<String>() != "name")
    );
    for node in doc.tree.nodes() {
        assert!(!matches!(node.value(), Node::Comment(_)), "a comment");
    }
    // The text is all there, as text: in the event's section, in the charts and tables.
    let text: String = doc.root_element().text().collect();
    for shown in [
        "Title <script>alert(1)</script>",
        "Summary <script>",
        "Hill <script>",
        "A <script>",
        "B <script>",
        "<img src=x onerror=alert(2)>",
        "<b>name</b>",
    ] {
        assert!(text.contains(shown), "{shown:?} is not shown");
    }
    assert_eq!(
        select(&doc, "title")[0].text().collect::<String>(),
        "Report </title><script>alert(4)</script>"
    );
    let article = &select(&doc, "article[id='2021-11-16-hostile']")[0];
    let article_text: String = article.text().collect();
    assert!(
        article_text.matches("alert(1)").count() >= 10,
        "{article_text}"
    );
    // The source's address stays one address.
    let urls: Vec<&str> = select(&doc, "ol.sources a[href]")
        .iter()
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    assert_eq!(urls, ["https://example.org/a?b=<c>&d=\"e\""]);
}

/// An outline of the page: each element with its id, classes and link, and its own text;
/// the style and script as their names; each chart as its label and its texts.
fn outline(doc: &Html) -> String {
    let mut out = String::new();
    walk(doc.root_element(), 0, &mut out);
    out
}

fn walk(e: ElementRef<'_>, depth: usize, out: &mut String) {
    let v = e.value();
    let mut line = format!("{}{}", "  ".repeat(depth), v.name());
    if let Some(id) = v.attr("id") {
        line.push_str(&format!("#{id}"));
    }
    for class in v.classes() {
        line.push_str(&format!(".{class}"));
    }
    for attr in [
        "href",
        "data-kind",
        "data-year",
        "data-filter-kind",
        "data-filter-year",
    ] {
        if let Some(value) = v.attr(attr) {
            line.push_str(&format!(" {attr}={value}"));
        }
    }
    match v.name() {
        "style" | "script" | "meta" => {
            out.push_str(&line);
            out.push('\n');
            return;
        }
        "svg" => {
            if let Some(label) = v.attr("aria-label") {
                line.push_str(&format!(" {label:?}"));
            }
            let texts: Vec<String> = e
                .select(&Selector::parse("text").unwrap())
                .map(|t| squeeze(&t.text().collect::<String>()))
                .filter(|t| !t.is_empty())
                .collect();
            let marks = e.select(&Selector::parse("a").unwrap()).count();
            if marks > 0 {
                line.push_str(&format!(" ({marks} links)"));
            }
            if !texts.is_empty() {
                line.push_str(&format!(": {}", texts.join(" | ")));
            }
            out.push_str(&line);
            out.push('\n');
            return;
        }
        _ => {}
    }
    let own: String = e
        .children()
        .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
        .collect();
    let own = squeeze(&own);
    if !own.is_empty() {
        line.push_str(&format!(" {own:?}"));
    }
    out.push_str(&line);
    out.push('\n');
    for child in e.children().filter_map(ElementRef::wrap) {
        walk(child, depth + 1, out);
    }
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn structure() {
    let page = page(&fixture_dir());
    let doc = parse(&page.html);
    insta::assert_snapshot!(outline(&doc));
}

//! The page in a real browser: headless Chromium draws it (the screenshot is not blank and
//! shows the charts in their palette colours) and runs its script (the event filter appears
//! and counts the events). Skipped, with a note on standard error, where no Chromium is
//! installed; `.ci/run` installs Debian's `chromium` where it can.

#![allow(clippy::unwrap_used, clippy::print_stderr)]

use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use faultline_dataset::Dataset;
use faultline_report::{Options, report};
use faultline_validate::Config;

/// The browser: `FAULTLINE_CHROMIUM`, else the first of the usual names that runs.
fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("FAULTLINE_CHROMIUM").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(p));
    }
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .into_iter()
    .map(PathBuf::from)
    .find(|name| {
        Command::new(name)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

/// Runs the browser headless on `page` with `args`, killed after two minutes.
fn headless(browser: &Path, profile: &Path, args: &[String], page: &Path) -> Output {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--disable-extensions",
            "--disable-background-networking",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the browser starts");
    let deadline = Instant::now() + Duration::from_secs(120);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the browser did not finish in two minutes");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    child.wait_with_output().unwrap()
}

/// The fixture dataset's page, written to `dir`.
fn write_page(dir: &Path) -> PathBuf {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dataset");
    let dataset = Dataset::open(&data).unwrap();
    let page = report(
        &dataset,
        &Options::new(Config::with_today("2026-12-02".parse().unwrap())),
    );
    let path = dir.join("report.html");
    std::fs::write(&path, page.html).unwrap();
    path
}

/// The pixels of a PNG as RGB triples.
fn pixels(png_path: &Path) -> Vec<[u8; 3]> {
    let mut decoder = png::Decoder::new(BufReader::new(std::fs::File::open(png_path).unwrap()));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    assert!(channels >= 3, "a colour screenshot");
    buf[..info.buffer_size()]
        .chunks_exact(channels)
        .map(|p| [p[0], p[1], p[2]])
        .collect()
}

fn hex(colour: &str) -> [u8; 3] {
    let v = u32::from_str_radix(colour.trim_start_matches('#'), 16).unwrap();
    [(v >> 16) as u8, (v >> 8) as u8, v as u8]
}

fn near(a: [u8; 3], b: [u8; 3]) -> bool {
    a.iter().zip(b).all(|(x, y)| x.abs_diff(y) <= 8)
}

#[test]
fn chromium_draws_the_page_and_runs_its_script() {
    let Some(browser) = chromium() else {
        eprintln!(
            "SKIPPED: no Chromium (chromium, chromium-browser, google-chrome or FAULTLINE_CHROMIUM): \
             the report was not rendered in a browser. Install Debian's `chromium` to run this test."
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = write_page(dir.path());
    let profile = dir.path().join("profile");

    // The screenshot: not blank, and the charts in their colours.
    let shot = dir.path().join("report.png");
    let o = headless(
        &browser,
        &profile,
        &[
            "--window-size=1200,3200".to_owned(),
            format!("--screenshot={}", shot.display()),
        ],
        &page,
    );
    assert!(
        shot.is_file(),
        "no screenshot: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let px = pixels(&shot);
    assert_eq!(px.len(), 1200 * 3200);
    let background = px.iter().filter(|p| **p == [255, 255, 255]).count();
    let inked = px.len() - background;
    assert!(
        inked * 20 > px.len(),
        "the screenshot is nearly blank: {inked} of {} pixels not white",
        px.len()
    );
    let mut colours: Vec<[u8; 3]> = px.clone();
    colours.sort_unstable();
    colours.dedup();
    assert!(colours.len() > 50, "{} colours only", colours.len());
    // Timeline blocks (armed-clash rose, shelling's palette colour) and figure bars (killed
    // vermillion) are drawn.
    for (what, colour) in [
        (
            "an armed-clash block",
            faultline_export::svg::palette::MUTED[0],
        ),
        ("a killed bar", faultline_export::svg::palette::CATEGORY[0]),
    ] {
        let c = hex(colour);
        let n = px.iter().filter(|p| near(**p, c)).count();
        assert!(n > 30, "{what} ({colour}) is not drawn: {n} pixels");
    }

    // The script ran: the filter is shown and counts the events.
    let o = headless(
        &browser,
        &profile,
        &[
            "--dump-dom".to_owned(),
            "--virtual-time-budget=2000".to_owned(),
        ],
        &page,
    );
    let dom = String::from_utf8_lossy(&o.stdout);
    assert!(
        dom.contains("<article"),
        "no DOM dumped: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let form = dom
        .split("<form")
        .nth(1)
        .and_then(|f| f.split('>').next())
        .unwrap();
    assert!(
        !form.contains("hidden"),
        "the filter is still hidden: <form{form}>"
    );
    assert!(
        dom.contains("showing 1–5"),
        "the filter did not count the events"
    );
}

//! Finding headless Chromium for the report tests, and where they leave what they saw.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// `target/test-artefacts/`, made if missing: screenshots and pages the browser tests
/// leave for a person to look at.
pub fn artefacts() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/test-artefacts");
    std::fs::create_dir_all(&dir).expect("artefact folder");
    dir
}

/// Debian's chromium, or another Chromium on the PATH. `TPSPLAN_CHROMIUM` names
/// another binary; set to an empty value it makes the browser part skip.
pub fn find_chromium() -> Option<PathBuf> {
    if let Some(chosen) = std::env::var_os("TPSPLAN_CHROMIUM") {
        return (!chosen.is_empty()).then(|| PathBuf::from(chosen));
    }
    let fixed = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
    if let Some(p) = fixed.iter().map(PathBuf::from).find(|p| p.is_file()) {
        return Some(p);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| ["chromium", "chromium-browser"].map(|n| d.join(n)))
        .find(|p| p.is_file())
}

/// What headless Chromium printed.
pub struct ChromiumRun {
    /// Standard output (`--dump-dom` writes the page here).
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// Runs headless Chromium on a page with a fresh profile; kills it after two minutes.
pub fn chromium(bin: &Path, work: &Path, extra: &[String], page: &Path) -> ChromiumRun {
    let profile = tempfile::tempdir_in(work).expect("profile folder");
    let mut args: Vec<String> = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--hide-scrollbars",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.push(format!("--user-data-dir={}", profile.path().display()));
    args.extend(extra.iter().cloned());
    args.push(format!("file://{}", page.display()));
    let out_path = work.join("chromium.out");
    let err_path = work.join("chromium.err");
    let mut child = Command::new(bin)
        .args(&args)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).expect("stdout file"))
        .stderr(std::fs::File::create(&err_path).expect("stderr file"))
        .spawn()
        .expect("chromium starts");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("chromium wait") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within 120 s: {args:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let run = ChromiumRun {
        stdout: std::fs::read_to_string(&out_path).unwrap_or_default(),
        stderr: std::fs::read_to_string(&err_path).unwrap_or_default(),
    };
    assert!(
        status.success(),
        "chromium failed ({status}): {}",
        run.stderr
    );
    run
}

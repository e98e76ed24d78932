//! Finding headless Chromium for the report tests, and where they leave what they saw.

use std::path::PathBuf;

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

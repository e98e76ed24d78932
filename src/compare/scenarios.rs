//! `tpsplan plan DIR --scenario a,b,c --out OUT` (run by `commands::compare`): several
//! scenarios of one UPT planned at once (in parallel), each into `OUT/<scenario>/` (the
//! scenario file's name without `.toml`), then compared into `OUT/banding.csv` and
//! `OUT/banding.html`. Here: the list parsed and OUT checked.
//! Every scenario is read and planned before anything is written: a bad scenario, one
//! without a feasible plan or one refused by `--ketat` leaves OUT as it was.
//! `--jumlah-tps`, `--ketat`, `--serah-terima` and `--time-limit` apply to every
//! scenario; `--andal` (a search of its own per plan) and region folders are refused.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::lang::{Lang, text};

/// Whether a `--scenario` value names several scenarios.
pub fn is_list(scenario: &str) -> bool {
    scenario.contains(',')
}

/// The scenarios of a list with the folder each is written to; a usage error for an
/// empty name or two scenarios that would share a folder.
pub fn parse_list(list: &str, lang: Lang) -> Result<Vec<(String, String)>> {
    let mut out: Vec<(String, String)> = Vec::new();
    for name in list.split(',').map(str::trim) {
        let folder = Path::new(name)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.is_empty() || folder.is_empty() || folder.starts_with('.') {
            return Err(Error::Usage(
                text!(
                    "--scenario '{list}': ada nama skenario yang kosong; tulis nama dipisah koma, mis. --scenario lambat,sakit",
                    "--scenario '{list}': a scenario name is empty; write names separated by commas, e.g. --scenario lambat,sakit"
                )
                .get(lang)
                .to_string(),
            ));
        }
        if out.iter().any(|(_, f)| *f == folder) {
            return Err(Error::Usage(
                text!(
                    "--scenario '{list}': skenario '{folder}' disebut dua kali (setiap skenario ditulis ke OUT/<nama>/)",
                    "--scenario '{list}': the scenario '{folder}' is named twice (each is written to OUT/<name>/)"
                )
                .get(lang)
                .to_string(),
            ));
        }
        out.push((name.to_string(), folder));
    }
    Ok(out)
}

/// Why OUT may not receive the scenario folders and the comparison: a link or a file;
/// a scenario folder that `plan` would refuse; or other contents than an earlier
/// comparison's (plan folders, `banding.csv`, `banding.html`).
pub fn out_problem(out: &Path, folders: &[PathBuf], input: &Path) -> Option<crate::lang::Text> {
    let shown = out.display();
    if std::fs::symlink_metadata(out).is_ok_and(|m| m.file_type().is_symlink()) {
        return Some(text!(
            "--out {shown} adalah tautan simbolik: tulis jalur folder yang sebenarnya",
            "--out {shown} is a symbolic link: give the real folder path"
        ));
    }
    if out.exists() && !out.is_dir() {
        return Some(text!(
            "--out {shown} adalah sebuah berkas, bukan folder: pilih folder keluaran lain",
            "--out {shown} is a file, not a folder: choose another output folder"
        ));
    }
    if out.join("plan.json").is_file() {
        return Some(text!(
            "--out {shown} adalah folder rencana satu skenario; beberapa skenario ditulis ke OUT/<skenario>/: pilih folder lain",
            "--out {shown} is the plan folder of one scenario; several scenarios are written to OUT/<scenario>/: choose another folder"
        ));
    }
    if let Some(why) = folders
        .iter()
        .find_map(|f| crate::plan::out_folder_problem(f, input))
    {
        return Some(why);
    }
    let foreign = std::fs::read_dir(out).ok().and_then(|entries| {
        entries.flatten().find_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let path = e.path();
            let ours = name == "banding.csv"
                || name == "banding.html"
                || name.starts_with('.')
                || (path.is_dir() && path.join("plan.json").is_file());
            (!ours).then_some(name)
        })
    });
    foreign.map(|name| {
        text!(
            "folder {shown} berisi {name}, yang bukan folder rencana maupun banding: pilih folder baru atau kosongkan folder itu",
            "folder {shown} holds {name}, which is neither a plan folder nor a comparison: choose a new folder or empty that one"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_names_each_scenario_and_its_folder_once() {
        let l = parse_list("lambat, sakit,dir/hujan.toml", Lang::Id).unwrap();
        assert_eq!(
            l,
            [
                ("lambat".to_string(), "lambat".to_string()),
                ("sakit".into(), "sakit".into()),
                ("dir/hujan.toml".into(), "hujan".into())
            ]
        );
        assert!(matches!(parse_list("a,,b", Lang::En), Err(Error::Usage(_))));
        assert!(matches!(parse_list("a,", Lang::En), Err(Error::Usage(_))));
        let e = parse_list("lambat,x/lambat.toml", Lang::En).unwrap_err();
        assert!(e.to_string().contains("named twice"), "{e}");
        assert!(is_list("a,b") && !is_list("a"));
    }
}

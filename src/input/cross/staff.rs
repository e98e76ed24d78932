//! `staff.csv` across rows, and a scenario's references against the layout and the
//! staff list.

use std::collections::HashMap;
use std::path::Path;

use crate::diagnostics::Problem;
use crate::input::rows::Parsed;
use crate::input::tomlfile::value_line;
use crate::lang::text;
use crate::model::{FacilityInfo, Node, NodeKind, Scenario, Staff};

/// `staff.csv` across rows.
pub(crate) fn staff(
    path: &Path,
    staff: &Parsed<Staff>,
    info: Option<&FacilityInfo>,
    problems: &mut Vec<Problem>,
) {
    let mut nips: HashMap<&str, u64> = HashMap::with_capacity(staff.items.len());
    for s in &staff.items {
        if let Some(first) = nips.insert(s.nip.as_str(), s.line) {
            nips.insert(s.nip.as_str(), first);
            problems.push(
                Problem::error(
                    "E0401",
                    path,
                    text!(
                        "NIP '{}' sudah dipakai di baris {first}",
                        "NIP '{}' is already used on line {first}",
                        s.nip
                    ),
                )
                .at_line(s.line)
                .field("nip"),
            );
        }
        let nip = s.nip.as_str();
        if nip.len() != 18 || !nip.bytes().all(|b| b.is_ascii_digit()) {
            problems.push(
                Problem::warning(
                    "W0401",
                    path,
                    text!("NIP '{nip}' bukan 18 angka", "NIP '{nip}' is not 18 digits"),
                )
                .at_line(s.line)
                .field("nip"),
            );
        }
        if s.roles.is_empty() {
            problems.push(
                Problem::warning(
                    "W0402",
                    path,
                    text!(
                        "petugas '{}' tanpa peran",
                        "officer '{}' has no role",
                        s.name
                    ),
                )
                .at_line(s.line)
                .field("peran"),
            );
        }
        if let Some(info) = info
            && s.birth_date > info.data_date
        {
            problems.push(
                Problem::error(
                    "E0403",
                    path,
                    text!(
                        "tanggal_lahir {} setelah tanggal_data {}",
                        "tanggal_lahir {} is after tanggal_data {}",
                        s.birth_date,
                        info.data_date
                    ),
                )
                .at_line(s.line)
                .field("tanggal_lahir"),
            );
        }
    }
}

/// A scenario's references against the layout and the staff list (each `None` when
/// its file did not read cleanly, so nothing is checked against it).
pub(crate) fn scenario(
    path: &Path,
    text: &str,
    s: &Scenario,
    nodes: Option<&[Node]>,
    staff: Option<&[Staff]>,
    problems: &mut Vec<Problem>,
) {
    let place = |p: Problem, key: &str, value: &str| {
        let p = p.field(key);
        match value_line(text, key, value) {
            Some(l) => p.at_line(l),
            None => p,
        }
    };
    if let Some(nodes) = nodes {
        let by_id: HashMap<&str, &Node> = nodes.iter().map(|n| (n.id.as_str(), n)).collect();
        for b in &s.locked_blocks {
            let msg = match by_id.get(b.as_str()) {
                Some(n) if n.kind == NodeKind::Blok => continue,
                Some(n) => text!(
                    "'{b}' berjenis {}, bukan blok",
                    "'{b}' is of kind {}, not blok",
                    n.kind
                ),
                None => text!(
                    "blok '{b}' tidak ada di layout/nodes.csv",
                    "block '{b}' is not in layout/nodes.csv"
                ),
            };
            let msg = msg.map(|_, m| format!("blok_dikunci: {m}"));
            problems.push(place(
                Problem::error("E0502", path, msg),
                "blok_dikunci",
                b.as_str(),
            ));
        }
        for site in &s.closed_sites {
            let msg = match by_id.get(site.as_str()) {
                Some(n) if n.is_site() => continue,
                Some(_) => text!(
                    "'{site}' bukan calon lokasi TPS (maks_tps 0)",
                    "'{site}' is not a candidate TPS site (maks_tps 0)"
                ),
                None => text!(
                    "lokasi '{site}' tidak ada di layout/nodes.csv",
                    "site '{site}' is not in layout/nodes.csv"
                ),
            };
            let msg = msg.map(|_, m| format!("lokasi_ditutup: {m}"));
            problems.push(place(
                Problem::error("E0503", path, msg),
                "lokasi_ditutup",
                site.as_str(),
            ));
        }
    }
    if let Some(staff) = staff {
        let nips: std::collections::HashSet<&str> = staff.iter().map(|s| s.nip.as_str()).collect();
        for nip in &s.absent_staff {
            if !nips.contains(nip.as_str()) {
                problems.push(place(
                    Problem::error(
                        "E0504",
                        path,
                        text!(
                            "petugas_absen: NIP '{nip}' tidak ada di staff.csv",
                            "petugas_absen: NIP '{nip}' is not in staff.csv"
                        ),
                    ),
                    "petugas_absen",
                    nip.as_str(),
                ));
            }
        }
    }
    if let Some(m) = s.minutes_per_voter
        && !(m.is_finite() && m > 0.0)
    {
        problems.push(place(
            Problem::error(
                "E0505",
                path,
                text!(
                    "menit_per_pemilih {m} harus lebih dari 0",
                    "menit_per_pemilih {m} must be more than 0"
                ),
            ),
            "menit_per_pemilih",
            "",
        ));
    }
}

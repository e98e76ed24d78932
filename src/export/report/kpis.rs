//! The KPI band: the figures a meeting asks first, with the follow-up and honoraria
//! summaries.

use std::fmt::Write as _;

use super::*;

/// Honoraria: (role, people, per person), in the order of the table.
pub(super) fn honoraria(data: &ReportData, lang: Lang) -> Vec<(&'static str, u64, u64)> {
    let linmas: u64 = data.tps.iter().map(|t| t.linmas as u64).sum();
    vec![
        (
            tr(lang, "Ketua KPPS", "KPPS chair"),
            data.staff.kpps_chairs as u64,
            data.honor.ketua_kpps,
        ),
        (
            tr(lang, "Anggota KPPS", "KPPS member"),
            data.staff.kpps_members as u64,
            data.honor.anggota_kpps,
        ),
        (tr(lang, "Linmas", "Linmas"), linmas, data.honor.linmas),
    ]
}

pub(super) fn kpis(h: &mut String, data: &ReportData, lang: Lang) {
    let sum = |f: fn(&TpsRow) -> u32| data.tps.iter().map(|t| f(t) as u64).sum::<u64>();
    let (l, p) = (sum(|t| t.voters_l), sum(|t| t.voters_p));
    let (dpt, dptb, dpk) = (sum(|t| t.dpt), sum(|t| t.dptb), sum(|t| t.dpk));
    let n_tps = data.tps.len() as u64;
    let ballots: u64 = data
        .ballots
        .iter()
        .map(|b| (b.voters + b.reserve) as u64)
        .sum();
    let reserve: u64 = data.ballots.iter().map(|b| b.reserve as u64).sum();
    let kpps = (data.staff.kpps_chairs + data.staff.kpps_members) as u64;
    let (linmas, ptps) = (sum(|t| t.linmas), sum(|t| t.ptps));
    let cost: u64 = honoraria(data, lang).iter().map(|(_, n, r)| n * r).sum();
    let follow = data.follow_up_people as u64;
    let above_bound = n_tps > data.solver.lower_bound as u64;
    let others = u64::from(data.other_voters);
    let share = if data.inmates > 0 {
        (l + p).saturating_sub(others) as f64 / data.inmates as f64
    } else {
        0.0
    };

    let mut cards: Vec<(&str, String, String, bool)> = Vec::new();
    cards.push((
        tr(lang, "Pemilih", "Voters"),
        count(l + p, lang),
        format!(
            "{} · {} {} · {} {} · DPT {} · DPTb {} · DPK {}",
            match lang {
                Lang::Id => format!(
                    "{} dari {} WBP dapat memilih{}",
                    percent(share, lang),
                    count(data.inmates as u64, lang),
                    if others > 0 {
                        format!(" · ditambah {} petugas (pemilih lain)", count(others, lang))
                    } else {
                        String::new()
                    }
                ),
                Lang::En => format!(
                    "{} of {} inmates can vote{}",
                    percent(share, lang),
                    count(data.inmates as u64, lang),
                    if others > 0 {
                        format!(" · plus {} officers (other voters)", count(others, lang))
                    } else {
                        String::new()
                    }
                ),
            },
            tr(lang, "L", "men"),
            count(l, lang),
            tr(lang, "P", "women"),
            count(p, lang),
            count(dpt, lang),
            count(dptb, lang),
            count(dpk, lang)
        ),
        false,
    ));
    let lb = count(data.solver.lower_bound as u64, lang);
    cards.push((
        "TPS",
        count(n_tps, lang),
        match (lang, above_bound) {
            (Lang::Id, false) => "jumlah paling sedikit yang mungkin".to_string(),
            (Lang::Id, true) => format!(
                "paling sedikit yang mungkin {lb} TPS; aturan pemisahan, lokasi atau jam menambah sisanya"
            ),
            (Lang::En, false) => "the fewest possible".to_string(),
            (Lang::En, true) => format!(
                "the fewest possible is {lb} TPS; separation rules, sites or hours add the rest"
            ),
        } + &match lang {
            Lang::Id if data.solver.gap < 0.0005 => " · terbukti rencana terbaik".to_string(),
            Lang::Id => format!(
                " · paling jauh {} dari rencana terbaik yang mungkin",
                percent(data.solver.gap, lang)
            ),
            Lang::En if data.solver.gap < 0.0005 => " · proven the best plan".to_string(),
            Lang::En => format!(
                " · at most {} from the best possible plan",
                percent(data.solver.gap, lang)
            ),
        },
        above_bound,
    ));
    cards.push((
        tr(lang, "Surat suara", "Ballot papers"),
        count(ballots, lang),
        crate::lang::text!(
            "{} jenis · termasuk cadangan {}",
            "{} types · including {} reserve",
            data.ballot_types.len(),
            count(reserve, lang)
        )
        .get(lang)
        .to_string(),
        false,
    ));
    // Escorts busy within 10 % of those on duty: one absent officer delays a wave.
    let tight = data
        .escort_peak
        .filter(|(_, need, on)| *on > 0 && *need as f64 >= 0.9 * *on as f64);
    cards.push((
        tr(lang, "Petugas", "Staff"),
        count(
            kpps + (data.staff.escorts + data.staff.searchers) as u64,
            lang,
        ),
        crate::lang::text!(
            "KPPS {} · pengawal {} · pemeriksa {} · diminta: Linmas {}, PTPS {}",
            "KPPS {} · escorts {} · searchers {} · requested: Linmas {}, PTPS {}",
            count(kpps, lang),
            count(data.staff.escorts as u64, lang),
            count(data.staff.searchers as u64, lang),
            count(linmas, lang),
            count(ptps, lang)
        ).get(lang).to_string() + &match (tight, lang) {
            (Some((at, need, on)), Lang::Id) => format!(
                " · puncak pengawalan {at}: {need} dari {on} pengawal bertugas (sisa kurang dari 10 %)"
            ),
            (Some((at, need, on)), Lang::En) => format!(
                " · escort peak {at}: {need} of {on} escorts on duty (less than 10 % to spare)"
            ),
            (None, _) => String::new(),
        },
        tight.is_some(),
    ));
    cards.push((
        tr(lang, "Biaya honorarium", "Honoraria cost"),
        rupiah(cost, lang),
        tr(
            lang,
            "KPPS dan Linmas, tarif dari aturan",
            "KPPS and Linmas, rates from the ruleset",
        )
        .to_string(),
        false,
    ));
    cards.push((
        tr(lang, "Tindak lanjut", "Follow-ups"),
        count(follow, lang),
        tr(
            lang,
            "WBP yang belum dapat memilih atau perlu berkas (orang)",
            "inmates who cannot vote yet or need paperwork (people)",
        )
        .to_string(),
        follow > 0,
    ));
    h.push_str("<section class=\"kpis\">\n");
    for (label, value, note, warn) in cards {
        let _ = writeln!(
            h,
            "<div class=\"kpi{}\"><div class=\"label\">{}</div><div class=\"value\">{}</div><div class=\"note\">{}</div></div>",
            if warn { " warn" } else { "" },
            escape(label),
            escape(&value),
            note
        );
    }
    h.push_str("</section>\n");
}

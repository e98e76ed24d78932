//! Prints a facility's voters by block, class and category (a planning aid).
//! Run: `cargo run --example voter_classes -- DIR [SCENARIO]`.

use std::collections::BTreeMap;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: voter_classes DIR [SCENARIO]");
        std::process::exit(2);
    };
    let scenario = args.next();
    let reference = tpsplan::reference::Reference::builtin();
    let loaded =
        tpsplan::input::load_facility(std::path::Path::new(&dir), scenario.as_deref(), reference);
    let Some(f) = loaded.facility else {
        for p in &loaded.problems {
            eprintln!("{p}");
        }
        std::process::exit(2);
    };
    let d = tpsplan::eligibility::decide(&f, reference);
    let voters = tpsplan::eligibility::voters(&f, &d);
    let mut by: BTreeMap<(String, String, bool, bool, bool, String), usize> = BTreeMap::new();
    for v in &voters {
        *by.entry((
            v.block.to_string(),
            v.sex.to_string(),
            v.juvenile,
            v.high_risk,
            v.mobile,
            v.category.to_string(),
        ))
        .or_default() += 1;
    }
    println!("block sex juvenile high_risk mobile category voters");
    for ((b, s, j, h, m, c), n) in by {
        println!("{b} {s} {j} {h} {m} {c} {n}");
    }
    println!("total {}", voters.len());
    match tpsplan::optimise::plan(&f, &voters, &tpsplan::optimise::PlanOptions::default()) {
        Ok(p) => {
            for c in &p.solver.classes {
                println!(
                    "class {} voters {} trivial {} throughput {}",
                    c.class, c.voters, c.trivial, c.throughput
                );
            }
            for t in &p.tps {
                println!(
                    "TPS {} at {} class {} voters {}",
                    t.number,
                    t.site,
                    t.class.label,
                    t.voters.len()
                );
            }
        }
        Err(e) => println!("no plan: {e}"),
    }
}

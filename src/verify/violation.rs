//! A broken hard rule ([`Violation`]) in both languages, and the list the checks
//! append to.

use std::fmt;

use crate::lang::{Lang, Text};
use crate::model::RegNo;

/// One broken hard rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// Hard rule number of design.md (1-7, 9), or 10: a hand edit of `penyesuaian.csv`
    /// not honoured.
    pub rule: u8,
    /// TPS concerned.
    pub tps: Option<u32>,
    /// Wave concerned (index into `plan.waves`).
    pub wave: Option<usize>,
    /// Voter concerned.
    pub voter: Option<RegNo>,
    /// What is wrong, in both languages.
    pub message: Text,
}

impl Violation {
    /// The violation as one line in `lang`: rule, TPS, wave and voter, then the message.
    pub fn render(&self, lang: Lang) -> String {
        let (rule, wave, voter) = match lang {
            Lang::Id => ("aturan", "gelombang", "pemilih"),
            Lang::En => ("rule", "wave", "voter"),
        };
        let mut s = format!("{rule} {}", self.rule);
        if let Some(t) = self.tps {
            s += &format!(", TPS {t}");
        }
        if let Some(w) = self.wave {
            s += &format!(", {wave} {}", w + 1);
        }
        if let Some(v) = &self.voter {
            s += &format!(", {voter} {v}");
        }
        s + ": " + self.message.get(lang)
    }
}

/// Indonesian; [`Violation::render`] for the user's language.
impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::Id))
    }
}

/// Wordings joined with a separator of each language.
pub(super) fn join(parts: &[Text], id: &str, en: &str) -> Text {
    let each = |lang: Lang| {
        parts
            .iter()
            .map(|t| t.get(lang))
            .collect::<Vec<_>>()
            .join(match lang {
                Lang::Id => id,
                Lang::En => en,
            })
    };
    Text::new(each(Lang::Id), each(Lang::En))
}

pub(super) struct Out(pub(super) Vec<Violation>);

impl Out {
    pub(super) fn push(
        &mut self,
        rule: u8,
        tps: Option<u32>,
        wave: Option<usize>,
        voter: Option<&RegNo>,
        message: Text,
    ) {
        self.0.push(Violation {
            rule,
            tps,
            wave,
            voter: voter.cloned(),
            message,
        });
    }
}

//! The language of user-facing output, at the bottom of the layers: every module that
//! words a message takes it from here, not from the command layer. [`Text`] holds one
//! message in both languages; the `text!` macro writes its two wordings side by side
//! at the place the message is made.

use serde::Serialize;

/// Language of user-facing output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    /// Bahasa Indonesia (default).
    #[default]
    Id,
    /// English.
    En,
}

/// One message in both languages; shown with [`Text::get`] in the user's language.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Text {
    /// Bahasa Indonesia.
    pub id: String,
    /// English.
    pub en: String,
}

impl Text {
    /// A message from its two wordings.
    pub fn new(id: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            en: en.into(),
        }
    }

    /// The wording in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.id,
            Lang::En => &self.en,
        }
    }

    /// Whether both wordings are empty.
    pub fn is_empty(&self) -> bool {
        self.id.is_empty() && self.en.is_empty()
    }

    /// Each wording changed by `f` (given the language, to add words of its own).
    pub fn map(self, f: impl Fn(Lang, String) -> String) -> Self {
        Self {
            id: f(Lang::Id, self.id),
            en: f(Lang::En, self.en),
        }
    }
}

/// The same words in both languages: for what is never translated (a column name, a
/// value as written, a message of another program), and transitionally for messages
/// not yet worded in English.
impl From<String> for Text {
    fn from(s: String) -> Self {
        Self {
            en: s.clone(),
            id: s,
        }
    }
}

/// See `From<String>`.
impl From<&str> for Text {
    fn from(s: &str) -> Self {
        s.to_string().into()
    }
}

/// A [`Text`] from an Indonesian and an English format string, side by side:
/// `text!("kolom '{c}' kosong", "column '{c}' is empty")`. Arguments after the two
/// strings are shared and must be used by both (`text!("{} x", "{} y", n)`); each is
/// evaluated once per language.
macro_rules! text {
    ($id:literal, $en:literal $(,)?) => {
        $crate::lang::Text::new(format!($id), format!($en))
    };
    ($id:literal, $en:literal, $($arg:tt)+) => {
        $crate::lang::Text::new(format!($id, $($arg)+), format!($en, $($arg)+))
    };
}
pub(crate) use text;

/// Picks the Indonesian or the English wording of a fixed label (a column heading, a
/// chart axis): the one place a `Lang` is matched for a pair of literals.
pub fn tr(lang: Lang, id: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Id => id,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_holds_both_wordings_and_shows_the_asked_one() {
        let col = "nik";
        let t = text!("kolom '{col}' kosong", "column '{col}' is empty");
        assert_eq!(t.get(Lang::Id), "kolom 'nik' kosong");
        assert_eq!(t.get(Lang::En), "column 'nik' is empty");
        let n = 3;
        let t = text!("{} baris", "{} lines", n);
        assert_eq!((t.id.as_str(), t.en.as_str()), ("3 baris", "3 lines"));
        let same = Text::from("nip");
        assert_eq!((same.get(Lang::Id), same.get(Lang::En)), ("nip", "nip"));
        assert!(Text::default().is_empty() && !same.is_empty());
    }
}

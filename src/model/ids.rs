//! Newtype identifiers so that a block id is never confused with a staff nip or
//! an inmate's register number.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The identifier as written in the input.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_string())
            }
        }
    };
}

string_id!(
    /// An inmate's SDP register number (`no_registrasi`).
    RegNo
);
string_id!(
    /// A staff member's civil-servant number (`nip`).
    Nip
);
string_id!(
    /// A layout node (`layout/nodes.csv` column `id`): a block, hall, gate, ...
    NodeId
);
string_id!(
    /// A security zone (`zona` in `layout/nodes.csv`).
    ZoneId
);

/// The place of the voters of `pemilih_lain.csv` in waves, lists and plan.json: they are
/// on duty at their posts, walk to the TPS on their own and need no escort. Not a node
/// id a layout may use (checked when `pemilih_lain.csv` is present).
pub const OTHER_VOTERS: &str = "pemilih-lain";

impl NodeId {
    /// The place of the voters of `pemilih_lain.csv` ([`OTHER_VOTERS`]).
    pub fn other_voters() -> NodeId {
        NodeId::from(OTHER_VOTERS)
    }

    /// Whether this is [`NodeId::other_voters`].
    pub fn is_other_voters(&self) -> bool {
        self.0 == OTHER_VOTERS
    }
}

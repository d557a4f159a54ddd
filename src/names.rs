//! How text typed by a person is made comparable: every name, tag, title and
//! passphrase is stored in Unicode's composed form (NFC), so the same word typed on
//! two keyboards is the same text, and names are compared on a folded key (full
//! Unicode case folding, with the Turkish dotted and dotless i taken as one letter),
//! so "JOSÉ MÜLLER" and "José Müller", or "IŞIK", "Işık" and "ışık", are one person.
//!
//! A name that matches nobody exactly may still mean someone: a unique first name, a
//! unique start of a name, or a near spelling. [`match_name`] says who, so the CLI
//! and the app can take that person and say so, or ask when it is unclear.

use caseless::Caseless;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::model::PersonId;

/// The text in Unicode's composed form (NFC), as stored.
pub fn nfc(s: &str) -> String {
    if s.is_ascii()
        || unicode_normalization::is_nfc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        return s.to_string();
    }
    s.nfc().collect()
}

/// The key two names are compared on: composed, case-folded in full, with the
/// Turkish dotted capital İ (which folds to "i" and a combining dot) and the dotless
/// ı both taken as a plain i, and runs of space as one space. Two people whose names
/// have the same key are the same person.
pub fn name_key(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    if s.is_ascii() {
        // Full case folding of ASCII is its lower case: most names, at a tenth of
        // the cost (an import computes a key per name).
        return words.join(" ").to_ascii_lowercase();
    }
    let folded: String = words.join(" ").nfc().default_case_fold().collect();
    let folded: String = folded.nfc().collect();
    folded.replace("i\u{307}", "i").replace('ı', "i")
}

/// True when two names are the same person's.
pub fn same_name(a: &str, b: &str) -> bool {
    name_key(a) == name_key(b)
}

/// A tag as stored: composed and in lower case, where a capital İ becomes a plain i
/// (Rust's lower case of İ adds a combining dot, which no one types).
pub fn tag_form(s: &str) -> String {
    let s = s.trim().trim_start_matches(['#', '@']);
    nfc(&s.replace('İ', "I").to_lowercase())
}

/// The key two tags are compared on.
pub fn tag_key(s: &str) -> String {
    name_key(&tag_form(s))
}

/// A typed name taken to mean someone whose name it is not exactly: what the CLI
/// and the app tell the user, so a guess is never silent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct NameTaken {
    /// The name as typed.
    pub typed: String,
    /// The person it was taken as.
    pub id: PersonId,
    /// Their name as stored.
    pub name: String,
    /// Why.
    pub reason: MatchReason,
}

impl NameTaken {
    /// "'Rebeca Tran' taken as Rebecca Tran (person 4)".
    pub fn sentence(&self) -> String {
        format!(
            "'{}' taken as {} (person {})",
            self.typed, self.name, self.id
        )
    }
}

/// "Sam Lee (person 1) or Sam Ortiz (person 2)".
pub fn list_candidates(candidates: &[Candidate]) -> String {
    let named: Vec<String> = candidates
        .iter()
        .map(|c| format!("{} (person {})", c.name, c.id))
        .collect();
    match named.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => named.join(""),
    }
}

/// Why a name that matches nobody exactly was taken to mean someone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
pub enum MatchReason {
    /// The person's id was given.
    Id,
    /// The name is the same, written in another case or form.
    Exact,
    /// Only one person has this first name.
    FirstName,
    /// Only one person's name starts with it.
    Prefix,
    /// Only one person's name is spelled nearly like it.
    NearSpelling,
}

/// A person a typed name may mean.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Candidate {
    /// Their id.
    pub id: PersonId,
    /// Their name as stored.
    pub name: String,
}

/// Who a typed name means, among the live people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum NameMatch {
    /// One person, and why (`exact` when the name is theirs).
    One {
        /// The person meant.
        id: PersonId,
        /// Their name as stored.
        name: String,
        /// How the typed name led to them.
        reason: MatchReason,
    },
    /// Several people fit: the typed name alone cannot say which.
    Several {
        /// Those who fit.
        candidates: Vec<Candidate>,
    },
    /// Nobody fits: a new person, if that is what was meant.
    Nobody,
}

/// How many letters a near spelling may differ by: none for short names (where one
/// letter makes another name: "Ana" and "Ann"), one from five letters, two from ten.
fn allowed_edits(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=9 => 1,
        _ => 2,
    }
}

/// Finds who `typed` means among `people` (id, stored name). An exact key match wins;
/// otherwise one person found by first name, start of name or near spelling, in that
/// order of trust; several found by the most trusted rule that finds any are
/// [`NameMatch::Several`].
pub fn match_name(typed: &str, people: &[(PersonId, String)]) -> NameMatch {
    let key = name_key(typed);
    if key.is_empty() {
        return NameMatch::Nobody;
    }
    let keyed: Vec<(PersonId, &str, String)> = people
        .iter()
        .map(|(id, name)| (*id, name.as_str(), name_key(name)))
        .collect();
    let pick = |found: Vec<&(PersonId, &str, String)>, reason| match found.as_slice() {
        [] => None,
        [(id, name, _)] => Some(NameMatch::One {
            id: *id,
            name: name.to_string(),
            reason,
        }),
        many => Some(NameMatch::Several {
            candidates: many
                .iter()
                .map(|(id, n, _)| Candidate {
                    id: *id,
                    name: n.to_string(),
                })
                .collect(),
        }),
    };
    let exact: Vec<_> = keyed.iter().filter(|(_, _, k)| *k == key).collect();
    if let Some(m) = pick(exact, MatchReason::Exact) {
        return m;
    }
    let one_word = !key.contains(' ');
    if one_word {
        let first: Vec<_> = keyed
            .iter()
            .filter(|(_, _, k)| k.split(' ').next() == Some(key.as_str()))
            .collect();
        if let Some(m) = pick(first, MatchReason::FirstName) {
            return m;
        }
    }
    // A start of a name: at least four letters, ending where a word of it ends or
    // going on into the next ("Dana K", "Rebecca Tr").
    if key.chars().count() >= 4 {
        let prefix: Vec<_> = keyed
            .iter()
            .filter(|(_, _, k)| k.starts_with(&key))
            .collect();
        if let Some(m) = pick(prefix, MatchReason::Prefix) {
            return m;
        }
    }
    let edits = allowed_edits(key.chars().count());
    if edits > 0 {
        let near: Vec<_> = keyed
            .iter()
            .filter(|(_, _, k)| {
                strsim::damerau_levenshtein(k, &key) <= edits
                    || (one_word
                        && k.split(' ').next().is_some_and(|f| {
                            f.chars().count() >= 5 && strsim::damerau_levenshtein(f, &key) <= 1
                        }))
            })
            .collect();
        if let Some(m) = pick(near, MatchReason::NearSpelling) {
            return m;
        }
    }
    NameMatch::Nobody
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_unify_case_forms_and_the_turkish_i() {
        let nfd = "Jose\u{301} Mu\u{308}ller";
        assert_eq!(name_key("JOSÉ MÜLLER"), name_key(nfd));
        assert_eq!(name_key("IŞIK"), name_key("Işık"));
        assert_eq!(name_key("ışık"), name_key("Işık"));
        assert_eq!(name_key("İstanbul"), "istanbul");
        assert_ne!(name_key("Ana"), name_key("Ann"));
        assert_eq!(tag_form("İstanbul"), "istanbul");
        assert_eq!(nfc(nfd), "José Müller");
    }

    fn people() -> Vec<(PersonId, String)> {
        vec![
            (1, "Rebecca Tran".into()),
            (2, "Sofia Alvarez".into()),
            (3, "Dana Kowalski".into()),
            (4, "Sam Lee".into()),
            (5, "Sam Ortiz".into()),
        ]
    }

    #[test]
    fn likely_names_find_one_person_and_unclear_ones_several_or_none() {
        let p = people();
        let one = |typed: &str| match match_name(typed, &p) {
            NameMatch::One { id, reason, .. } => Some((id, reason)),
            _ => None,
        };
        assert_eq!(one("rebecca tran"), Some((1, MatchReason::Exact)));
        assert_eq!(one("Rebeca Tran"), Some((1, MatchReason::NearSpelling)));
        assert_eq!(one("Sofia"), Some((2, MatchReason::FirstName)));
        assert_eq!(one("Dana"), Some((3, MatchReason::FirstName)));
        assert_eq!(one("Dana Kow"), Some((3, MatchReason::Prefix)));
        assert!(
            matches!(match_name("Sam", &p), NameMatch::Several { candidates } if candidates.len() == 2)
        );
        assert_eq!(match_name("Zoe Park", &p), NameMatch::Nobody);
        assert_eq!(match_name("Ann", &[(9, "Ana".into())]), NameMatch::Nobody);
    }
}

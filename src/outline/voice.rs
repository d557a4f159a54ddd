//! The document's voice. A promotion document is written as "I"; the ladders speak
//! to the reader ("Your teams deliver", "Delegate decisions so your time goes to
//! the org"). Every ladder or review sentence the outline takes in goes through
//! here, so no tool voice reaches a document written in the first person. What
//! other people said (text in quotation marks) is theirs and stays as said.

/// Words after which "you" is the object ("without you", "to you"), not the subject.
const BEFORE_OBJECT: &[&str] = &[
    "about", "after", "against", "around", "at", "before", "beneath", "behind", "below", "beside",
    "between", "beyond", "by", "for", "from", "in", "into", "like", "near", "of", "on", "over",
    "than", "through", "to", "toward", "towards", "under", "with", "within", "without", "ask",
    "asks", "give", "gives", "help", "helps", "let", "lets", "see", "sees", "show", "shows",
    "tell", "tells", "trust", "trusts", "thank", "thanks", "brief", "coach", "call", "expect",
    "expects",
];

/// Rewrites second-person words as first person: "your" as "my", "yours" as
/// "mine", "yourself" as "myself", "you" as "I" where it is the subject and "me"
/// where it is the object ("you are" as "I am"). Text inside quotation marks is
/// left as written: it is someone else speaking.
pub fn in_my_voice(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut quoted = false;
    let mut word = String::new();
    // The last word written outside quotes, lowercased, and whether a sentence ended since.
    let mut prev: Option<String> = None;
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() || ((c == '\'' || c == '’') && !word.is_empty()) {
            word.push(c);
            i += 1;
            continue;
        }
        if !word.is_empty() {
            let next = next_word(&chars, i);
            let w = std::mem::take(&mut word);
            if quoted {
                out.push_str(&w);
            } else {
                out.push_str(&swap(&w, prev.as_deref(), next.as_deref()));
                prev = Some(w.to_lowercase());
            }
        }
        match c {
            '"' => quoted = !quoted,
            '“' => quoted = true,
            '”' => quoted = false,
            '.' | '!' | '?' | ':' | ';' if !quoted => prev = None,
            _ => {}
        }
        out.push(c);
        i += 1;
    }
    if !word.is_empty() {
        if quoted {
            out.push_str(&word);
        } else {
            out.push_str(&swap(&word, prev.as_deref(), None));
        }
    }
    // "I are" and friends: the verb after a subject "I".
    out.replace("I are ", "I am ")
        .replace("I were ", "I was ")
        .replace("I aren't ", "I am not ")
}

/// The word starting at or after `i`, lowercased, if the next thing is a word (a
/// punctuation mark in between ends the clause: no next word).
fn next_word(chars: &[char], mut i: usize) -> Option<String> {
    while i < chars.len() && chars[i] == ' ' {
        i += 1;
    }
    let start = i;
    while i < chars.len() && chars[i].is_alphanumeric() {
        i += 1;
    }
    (i > start).then(|| chars[start..i].iter().collect::<String>().to_lowercase())
}

fn swap(w: &str, prev: Option<&str>, next: Option<&str>) -> String {
    let lower = w.to_lowercase().replace('’', "'");
    let capital = w.chars().next().is_some_and(char::is_uppercase);
    let mine = match lower.as_str() {
        "your" => "my",
        "yours" => "mine",
        "yourself" => "myself",
        "yourselves" => "ourselves",
        "you're" => "I'm",
        "you've" => "I've",
        "you'll" => "I'll",
        "you'd" => "I'd",
        "you" => {
            let object = prev.is_some_and(|p| BEFORE_OBJECT.contains(&p))
                || next.is_none_or(|n| {
                    matches!(
                        n,
                        "and"
                            | "or"
                            | "but"
                            | "to"
                            | "for"
                            | "with"
                            | "in"
                            | "on"
                            | "at"
                            | "the"
                            | "a"
                            | "an"
                            | "this"
                            | "that"
                            | "what"
                            | "how"
                            | "why"
                            | "when"
                            | "as"
                            | "than"
                            | "from"
                            | "into"
                            | "about"
                    )
                });
            if object && prev.is_some() { "me" } else { "I" }
        }
        _ => return w.to_string(),
    };
    if capital || mine.starts_with('I') {
        let mut c = mine.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    } else {
        mine.to_string()
    }
}

/// Words that open a title without being a verb in the imperative: a title that
/// starts with one already says who or what ("My teams deliver", "Each report's
/// goals are known").
const NOT_A_VERB: &[&str] = &[
    "i", "my", "our", "we", "the", "a", "an", "each", "every", "all", "at", "in", "on", "for",
    "by", "with", "early", "clear", "strong", "one", "two", "three", "input", "pressure", "team",
    "teams", "people",
];

/// An expectation's title as a first-person claim: "Your teams deliver (the
/// floor)" becomes "My teams deliver", "Hire and develop managers who run their
/// own teams" becomes "I hire and develop managers who run their own teams". A
/// note in brackets at the end is dropped: it speaks about the title. So is a
/// label before a colon ("Project Impact: your org delivers" claims "My org
/// delivers"): it names the company's axis, and the claim follows it.
pub fn claim_of(title: &str) -> String {
    let title = match title.split_once(": ") {
        Some((label, claim)) if !claim.trim().is_empty() && !label.contains('(') => {
            let mut c = claim.trim().chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        }
        _ => title.to_string(),
    };
    let mut t = title.trim().trim_end_matches('.').to_string();
    if t.ends_with(')')
        && let Some(open) = t.rfind(" (")
    {
        t.truncate(open);
    }
    let t = in_my_voice(t.trim());
    let Some(first) = t.split_whitespace().next() else {
        return t;
    };
    let lower = first.to_lowercase();
    let verb = !NOT_A_VERB.contains(&lower.as_str())
        && !lower.ends_with("ing")
        && !lower.ends_with("'s")
        && first.chars().all(char::is_alphabetic);
    if !verb {
        return t;
    }
    let mut c = t.chars();
    let head: String = c
        .next()
        .map(|f| f.to_lowercase().collect())
        .unwrap_or_default();
    format!("I {head}{}", c.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_axis_label_before_a_colon_is_not_part_of_the_claim() {
        assert_eq!(
            claim_of("Project Impact: your org delivers what matters"),
            "My org delivers what matters"
        );
        assert_eq!(
            claim_of("People: build and grow your managers"),
            "I build and grow my managers"
        );
    }

    #[test]
    fn second_person_becomes_first_person() {
        assert_eq!(
            in_my_voice("Your teams deliver (the floor)"),
            "My teams deliver (the floor)"
        );
        assert_eq!(
            in_my_voice("Delegate decisions so your time goes to the org"),
            "Delegate decisions so my time goes to the org"
        );
        assert_eq!(
            in_my_voice("Work across the company with people whose interests differ from yours"),
            "Work across the company with people whose interests differ from mine"
        );
        assert_eq!(
            in_my_voice("List every recurring meeting and approval you own, pick two."),
            "List every recurring meeting and approval I own, pick two."
        );
        assert_eq!(
            in_my_voice("What runs without you?"),
            "What runs without me?"
        );
        assert_eq!(
            in_my_voice("10 people can vouch for your case, 6 of them outside your org."),
            "10 people can vouch for my case, 6 of them outside my org."
        );
        assert_eq!(in_my_voice("You are the owner."), "I am the owner.");
        assert_eq!(
            in_my_voice("Coach them until one could take your job."),
            "Coach them until one could take my job."
        );
    }

    #[test]
    fn quotes_are_left_as_said_and_other_words_as_written() {
        let s = "Marcus said: \"You gave me a plan.\" Your plan worked; “you” stays.";
        assert_eq!(
            in_my_voice(s),
            "Marcus said: \"You gave me a plan.\" My plan worked; “you” stays."
        );
        assert_eq!(
            in_my_voice("Youth hiring, layout, bayou"),
            "Youth hiring, layout, bayou"
        );
        assert_eq!(in_my_voice(""), "");
    }

    #[test]
    fn titles_become_claims() {
        assert_eq!(
            claim_of("Your teams deliver (the floor)"),
            "My teams deliver"
        );
        assert_eq!(
            claim_of("Hire and develop managers who run their own teams"),
            "I hire and develop managers who run their own teams"
        );
        assert_eq!(
            claim_of("Delegate decisions so your time goes to the org"),
            "I delegate decisions so my time goes to the org"
        );
        assert_eq!(
            claim_of("Each report's career aspirations are known"),
            "Each report's career aspirations are known"
        );
        assert_eq!(claim_of("Coaching by questions"), "Coaching by questions");
    }
}

//! Small pieces of English the reports share.

/// "1 win", "3 wins".
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

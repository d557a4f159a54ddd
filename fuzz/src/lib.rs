//! What every fuzz target checks about an error: the library refused the input the
//! way it refuses any bad input a person gives it, with a kind that says so and a
//! message that says what to do, never a raw database or internal error.

use caliber::Error;

/// The kinds an error caused by the input alone may have.
pub const INPUT_KINDS: &[&str] = &["invalid_input", "bad_file", "not_found"];

/// Panics (which libFuzzer reports as a crash) unless `e` is an input error with a
/// message. `what` names the operation in the panic message.
pub fn assert_input_error(e: &Error, what: &str) {
    assert!(
        INPUT_KINDS.contains(&e.kind()),
        "{what}: error of kind `{}` from input alone: {e}",
        e.kind()
    );
    assert!(
        !e.to_string().trim().is_empty(),
        "{what}: error of kind `{}` with an empty message",
        e.kind()
    );
}

/// The input as text: libFuzzer's bytes, with bytes that are not UTF-8 replaced, so
/// every mutation still reaches the parser (the library takes `&str`; files that are
/// not UTF-8 are refused before parsing).
pub fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

//! The UI's IPC gateway and the app's command list agree: every command name the UI
//! calls in ui/src/lib/api.ts is registered with `generate_handler!` in
//! src/commands.rs, and every registered command is called from there. Checked from
//! the source files, so a renamed or forgotten command fails here and not only when
//! someone clicks the button that needs it.

use std::collections::BTreeSet;
use std::path::PathBuf;

fn read(relative: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("could not read {}: {e}", path.display()))
}

/// The names in `tauri::generate_handler![...]`, each the last part of its path.
fn registered(source: &str) -> BTreeSet<String> {
    let marker = "generate_handler![";
    let start = source
        .find(marker)
        .expect("src/commands.rs registers its commands with generate_handler![...]")
        + marker.len();
    let end = start
        + source[start..]
            .find(']')
            .expect("generate_handler![ is closed");
    source[start..end]
        .split(',')
        .map(|entry| {
            // Drop `//` comments, then keep `name` of `module::name`.
            let code = entry
                .lines()
                .map(|l| l.split("//").next().unwrap_or(""))
                .collect::<String>();
            code.trim().rsplit("::").next().unwrap_or("").to_string()
        })
        .filter(|name| !name.is_empty())
        .collect()
}

/// The command names passed as string literals to `call(...)` / `invoke(...)`
/// (with or without a type argument such as `call<Win[]>(`). A call whose first
/// argument is not a literal is allowed only as the gateway's own
/// `invoke<T>(cmd, args)`, which passes on the literal given to `call`.
fn called(api: &str) -> BTreeSet<String> {
    let bytes = api.as_bytes();
    let mut names = BTreeSet::new();
    let mut gateway = 0;
    for word in ["call", "invoke"] {
        let mut from = 0;
        while let Some(found) = api[from..].find(word) {
            let at = from + found;
            from = at + word.len();
            let before_ok = at == 0 || !is_ident(bytes[at - 1]);
            let after = &api[at + word.len()..];
            if !before_ok || after.bytes().next().is_some_and(is_ident) {
                continue;
            }
            let mut rest = after.trim_start();
            if rest.starts_with('<') {
                // Skip the type argument, which may hold `<...>` itself.
                let mut depth = 0;
                let mut close = None;
                for (i, c) in rest.char_indices() {
                    match c {
                        '<' => depth += 1,
                        '>' => {
                            depth -= 1;
                            if depth == 0 {
                                close = Some(i);
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                let Some(close) = close else { continue };
                rest = rest[close + 1..].trim_start();
            }
            let Some(args) = rest.strip_prefix('(') else {
                continue; // `import { invoke }`, `function call<T>(cmd: ...)` below
            };
            let args = args.trim_start();
            if let Some(literal) = args.strip_prefix('"') {
                let name = &literal[..literal.find('"').expect("a closed string literal")];
                names.insert(name.to_string());
            } else if word == "invoke" && args.starts_with("cmd,") {
                gateway += 1;
            } else if !args.starts_with("cmd:") {
                // `call<T>(cmd: string, ...)` is the gateway's own definition.
                panic!(
                    "ui/src/lib/api.ts calls {word} without a literal command name: {}",
                    args.lines().next().unwrap_or("")
                );
            }
        }
    }
    assert_eq!(
        gateway, 1,
        "api.ts passes call's name on to invoke exactly once"
    );
    names
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

#[test]
fn every_command_the_ui_calls_is_registered_and_every_registered_one_is_called() {
    let registered = registered(&read("src/commands.rs"));
    let called = called(&read("../ui/src/lib/api.ts"));
    // Sanity: both lists were found, so an empty parse cannot pass.
    assert!(registered.len() >= 10, "registered: {registered:?}");
    assert!(called.len() >= 10, "called: {called:?}");
    let unregistered: Vec<_> = called.difference(&registered).collect();
    let uncalled: Vec<_> = registered.difference(&called).collect();
    assert!(
        unregistered.is_empty(),
        "ui/src/lib/api.ts calls commands that src/commands.rs does not register: {unregistered:?}"
    );
    assert!(
        uncalled.is_empty(),
        "src/commands.rs registers commands that ui/src/lib/api.ts never calls: {uncalled:?}"
    );
}

#[test]
fn the_readers_find_names_in_the_shapes_the_sources_use() {
    let shell =
        "x.invoke_handler(tauri::generate_handler![\n  commands::a_b,\n  // note\n  unlock,\n])";
    assert_eq!(
        registered(shell),
        BTreeSet::from(["a_b".to_string(), "unlock".to_string()])
    );
    let api = r#"import { invoke } from "x";
async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  return await invoke<T>(cmd, args);
}
const api = {
  one: () => call<Win[]>("list_wins", { filter }),
  two: () =>
    call<string | null>(
      "get_setting", { key }),
  three: () => invoke("direct"),
  recall: () => recall("not_a_command"),
};"#;
    assert_eq!(
        called(api),
        BTreeSet::from([
            "list_wins".to_string(),
            "get_setting".to_string(),
            "direct".to_string()
        ])
    );
}

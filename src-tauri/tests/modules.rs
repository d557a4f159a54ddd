//! The app's files import one another in one direction only: no two modules of
//! src/ reach each other, directly or around a circle, so each can be read and
//! changed knowing what it stands on. Checked from the source files (`crate::name`
//! paths); the crate root, which declares the modules and wires them, is left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// Each module of src/ (but the root) and the other modules it names as `crate::x`.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).expect("src/ is readable") {
        let path = entry.expect("an entry of src/").path();
        let Some(name) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if path.extension().is_none_or(|e| e != "rs") || name == "main" {
            continue;
        }
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("could not read {}: {e}", path.display()));
        graph.insert(name.to_string(), named_modules(&text, name));
    }
    graph
}

/// The `crate::x` names in `source`, outside comments, other than `own`.
fn named_modules(source: &str, own: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for line in source.lines() {
        let code = line.split("//").next().unwrap_or("");
        for (at, _) in code.match_indices("crate::") {
            let rest = &code[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && name != own {
                names.insert(name);
            }
        }
    }
    names
}

/// A circle of imports, as the modules around it, if there is one.
fn circle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        graph: &BTreeMap<String, BTreeSet<String>>,
        node: &str,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut found = path[at..].to_vec();
            found.push(node.to_string());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = visit(graph, next, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|start| visit(graph, start, &mut Vec::new(), &mut done))
}

#[test]
fn no_two_modules_import_each_other_directly_or_around_a_circle() {
    let graph = imports();
    // Sanity: the reader found the modules and what they import, so an empty parse
    // cannot pass.
    assert!(graph.len() >= 3, "modules: {graph:?}");
    assert!(
        graph.values().map(BTreeSet::len).sum::<usize>() >= 3,
        "imports: {graph:?}"
    );
    if let Some(found) = circle(&graph) {
        panic!(
            "src/ modules import each other in a circle: {}",
            found.join(" -> ")
        );
    }
}

#[test]
fn the_reader_finds_circles_and_only_circles() {
    let graph = |edges: &[(&str, &str)]| {
        let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (from, to) in edges {
            g.entry(from.to_string())
                .or_default()
                .insert(to.to_string());
            g.entry(to.to_string()).or_default();
        }
        g
    };
    let around = circle(&graph(&[("a", "b"), ("b", "c"), ("c", "a")])).expect("a circle");
    assert_eq!(around.first(), around.last());
    assert_eq!(around.len(), 4);
    assert!(circle(&graph(&[("a", "b"), ("a", "c"), ("b", "c")])).is_none());
    let source = "use crate::state::Db;\n// crate::shell in a comment\nlet x = crate::bench::mark();\nuse crate::own::y;";
    assert_eq!(
        named_modules(source, "own"),
        BTreeSet::from(["state".to_string(), "bench".to_string()])
    );
}

//! The shape of the code: no two files of `src/` or `src-tauri/src/` import each
//! other, directly or through a circle of other files.
//!
//! Each file's imports are read from its text: `use` trees, and paths written in
//! the code that start with `crate::`, `super::`, `self::` or the name of a module
//! the file declares (`mod x;`). Comments and string literals are skipped, so a doc
//! link is not an import. A path is resolved to the deepest file module it names,
//! following re-exports (`pub use child::Name`, and a parent's `pub use child::*`),
//! so `crate::store::Records` leads to the file that defines `Records`.
//!
//! A parent module declaring its children (`mod y;`) or re-exporting them
//! (`pub use y::Name`) is not an import of them: that is what a parent is for. A
//! parent that calls into a child while the child uses the parent is a circle like
//! any other. Method calls (`store.list_wins()`) are invisible to this reading; a
//! file that names a type imports it where it names it.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::path::{Path, PathBuf};

/// A module path inside one crate, such as `["store", "wins"]`.
type ModPath = Vec<String>;

/// Which file imports which: (from, to) to the texts that import.
type Edges = BTreeMap<(String, String), BTreeSet<String>>;

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Colons,
    Punct(char),
}

/// The tokens of Rust source that matter for paths: identifiers, `::` and single
/// punctuation. Comments, strings, chars, lifetimes and numbers are dropped.
fn tokens(src: &str) -> Vec<Tok> {
    let c: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let n = c.len();
    let ident_start = |ch: char| ch.is_alphabetic() || ch == '_';
    let ident_char = |ch: char| ch.is_alphanumeric() || ch == '_';
    while i < n {
        let ch = c[i];
        if ch.is_whitespace() {
            i += 1;
        } else if ch == '/' && c.get(i + 1) == Some(&'/') {
            while i < n && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '/' && c.get(i + 1) == Some(&'*') {
            let mut depth = 0;
            while i < n {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if ch == '"' {
            i = skip_string(&c, i + 1);
        } else if ch == '\'' {
            // A char literal ('x', '\n', '\u{..}') or a lifetime/label ('a).
            if c.get(i + 1) == Some(&'\\') {
                i += 2;
                while i < n && c[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if c.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
                while i < n && ident_char(c[i]) {
                    i += 1;
                }
            }
        } else if ident_start(ch) {
            let start = i;
            while i < n && ident_char(c[i]) {
                i += 1;
            }
            let word: String = c[start..i].iter().collect();
            // Raw and byte strings: r"..", r#".."#, b"..", br#".."#.
            let hashes = c[i..].iter().take_while(|&&h| h == '#').count();
            if (word == "r" || word == "br") && c.get(i + hashes) == Some(&'"') {
                i = skip_raw(&c, i + hashes + 1, hashes);
            } else if word == "b" && c.get(i) == Some(&'"') {
                i = skip_string(&c, i + 1);
            } else if word == "b" && c.get(i) == Some(&'\'') {
                i += 1;
                while i < n && c[i] != '\'' {
                    i += usize::from(c[i] == '\\') + 1;
                }
                i += 1;
            } else if word == "r" && hashes == 1 {
                // A raw identifier, r#type.
                i += 1;
            } else {
                out.push(Tok::Ident(word));
            }
        } else if ch.is_ascii_digit() {
            while i < n && ident_char(c[i]) {
                i += 1;
            }
        } else if ch == ':' && c.get(i + 1) == Some(&':') {
            out.push(Tok::Colons);
            i += 2;
        } else {
            out.push(Tok::Punct(ch));
            i += 1;
        }
    }
    out
}

fn skip_string(c: &[char], mut i: usize) -> usize {
    while i < c.len() && c[i] != '"' {
        i += if c[i] == '\\' { 2 } else { 1 };
    }
    i + 1
}

fn skip_raw(c: &[char], mut i: usize, hashes: usize) -> usize {
    while i < c.len() {
        if c[i] == '"'
            && c[i + 1..]
                .iter()
                .take(hashes)
                .filter(|&&h| h == '#')
                .count()
                == hashes
        {
            return i + 1 + hashes;
        }
        i += 1;
    }
    i
}

/// One file: where it sits in its crate and what its text says.
struct File {
    /// Relative to the repository, such as `src/store/wins.rs`.
    name: String,
    /// The crate it belongs to, named by its root file.
    krate: String,
    module: ModPath,
    toks: Vec<Tok>,
}

/// A reference from one file to a module path, with the text that made it.
struct Reference {
    path: ModPath,
    shown: String,
}

/// What a file says: its references, its child modules declared as files, and
/// the names it re-exports from its children.
#[derive(Default)]
struct Reading {
    refs: Vec<Reference>,
    reexports: Vec<(ModPath, String, ModPath)>,
    globs: Vec<(ModPath, ModPath)>,
}

/// Expands a use tree starting at `toks[i]` into full paths (relative to nothing:
/// the first segment is as written). Returns the paths and the index after it.
fn use_tree(
    toks: &[Tok],
    mut i: usize,
    prefix: &[String],
    out: &mut Vec<(ModPath, String)>,
) -> usize {
    let mut path = prefix.to_vec();
    loop {
        match toks.get(i) {
            Some(Tok::Ident(w)) => {
                path.push(w.clone());
                i += 1;
                if toks.get(i) == Some(&Tok::Colons) {
                    i += 1;
                    continue;
                }
                // `as alias`
                let mut name = w.clone();
                if toks.get(i) == Some(&Tok::Ident("as".into())) {
                    if let Some(Tok::Ident(a)) = toks.get(i + 1) {
                        name = a.clone();
                    }
                    i += 2;
                }
                out.push((path, name));
                return i;
            }
            Some(Tok::Punct('*')) => {
                out.push((path, "*".into()));
                return i + 1;
            }
            Some(Tok::Punct('{')) => {
                i += 1;
                while let Some(t) = toks.get(i) {
                    match t {
                        Tok::Punct('}') => return i + 1,
                        Tok::Punct(',') => i += 1,
                        _ => i = use_tree(toks, i, &path, out),
                    }
                }
                return i;
            }
            _ => {
                // `self` inside braces and anything unexpected end the tree here.
                out.push((path, String::new()));
                return i + 1;
            }
        }
    }
}

/// The absolute module path a written path names, seen from module `here`; None
/// for paths into other crates or the standard library.
fn absolute(here: &[String], written: &[String], children: &BTreeSet<String>) -> Option<ModPath> {
    let first = written.first()?;
    let mut base: ModPath = here.to_vec();
    let mut rest = written;
    match first.as_str() {
        "crate" => {
            base.clear();
            rest = &written[1..];
        }
        "self" => rest = &written[1..],
        "super" => {
            while rest.first().map(String::as_str) == Some("super") {
                base.pop();
                rest = &rest[1..];
            }
        }
        w if children.contains(w) => {}
        _ => return None,
    }
    base.extend(rest.iter().filter(|s| s.as_str() != "self").cloned());
    Some(base)
}

fn read(file: &File, children_of: &HashMap<(String, ModPath), BTreeSet<String>>) -> Reading {
    let toks = &file.toks;
    let mut reading = Reading::default();
    // The inline modules open at this point: (name, brace depth inside it).
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    let here_of = |inline: &[(String, usize)]| {
        let mut m = file.module.clone();
        m.extend(inline.iter().map(|(n, _)| n.clone()));
        m
    };
    let no_children = BTreeSet::new();
    while i < toks.len() {
        let here = here_of(&inline);
        let children = children_of
            .get(&(file.krate.clone(), here.clone()))
            .unwrap_or(&no_children);
        match &toks[i] {
            Tok::Punct('{') => {
                depth += 1;
                i += 1;
            }
            Tok::Punct('}') => {
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
                depth = depth.saturating_sub(1);
                i += 1;
            }
            Tok::Ident(w) if w == "mod" => {
                if let (Some(Tok::Ident(name)), Some(Tok::Punct('{'))) =
                    (toks.get(i + 1), toks.get(i + 2))
                {
                    depth += 1;
                    inline.push((name.clone(), depth));
                    i += 3;
                } else {
                    // `mod y;` declares a child: not an import.
                    i += 2;
                }
            }
            Tok::Ident(w) if w == "use" => {
                let public = matches!(i.checked_sub(1).map(|p| &toks[p]), Some(Tok::Ident(v)) if v == "pub")
                    || (toks.get(i.wrapping_sub(1)) == Some(&Tok::Punct(')'))
                        && toks[..i]
                            .iter()
                            .rev()
                            .take(6)
                            .any(|t| t == &Tok::Ident("pub".into())));
                let mut trees = Vec::new();
                i = use_tree(toks, i + 1, &[], &mut trees);
                for (written, name) in trees {
                    let Some(path) = absolute(&here, &written, children) else {
                        continue;
                    };
                    let own_child = path.len() > here.len() && path.starts_with(&here);
                    if public && name == "*" && own_child {
                        reading.globs.push((here.clone(), path.clone()));
                    } else if public && !name.is_empty() {
                        reading.reexports.push((here.clone(), name, path.clone()));
                    }
                    // A parent re-exporting its child imports nothing; re-exporting
                    // another module's name is an import of it.
                    if !(public && own_child) {
                        reading.refs.push(Reference {
                            path,
                            shown: format!("use {}", written.join("::")),
                        });
                    }
                }
            }
            Tok::Punct('$') => i += 2, // `$crate` in a macro: the caller's concern
            Tok::Ident(first) if toks.get(i + 1) == Some(&Tok::Colons) => {
                let mut written = vec![first.clone()];
                let mut j = i + 1;
                while toks.get(j) == Some(&Tok::Colons) {
                    match toks.get(j + 1) {
                        Some(Tok::Ident(w)) => {
                            written.push(w.clone());
                            j += 2;
                        }
                        _ => break,
                    }
                }
                // `pub(in crate::io)` restricts visibility; it imports nothing.
                let restriction = i >= 2
                    && toks[i - 1] == Tok::Ident("in".into())
                    && toks[i - 2] == Tok::Punct('(');
                if !restriction && let Some(path) = absolute(&here, &written, children) {
                    reading.refs.push(Reference {
                        path,
                        shown: written.join("::"),
                    });
                }
                i = j;
            }
            _ => i += 1,
        }
    }
    reading
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The crate root file and module path of `rel` (a path relative to the repository).
fn place(rel: &str) -> (String, ModPath) {
    let (root_dir, root_file) = if let Some(rest) = rel.strip_prefix("src/bin/") {
        match rest.split_once('/') {
            Some((bin, _)) => (format!("src/bin/{bin}/"), format!("src/bin/{bin}/main.rs")),
            None => (rel.to_string(), rel.to_string()),
        }
    } else if rel.starts_with("src-tauri/src/") {
        let lib = Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/src/lib.rs");
        let root = if lib.exists() {
            "src-tauri/src/lib.rs"
        } else {
            "src-tauri/src/main.rs"
        };
        ("src-tauri/src/".to_string(), root.to_string())
    } else {
        ("src/".to_string(), "src/lib.rs".to_string())
    };
    if rel == root_file {
        return (root_file, Vec::new());
    }
    let inner = rel
        .strip_prefix(&root_dir)
        .unwrap_or(rel)
        .trim_end_matches(".rs");
    let mut module: ModPath = inner.split('/').map(str::to_string).collect();
    if module.last().is_some_and(|m| m == "mod") {
        module.pop();
    }
    (root_file, module)
}

/// Every file's imports of other files: (from, to) → the texts that import.
fn graph() -> (BTreeSet<String>, Edges) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    rust_files(&repo.join("src"), &mut paths);
    rust_files(&repo.join("src-tauri/src"), &mut paths);
    let files: Vec<File> = paths
        .iter()
        .map(|p| {
            let name = p
                .strip_prefix(repo)
                .unwrap_or(p)
                .to_string_lossy()
                .replace('\\', "/");
            let (krate, module) = place(&name);
            let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("read {name}: {e}"));
            File {
                name,
                krate,
                module,
                toks: tokens(&text),
            }
        })
        .collect();
    let by_module: HashMap<(String, ModPath), usize> = files
        .iter()
        .enumerate()
        .map(|(i, f)| ((f.krate.clone(), f.module.clone()), i))
        .collect();
    // Child modules declared as files, and inline modules, by their parent.
    let mut children_of: HashMap<(String, ModPath), BTreeSet<String>> = HashMap::new();
    for f in &files {
        if let Some((last, parent)) = f.module.split_last() {
            children_of
                .entry((f.krate.clone(), parent.to_vec()))
                .or_default()
                .insert(last.clone());
        }
    }
    let readings: Vec<Reading> = files.iter().map(|f| read(f, &children_of)).collect();
    let mut reexports: HashMap<(String, ModPath, String), ModPath> = HashMap::new();
    let mut globs: HashMap<(String, ModPath), Vec<ModPath>> = HashMap::new();
    for (f, r) in files.iter().zip(&readings) {
        for (m, name, target) in &r.reexports {
            reexports.insert((f.krate.clone(), m.clone(), name.clone()), target.clone());
        }
        for (m, target) in &r.globs {
            globs
                .entry((f.krate.clone(), m.clone()))
                .or_default()
                .push(target.clone());
        }
    }
    let defines = |file: &File, name: &str| {
        file.toks.windows(2).any(|w| {
            matches!(&w[0], Tok::Ident(k) if ["struct", "enum", "fn", "const", "static", "type", "trait", "union"].contains(&k.as_str()))
                && w[1] == Tok::Ident(name.to_string())
        })
    };
    // The file a module path leads to: its deepest file module, through re-exports.
    let resolve = |krate: &str, path: &ModPath| -> Option<usize> {
        let mut path = path.clone();
        for _ in 0..16 {
            let (len, at) = (0..=path.len()).rev().find_map(|l| {
                by_module
                    .get(&(krate.to_string(), path[..l].to_vec()))
                    .map(|&i| (l, i))
            })?;
            let Some(next) = path.get(len) else {
                return Some(at);
            };
            let module = path[..len].to_vec();
            if let Some(target) = reexports.get(&(krate.to_string(), module.clone(), next.clone()))
            {
                let mut again = target.clone();
                again.extend(path[len + 1..].iter().cloned());
                path = again;
                continue;
            }
            match globs.get(&(krate.to_string(), module)) {
                Some(targets) if !defines(&files[at], next) => {
                    let mut again = targets[0].clone();
                    again.extend(path[len..].iter().cloned());
                    path = again;
                }
                _ => return Some(at),
            }
        }
        None
    };
    let mut edges = Edges::new();
    for (f, r) in files.iter().zip(&readings) {
        for reference in &r.refs {
            if let Some(to) = resolve(&f.krate, &reference.path)
                && files[to].name != f.name
            {
                edges
                    .entry((f.name.clone(), files[to].name.clone()))
                    .or_default()
                    .insert(reference.shown.clone());
            }
        }
    }
    (files.iter().map(|f| f.name.clone()).collect(), edges)
}

/// Every circle: for each import that lies on one, the shortest circle through it.
fn circles(edges: &Edges) -> BTreeSet<Vec<String>> {
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (a, b) in edges.keys() {
        next.entry(a).or_default().push(b);
    }
    let mut found = BTreeSet::new();
    for (a, b) in edges.keys() {
        // The shortest way back from b to a.
        let mut came: HashMap<&str, &str> = HashMap::new();
        let mut queue = VecDeque::from([b.as_str()]);
        came.insert(b, b);
        while let Some(x) = queue.pop_front() {
            if x == a {
                break;
            }
            for &y in next.get(x).into_iter().flatten() {
                if !came.contains_key(y) {
                    came.insert(y, x);
                    queue.push_back(y);
                }
            }
        }
        if !came.contains_key(a.as_str()) {
            continue;
        }
        let mut cycle = vec![a.to_string()];
        let mut x = a.as_str();
        while x != b {
            x = came[x];
            cycle.push(x.to_string());
        }
        // cycle is a <- ... <- b, reversed it is b -> ... -> a; the circle is a -> b -> ... -> a.
        cycle.reverse();
        cycle.rotate_right(1);
        let start = cycle
            .iter()
            .enumerate()
            .min_by_key(|(_, n)| n.as_str())
            .map_or(0, |(i, _)| i);
        cycle.rotate_left(start);
        found.insert(cycle);
    }
    found
}

#[test]
fn no_file_imports_another_in_a_circle() {
    let (files, edges) = graph();
    assert!(
        files.contains("src/store/mod.rs"),
        "the reading found the store: {files:?}"
    );
    let found = circles(&edges);
    let mut report = String::new();
    for c in &found {
        let mut line = String::new();
        for (k, a) in c.iter().enumerate() {
            let b = &c[(k + 1) % c.len()];
            let via: Vec<&str> = edges[&(a.clone(), b.clone())]
                .iter()
                .map(String::as_str)
                .take(3)
                .collect();
            line.push_str(&format!("\n    {a} -> {b}  ({})", via.join(", ")));
        }
        report.push_str(&format!("\n  circle of {}:{line}", c.len()));
    }
    assert!(
        found.is_empty(),
        "{} circles between files:{report}",
        found.len()
    );
}

/// The reading itself: an import in a comment or string is none, a parent's
/// re-export of a child is none, and a path through a re-export reaches the file
/// that defines the name.
#[test]
fn the_reading_sees_imports_and_only_imports() {
    let toks = tokens(
        "// use crate::a;\n/* crate::b */ let s = \"crate::c\"; let t = r#\"crate::d\"#; let q = '\"'; fn f<'a>(x: &'a str) { crate::e::f(x) }",
    );
    let idents: Vec<String> = toks
        .iter()
        .filter_map(|t| match t {
            Tok::Ident(w) => Some(w.clone()),
            _ => None,
        })
        .collect();
    assert!(!idents.contains(&"a".into()) && !idents.contains(&"b".into()));
    assert!(!idents.contains(&"c".into()) && !idents.contains(&"d".into()));
    assert!(idents.contains(&"e".into()), "{idents:?}");

    let mut trees = Vec::new();
    let t = tokens("super::{Store, wins::{a, b as c}, self};");
    use_tree(&t, 0, &[], &mut trees);
    let names: Vec<String> = trees
        .iter()
        .map(|(p, n)| format!("{}={n}", p.join("::")))
        .collect();
    assert_eq!(
        names,
        [
            "super::Store=Store",
            "super::wins::a=a",
            "super::wins::b=c",
            "super::self=self"
        ]
    );

    let (_, edges) = graph();
    // lib.rs only declares and re-exports its children.
    assert!(
        !edges.keys().any(|(a, _)| a == "src/lib.rs"),
        "lib.rs imports nothing"
    );
    // `crate::store::Records` is defined in store/bulk.rs, re-exported by store/mod.rs.
    assert!(
        edges.contains_key(&("src/io/jrnl.rs".into(), "src/store/bulk.rs".into())),
        "io/jrnl.rs uses crate::store::Records"
    );
}

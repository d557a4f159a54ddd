//! Writes the benchmark datasets: the same generated entries as a Caliber backup,
//! a ready Caliber database, a jrnl journal (plain text, its default storage, with
//! the config that reads it), a jrnl JSON export, and SQL for the `sqlite3` shell.
//!
//! ```sh
//! cargo run --release --example bench_data -- --size 10000 --out target/bench/data
//! ```

#[path = "../benches/common/gen.rs"]
mod generator;

use std::path::{Path, PathBuf};

use caliber::Store;
use caliber::io::Format;

fn main() {
    if let Err(e) = run() {
        eprintln!("bench_data: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut size: usize = 10_000;
    let mut out = PathBuf::from("target/bench/data");
    let mut seed = generator::SEED;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--size" => size = value()?.parse()?,
            "--out" => out = PathBuf::from(value()?),
            "--seed" => seed = value()?.parse()?,
            "-h" | "--help" => {
                println!("bench_data --size N --out DIR [--seed S]");
                return Ok(());
            }
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    std::fs::create_dir_all(&out)?;
    let out = std::fs::canonicalize(&out)?;
    let records = generator::records(size, seed, generator::today());
    let name = |what: &str| out.join(format!("{what}-{size}"));

    write(
        &name("backup").with_extension("json"),
        &caliber::io::render(Format::Backup, &records)?,
    )?;
    write(
        &name("jrnl").with_extension("txt"),
        &generator::jrnl_text(&records),
    )?;
    write(
        &name("jrnl").with_extension("json"),
        &generator::jrnl_json(&records),
    )?;
    // The config points at a working copy the comparison script refreshes.
    let journal = name("jrnl-work").with_extension("txt");
    write(
        &name("jrnl").with_extension("yaml"),
        &generator::jrnl_config(&journal.to_string_lossy()),
    )?;
    write(
        &name("rows").with_extension("sql"),
        &generator::sql(&records),
    )?;

    // An empty database with Caliber's schema, the start of every import run.
    let empty = out.join("empty.db");
    if !empty.exists() {
        Store::open(&empty)?;
    }
    // The same records in a ready database, for logging and searching.
    let db = name("caliber").with_extension("db");
    for suffix in ["", "-wal", "-shm"] {
        let mut p = db.clone().into_os_string();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
    let mut store = Store::open(&db)?;
    let summary = store.insert_records(&records, None)?;
    drop(store);
    println!(
        "{size}: {} wins, {} people, {} feedback -> {}",
        summary.wins,
        summary.people,
        summary.feedback,
        out.display()
    );
    Ok(())
}

fn write(path: &Path, text: &str) -> std::io::Result<()> {
    std::fs::write(path, text)
}

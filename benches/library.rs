//! Library benchmarks at 1k, 10k and 100k wins, so the growth with size shows.
//!
//! ```sh
//! cargo bench --bench library            # everything
//! cargo bench --bench library -- search  # one group
//! ```
//!
//! Each size's database is generated once per process (deterministic data, see
//! `benches/common/gen.rs`) into a temporary file, the way a real ledger lives.

#[path = "common/gen.rs"]
mod generator;

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use caliber::feedback_plan::plan_store;
use caliber::outline::{OutlineFormat, outline_store, render};
use caliber::rehearse::rehearse_store;
use caliber::review::review_store;
use caliber::store::Records;
use caliber::suggest::{Suggester, log_win, suggester};
use caliber::{Store, WinDraft, WinFilter};
use criterion::{BatchSize, BenchmarkGroup, BenchmarkId, Criterion, measurement::WallTime};

/// What the app's Log view asks for first (ui/src/lib/pager.svelte.ts, `FIRST_PAGE`).
const FIRST_PAGE: usize = 60;
/// `caliber search`'s default limit.
const SEARCH_LIMIT: usize = 50;
const TITLE: &str = "Hired two managers for the payments org after a 3-month search";

struct Sized {
    size: usize,
    records: Records,
    store: Store,
}

fn build(dir: &Path, size: usize) -> Sized {
    let records = generator::records(size, generator::SEED, generator::today());
    let mut store = Store::open(&dir.join(format!("caliber-{size}.db"))).expect("open");
    store.insert_records(&records, None).expect("import");
    Sized {
        size,
        records,
        store,
    }
}

fn group<'a>(c: &'a mut Criterion, name: &str) -> BenchmarkGroup<'a, WallTime> {
    let mut g = c.benchmark_group(name);
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    g
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut sets: Vec<Sized> = generator::SIZES
        .iter()
        .map(|&n| build(dir.path(), n))
        .collect();
    let as_of = generator::today();

    {
        let mut g = group(c, "insert_one");
        for s in &mut sets {
            // What `caliber log "..."` does inside the process: suggest, then insert.
            g.bench_function(BenchmarkId::new("log_win", s.size), |b| {
                b.iter(|| log_win(&mut s.store, &WinDraft::titled(TITLE)).expect("log"))
            });
            // The insert alone.
            g.bench_function(BenchmarkId::new("add_win", s.size), |b| {
                b.iter(|| s.store.add_win(&WinDraft::titled(TITLE)).expect("add"))
            });
        }
    }

    {
        let mut g = group(c, "import_all");
        for s in &sets {
            let mut n = 0;
            g.bench_function(BenchmarkId::from_parameter(s.size), |b| {
                b.iter_batched(
                    || {
                        n += 1;
                        Store::open(&dir.path().join(format!("import-{}-{n}.db", s.size)))
                            .expect("open")
                    },
                    |mut store| {
                        store.insert_records(&s.records, None).expect("import");
                        store
                    },
                    BatchSize::PerIteration,
                )
            });
        }
    }

    {
        let mut g = group(c, "search");
        for s in &sets {
            g.bench_function(BenchmarkId::from_parameter(s.size), |b| {
                b.iter(|| {
                    s.store
                        .search(black_box("hiring"), Some(SEARCH_LIMIT))
                        .expect("search")
                })
            });
        }
    }

    {
        let mut g = group(c, "suggest");
        for s in &sets {
            // One call on a suggester already built: what each keystroke costs.
            let sg = suggester(&s.store).expect("suggester");
            g.bench_function(BenchmarkId::new("call", s.size), |b| {
                b.iter(|| sg.suggest(black_box(TITLE)))
            });
            // Building it (learning from recent confirmed wins) and one call: what
            // `caliber suggest` and `caliber log` pay once per process.
            g.bench_function(BenchmarkId::new("build_and_call", s.size), |b| {
                b.iter(|| caliber::suggest::suggest(&s.store, black_box(TITLE)).expect("suggest"))
            });
        }
        for id in ["senior-manager", "meta-m2", "google-l7", "microsoft-66"] {
            let ladder = caliber::ladder::builtin_ladder(id).expect("built-in ladder");
            // Training on the ladder's signals and examples alone: what a log pays
            // when the stored model is missing or stale.
            g.bench_function(BenchmarkId::new("train", id), |b| {
                b.iter(|| Suggester::for_ladder(black_box(ladder)))
            });
            let sg = Suggester::for_ladder(ladder);
            g.bench_function(BenchmarkId::new("call_on", id), |b| {
                b.iter(|| sg.suggest(black_box(TITLE)))
            });
        }
    }

    {
        let mut g = group(c, "review");
        for s in &sets {
            g.bench_function(BenchmarkId::from_parameter(s.size), |b| {
                b.iter(|| review_store(&s.store, as_of).expect("review"))
            });
        }
    }

    {
        let mut g = group(c, "rehearse");
        for s in &sets {
            g.bench_function(BenchmarkId::from_parameter(s.size), |b| {
                b.iter(|| rehearse_store(&s.store, as_of).expect("rehearse"))
            });
        }
    }

    for (name, format) in [
        ("outline_markdown", OutlineFormat::Markdown),
        ("outline_docx", OutlineFormat::Docx),
    ] {
        let mut g = group(c, name);
        for s in &sets {
            g.bench_function(BenchmarkId::from_parameter(s.size), |b| {
                b.iter(|| {
                    let o = outline_store(&s.store, as_of).expect("outline");
                    render(&o, format).expect("render")
                })
            });
        }
    }

    {
        let mut g = group(c, "plan");
        for s in &sets {
            // `caliber feedback plan`: providers chosen and a request drafted for each.
            g.bench_function(BenchmarkId::from_parameter(s.size), |b| {
                b.iter(|| plan_store(&s.store, as_of).expect("plan"))
            });
        }
    }

    {
        let mut g = group(c, "pack");
        for s in &sets {
            // `caliber pack`: the page built from the review, outline, rehearsal
            // and feedback plan of one read of the cycle, and its honesty check.
            g.bench_function(BenchmarkId::new("build", s.size), |b| {
                b.iter(|| caliber::pack::build(&s.store, as_of).expect("pack"))
            });
            g.bench_function(BenchmarkId::new("build_check_docx", s.size), |b| {
                b.iter(|| {
                    let p = caliber::pack::build(&s.store, as_of).expect("pack");
                    caliber::pack::check(&s.store, &p).expect("honest");
                    caliber::pack::render(&p, OutlineFormat::Docx).expect("docx")
                })
            });
        }
    }

    {
        let mut g = group(c, "first_view");
        for s in &sets {
            // The app's first view: app info (count, cycle), the current ladder and
            // the first page of the Log.
            g.bench_function(BenchmarkId::from_parameter(s.size), |b| {
                b.iter(|| {
                    let wins = s.store.count_wins().expect("count");
                    let cycle = s.store.cycle().expect("cycle");
                    let ladder = s.store.current_ladder().expect("ladder");
                    let page = s
                        .store
                        .list_wins(&WinFilter {
                            limit: Some(FIRST_PAGE),
                            ..Default::default()
                        })
                        .expect("list");
                    (wins, cycle, ladder, page)
                })
            });
        }
    }
}

criterion::criterion_group!(library, benches);
criterion::criterion_main!(library);

//! What each command does: turn arguments into library calls, then print. No rule of
//! the domain is decided here.

use std::path::Path;

use caliber::dates::parse_date;
use caliber::io::Format;
use caliber::ladder::ShortForm;
use caliber::{
    Cycle, Error, ExpectationTag, FeedbackDraft, Level, PersonDraft, PersonId, PersonRef, Result,
    Store, WinDraft, WinFilter,
};

use crate::args::{
    Cli, Command, CycleCmd, EditArgs, FeedbackCmd, LadderCmd, ListArgs, LogArgs, PeopleCmd,
    RehearseCmd,
};
use crate::print::{self, Out};

pub fn run(cli: Cli) -> Result<()> {
    // Completions and man pages describe the CLI itself: no database is opened.
    match &cli.command {
        Command::Completions { shell } => return completions(*shell, &Out::new(cli.json)),
        Command::Manpages { dir } => return manpages(dir, &Out::new(cli.json)),
        _ => {}
    }
    // A CALIBER_TODAY that is not a date is refused before anything is opened.
    caliber::dates::today_from_env()?;
    let path = caliber::paths::database_path(cli.db.clone())?;
    let out = Out::new(cli.json);
    let mut store = crate::unlock::open(&path)?;
    for notice in store.notices() {
        eprintln!("caliber: {notice}");
    }
    match cli.command {
        Command::Log(a) => log(&mut store, a, &out),
        Command::List(a) => list(&store, a, &out),
        Command::Search { query, limit } => {
            let query = query.join(" ");
            let wins = store.search(&query, Some(limit))?;
            if wins.is_empty() {
                return out.done(
                    &wins,
                    &format!("Nothing matched '{query}'. Try fewer or other words."),
                );
            }
            out.wins(&wins, &caliber::level::views(&store, &wins)?)
        }
        Command::Show { id } => {
            let w = store.win(id)?;
            out.win(&w, &caliber::level::view(&store, &w)?)
        }
        Command::Edit(a) => edit(&mut store, a, &out),
        Command::Delete { id } => {
            let w = store.delete_win(id)?;
            out.done(
                &w,
                &format!(
                    "Deleted win {id}: {} (bring it back with `caliber undo`)",
                    w.title
                ),
            )
        }
        Command::Undo { list: true, limit } => out.history(&store.undo_history(limit)?),
        Command::Undo { list: false, .. } => {
            let r = store.undo_reply()?;
            out.done(&r.undone, &r.message)
        }
        Command::Redo => {
            let r = store.redo_reply()?;
            out.done(&r.undone, &r.message)
        }
        Command::Confirm { ids, all_suggested } => {
            let e = store.confirm_suggested((!all_suggested).then_some(ids.as_slice()))?;
            out.done(&e, &e.confirm_sentence())
        }
        Command::Ladder(c) => ladder(&mut store, c, &out),
        Command::Cycle(c) => cycle(&mut store, c, &out),
        Command::People(c) => people(&mut store, c, &out),
        Command::Feedback(c) => feedback(&mut store, c, &out),
        Command::Export {
            format,
            output,
            force,
        } => {
            if let Some(file) = &output {
                // Refused before the work of exporting, and checked again on writing.
                caliber::paths::check_output(file, store.path(), force)?;
            }
            let text = caliber::io::export(&store, format)?;
            match output {
                Some(file) => {
                    write_output(&store, &file, &text, force)?;
                    out.done(
                        &written(&file, format.as_str(), text.len()),
                        &format!("Wrote {} ({format})", file.display()),
                    )
                }
                // A backup is JSON already; the other formats go inside a JSON object.
                None if out.is_json() && format != Format::Backup => out.done(
                    &serde_json::json!({ "format": format.as_str(), "text": text }),
                    "",
                ),
                None => print::stdout(&text),
            }
        }
        Command::Import { file, format } => {
            let s = caliber::io::import_file(&mut store, &file, format)?;
            out.done(
                &s,
                &format!(
                    "Imported {} wins, {} people, {} feedback from {} ({} already there, skipped). {}",
                    s.wins,
                    s.people,
                    s.feedback,
                    file.display(),
                    s.duplicates,
                    if s.added_anything() {
                        "`caliber undo` takes the import back."
                    } else {
                        "Nothing was added, so there is nothing to undo."
                    }
                ),
            )
        }
        Command::Suggest { text, principles } => {
            let text = text.join(" ");
            let list = if principles {
                caliber::suggest::suggest_principles(&text)
            } else {
                caliber::suggest::suggest(&store, &text)?
            };
            out.suggestions(&list)
        }
        Command::Review => out.review(&caliber::review::review_store(
            &store,
            caliber::dates::today(),
        )?),
        Command::Rehearse { action: None } => out.rehearsal(&caliber::rehearse::rehearse_store(
            &store,
            caliber::dates::today(),
        )?),
        Command::Rehearse {
            action: Some(RehearseCmd::Answer { id, text }),
        } => {
            let q = caliber::rehearse::answer(
                &mut store,
                caliber::dates::today(),
                &id,
                &text.join(" "),
            )?;
            out.done(&q, &format!("Kept your answer to {}", q.id))
        }
        Command::Check {
            file,
            forte,
            short_review,
            format,
        } => check(
            &store,
            &file,
            ShortForm::from_switches(forte, short_review)?,
            format,
            &out,
        ),
        Command::Outline {
            format,
            output,
            forte,
            short_review,
            force,
        } => outline(
            &store,
            format,
            output,
            ShortForm::from_switches(forte, short_review)?,
            force,
            &out,
        ),
        Command::Pack {
            format,
            output,
            force,
        } => pack(&store, format, output, force, &out),
        // Answered above without the database; kept here so the match stays whole.
        Command::Completions { shell } => completions(shell, &out),
        Command::Manpages { dir } => manpages(&dir, &out),
        Command::Backup { output, force } => {
            let target = match output {
                Some(p) => p,
                None => store.backup_dir().unwrap_or_default().join(format!(
                    "caliber-{}.db",
                    chrono::Local::now().format("%Y-%m-%dT%H%M%S")
                )),
            };
            store.backup_file(&target, force)?;
            out.done(
                &serde_json::json!({ "backup": target.display().to_string() }),
                &format!(
                    "Backed up to {} (restore with `caliber restore {}`)",
                    target.display(),
                    target.display()
                ),
            )
        }
        Command::Restore { file } => {
            let s = match store.restore_from(&file, None) {
                Err(Error::Passphrase(refused)) => {
                    let key = crate::unlock::backup_passphrase(&file, refused)?;
                    store.restore_from(&file, Some(&key))?
                }
                other => other?,
            };
            out.done(
                &s,
                &format!(
                    "Restored {} ({} wins). Your data as it was before is in {}",
                    file.display(),
                    s.wins,
                    s.previous
                ),
            )
        }
        Command::Encrypt => {
            let was = store.is_encrypted();
            let key = crate::unlock::new_passphrase()?;
            let c = store.change_encryption(Some(&key))?;
            let mut text = if was {
                format!(
                    "Changed the passphrase of {}. The file as it was, which the old passphrase still opens, is in {}: delete it if the old passphrase is no longer safe.",
                    path.display(),
                    c.previous
                )
            } else {
                format!(
                    "Encrypted {} ({} wins). From now on every command needs the passphrase: set {} or type it when asked. Keep the passphrase safe: without it the data cannot be recovered.",
                    path.display(),
                    c.wins,
                    caliber::store::PASSPHRASE_ENV
                )
            };
            if !c.plain_copies.is_empty() {
                text.push_str("
These copies are not encrypted (the first is the database as it was); delete them once the encrypted database opens for you:");
                for p in &c.plain_copies {
                    text.push_str(&format!(
                        "
  {p}"
                    ));
                }
            }
            out.done(&c, &text)
        }
        Command::Decrypt => {
            let c = store.change_encryption(None)?;
            out.done(
                &c,
                &format!(
                    "Decrypted {}: it is a plain file again and needs no passphrase. The encrypted file as it was is in {}.",
                    path.display(),
                    c.previous
                ),
            )
        }
        Command::Mcp { read_only } => crate::mcp::serve(store, read_only),
        Command::Demo => {
            let s = caliber::demo::load_demo(&mut store, caliber::dates::today())?;
            out.done(
                &s,
                &format!(
                    "Filled {} with a year of demo evidence: {} wins, {} people, {} feedback.\nTry: caliber --db {} list",
                    path.display(),
                    s.wins,
                    s.people,
                    s.feedback,
                    path.display()
                ),
            )
        }
    }
}

fn log(store: &mut Store, a: LogArgs, out: &Out) -> Result<()> {
    let mut draft = WinDraft::titled(a.text.join(" "));
    draft.date = a.date.as_deref().map(parse_date).transpose()?;
    draft.expectations = a
        .expect
        .iter()
        .map(|id| ExpectationTag {
            id: id.trim().to_string(),
            confirmed: true,
        })
        .collect();
    draft.principles = a.principle;
    if let Some(s) = a.scope {
        draft.scope = s;
    }
    draft.metric = a.metric;
    draft.people = a
        .with
        .into_iter()
        .map(|name| PersonRef {
            name,
            vouches: true,
        })
        .chain(a.involved.into_iter().map(|name| PersonRef {
            name,
            vouches: false,
        }))
        .collect();
    out.took(
        store.resolve_people(&mut draft.people, a.new_person)?,
        false,
    );
    draft.tags = a.tag;
    draft.links = a.link;
    draft.situation = a.situation;
    draft.action = a.action;
    draft.result = a.result;
    draft.notes = a.notes;
    let win = caliber::suggest::log_win(store, &draft)?;
    let notes: Vec<String> = caliber::dates::window_note(win.date, &store.cycle()?)
        .into_iter()
        .collect();
    out.logged(&win, &notes)
}

fn list(store: &Store, a: ListArgs, out: &Out) -> Result<()> {
    let suggested = a.suggested;
    let filter = WinFilter {
        since: a.since.as_deref().map(parse_date).transpose()?,
        until: a.until.as_deref().map(parse_date).transpose()?,
        expectation: match a.expect {
            Some(e) => Some(store.known_expectation(&e)?),
            None => None,
        },
        scope: a.scope,
        person: match a.person {
            Some(p) => Some(person_id(store, &p, out, true)?),
            None => None,
        },
        confirmed: if suggested {
            Some(false)
        } else if a.confirmed {
            Some(true)
        } else {
            None
        },
        tag: a.tag,
        limit: a.limit,
        offset: None,
    };
    let wins = store.list_wins(&filter)?;
    if wins.is_empty() && suggested {
        let only = WinFilter {
            confirmed: Some(false),
            limit: filter.limit,
            ..WinFilter::default()
        };
        return out.done(
            &wins,
            if filter == only {
                "Nothing left to confirm: every win's expectations are confirmed."
            } else {
                "Nothing left to confirm among these wins."
            },
        );
    }
    out.wins(&wins, &caliber::level::views(store, &wins)?)
}

fn edit(store: &mut Store, a: EditArgs, out: &Out) -> Result<()> {
    // `auto` clears the user's level: the ladder's rules judge the win again.
    let level: Option<Option<Level>> = match a.level.as_deref().map(str::trim) {
        None => None,
        Some("auto") => Some(None),
        Some(l) => Some(Some(l.parse()?)),
    };
    let mut edits = Vec::new();
    for &id in &a.ids {
        edits.push((id, edit_draft(store, &store.win(id)?, &a, out)?));
    }
    // The expectations a level is set for: those named with --expect, else each
    // win's first.
    let mut levels: Vec<(i64, String)> = Vec::new();
    if level.is_some() {
        for (id, d) in &edits {
            let has: Vec<&str> = d.expectations.iter().map(|t| t.id.as_str()).collect();
            let targets: Vec<String> = if a.expect.is_empty() {
                has.iter().take(1).map(|t| t.to_string()).collect()
            } else {
                a.expect
                    .iter()
                    .map(|e| caliber::ladder::resolve_expectation(&has, e, "").map(str::to_string))
                    .collect::<Result<_>>()?
            };
            if targets.is_empty() {
                return Err(Error::InvalidInput(format!(
                    "win {id} has no expectation to set a level for; name one with `--expect ID`"
                )));
            }
            levels.extend(targets.into_iter().map(|t| (*id, t)));
        }
    }
    // The content and the levels in one transaction: one step to undo.
    let e = store.edit_wins_and_levels(&edits, &levels, level.flatten())?;
    let mut sentence = e.edit_sentence();
    if let Some(level) = level {
        let what = match level {
            Some(l) => format!("level {l}"),
            None => "level judged by the ladder's rules".to_string(),
        };
        let on: Vec<String> = levels
            .iter()
            .map(|(id, t)| format!("{t} of win {id}"))
            .collect();
        sentence = format!(
            "Set the {what} for {} (`caliber undo` takes it back). {}",
            on.join(", "),
            if e.changed.is_empty() {
                ""
            } else {
                sentence.as_str()
            }
        )
        .trim_end()
        .to_string();
    }
    // A date given by hand that falls outside the review window is kept, with a note.
    let notes: Vec<String> = if a.date.is_some() {
        let cycle = store.cycle()?;
        e.wins
            .iter()
            .filter_map(|w| caliber::dates::window_note(w.date, &cycle))
            .collect()
    } else {
        Vec::new()
    };
    match e.wins.as_slice() {
        [one] => {
            let win = store.win(one.id)?;
            out.done_noted(&caliber::level::view(store, &win)?, &notes, &sentence)
        }
        _ => out.done_noted(&e, &notes, &sentence),
    }
}

/// The draft of `win` with the changes `a` asks for.
fn edit_draft(store: &Store, win: &caliber::Win, a: &EditArgs, out: &Out) -> Result<WinDraft> {
    let id = win.id;
    let mut d = WinDraft::from(win);
    if let Some(t) = &a.title {
        d.title = t.clone();
    }
    if let Some(date) = &a.date {
        d.date = Some(parse_date(date)?);
    }
    // Removing what is not on the win is a typo: say so instead of saving nothing.
    let mut unexpect: Vec<String> = Vec::new();
    for u in &a.unexpect {
        let has: Vec<&str> = d.expectations.iter().map(|t| t.id.as_str()).collect();
        let named = caliber::ladder::resolve_expectation(&has, u, "")
            .map(str::to_string)
            .unwrap_or_else(|_| u.trim().to_string());
        must_be_on(id, "the expectation", &named, &has)?;
        unexpect.push(named);
    }
    d.expectations.retain(|t| !unexpect.contains(&t.id));
    if a.confirm {
        for t in &mut d.expectations {
            t.confirmed = true;
        }
    }
    for e in &a.expect {
        let e = e.trim().to_string();
        match d.expectations.iter_mut().find(|t| t.id == e) {
            Some(t) => t.confirmed = true,
            None => d.expectations.push(ExpectationTag {
                id: e,
                confirmed: true,
            }),
        }
    }
    let set = caliber::ladder::principles();
    let removed: Vec<String> = a
        .no_principle
        .iter()
        .map(|p| set.resolve(p).map(|x| x.id.clone()))
        .collect::<Result<_>>()?;
    for p in &removed {
        let has: Vec<&str> = d.principles.iter().map(String::as_str).collect();
        must_be_on(id, "the principle", p, &has)?;
    }
    d.principles.retain(|p| !removed.contains(p));
    d.principles.extend(a.principle.iter().cloned());
    if let Some(s) = a.scope {
        d.scope = s;
    }
    set_opt(&mut d.metric, a.metric.clone());
    set_opt(&mut d.situation, a.situation.clone());
    set_opt(&mut d.action, a.action.clone());
    set_opt(&mut d.result, a.result.clone());
    set_opt(&mut d.notes, a.notes.clone());
    for w in &a.without {
        let has: Vec<&str> = d.people.iter().map(|p| p.name.as_str()).collect();
        let found = has.iter().find(|n| caliber::names::same_name(n, w));
        must_be_on(id, "the person", found.copied().unwrap_or(w.trim()), &has)?;
    }
    d.people.retain(|p| {
        !a.without
            .iter()
            .any(|w| caliber::names::same_name(w, &p.name))
    });
    // Only the names given now are resolved: those already on the win are people.
    let mut added: Vec<PersonRef> = a
        .with
        .iter()
        .map(|name| PersonRef {
            name: name.clone(),
            vouches: true,
        })
        .collect();
    out.took(store.resolve_people(&mut added, a.new_person)?, false);
    d.people.extend(added);
    let untag: Vec<String> = a
        .untag
        .iter()
        .map(|t| caliber::names::tag_form(t))
        .collect();
    for t in &untag {
        let has: Vec<&str> = d.tags.iter().map(String::as_str).collect();
        must_be_on(id, "the tag", t, &has)?;
    }
    d.tags.retain(|t| !untag.contains(t));
    d.tags.extend(a.tag.iter().cloned());
    for l in &a.unlink {
        let has: Vec<&str> = d.links.iter().map(String::as_str).collect();
        must_be_on(id, "the link", l, &has)?;
    }
    d.links.retain(|l| !a.unlink.contains(l));
    d.links.extend(a.link.iter().cloned());
    Ok(d)
}

/// Refuses to remove `item` from win `id` when it is not among `has`.
fn must_be_on(id: i64, what: &str, item: &str, has: &[&str]) -> Result<()> {
    if has.contains(&item) {
        return Ok(());
    }
    let listed = if has.is_empty() {
        "none".to_string()
    } else {
        has.join(", ")
    };
    Err(Error::NotFound(format!(
        "{what} '{item}' is not on win {id} (it has: {listed}), so nothing was changed; `caliber show {id}` shows what it has"
    )))
}

/// `Some("")` clears a field; `None` leaves it.
fn set_opt(field: &mut Option<String>, value: Option<String>) {
    if let Some(v) = value {
        *field = if v.trim().is_empty() { None } else { Some(v) };
    }
}

fn ladder(store: &mut Store, c: LadderCmd, out: &Out) -> Result<()> {
    match c {
        LadderCmd::List => {
            let current = store.cycle()?.ladder;
            out.ladders(&store.ladders()?, &current)
        }
        LadderCmd::Show { id } => {
            let l = match id {
                Some(id) => store.ladder(&id)?,
                None => store.current_ladder()?,
            };
            out.ladder(&l)
        }
        LadderCmd::Import { file } => {
            let l = caliber::Ladder::from_file(&file)?;
            store.import_ladder(&l)?;
            out.done(
                &l,
                &format!(
                    "Imported ladder '{}' ({} expectations). Use it with `caliber cycle set --ladder {}`",
                    l.id,
                    l.expectations.len(),
                    l.id
                ),
            )
        }
        LadderCmd::Principles => out.principles(caliber::ladder::principles()),
    }
}

fn cycle(store: &mut Store, c: CycleCmd, out: &Out) -> Result<()> {
    match c {
        CycleCmd::Show => out.cycle(&store.cycle()?, &[]),
        CycleCmd::Set {
            ladder,
            from,
            to,
            target_date,
            current_level,
            target_level,
        } => {
            let old = store.cycle()?;
            let ladder_id = ladder.unwrap_or(old.ladder.clone());
            let l = store.ladder(&ladder_id)?;
            let levels = l.levels_after(&old);
            let c = Cycle {
                ladder: l.id.clone(),
                current_level: current_level.unwrap_or(levels.current_level),
                target_level: target_level.unwrap_or(levels.target_level),
                start: from
                    .as_deref()
                    .map(parse_date)
                    .transpose()?
                    .unwrap_or(old.start),
                end: to
                    .as_deref()
                    .map(parse_date)
                    .transpose()?
                    .unwrap_or(old.end),
                target_date: target_date
                    .as_deref()
                    .map(parse_date)
                    .transpose()?
                    .or(old.target_date),
                is_default: false,
            };
            let c = store.set_cycle(&c)?;
            out.cycle(&c, &caliber::dates::cycle_notes(&c))
        }
    }
}

/// Finds a person by id or by name, saying so when the name was not exactly theirs.
fn person_id(store: &Store, who: &str, out: &Out, list_follows: bool) -> Result<PersonId> {
    let (p, note) = store.find_person(who)?;
    out.took(note.into_iter().collect(), list_follows);
    Ok(p.id)
}

fn people(store: &mut Store, c: PeopleCmd, out: &Out) -> Result<()> {
    match c {
        PeopleCmd::Add(a) => {
            let p = store.add_person(&PersonDraft {
                name: a.name,
                relation: a.relation,
                org: a.org,
                notes: a.notes,
                seniority: a.seniority.map(|s| s.parse()).transpose()?,
            })?;
            out.done(&p, &format!("Added {} (person {})", p.name, p.id))
        }
        PeopleCmd::List => out.people(&caliber::people::overview(store)?.people),
        PeopleCmd::Overview => out.people_overview(&caliber::people::overview(store)?),
        PeopleCmd::Show { who } => {
            let id = person_id(store, &who, out, false)?;
            let p = store.person(id)?;
            let wins = store.list_wins(&WinFilter {
                person: Some(id),
                ..Default::default()
            })?;
            let fb = store.list_feedback(Some(id))?;
            out.person(&p, &wins, &fb)
        }
        PeopleCmd::Edit { who, fields } => {
            let id = person_id(store, &who, out, false)?;
            let p = store.person(id)?;
            let mut d = PersonDraft {
                name: p.name,
                relation: p.relation,
                org: p.org,
                notes: p.notes,
                seniority: p.seniority,
            };
            if let Some(n) = fields.name {
                d.name = n;
            }
            if let Some(r) = fields.relation {
                d.relation = Some(r);
            }
            set_opt(&mut d.org, fields.org);
            set_opt(&mut d.notes, fields.notes);
            if let Some(s) = fields.seniority {
                d.seniority = match s.trim() {
                    "" => None,
                    s => Some(s.parse()?),
                };
            }
            let before = store.person(id)?;
            let p = store.update_person(id, &d)?;
            if p == before {
                return out.done(
                    &p,
                    &format!(
                        "Nothing changed: {} (person {}) already is like that, so there is nothing to undo.",
                        p.name, p.id
                    ),
                );
            }
            out.done(&p, &format!("Updated {} (person {})", p.name, p.id))
        }
        PeopleCmd::Delete { who, yes } => {
            let id = person_id(store, &who, out, false)?;
            let links = store.person_links(id)?;
            if !links.is_empty()
                && !yes
                && !confirm(&format!(
                    "{} is named on {}. Delete them? [y/N] ",
                    store.person(id)?.name,
                    links.describe()
                ))?
            {
                return Err(Error::InvalidInput(format!(
                    "{} is named on {}; nothing was deleted. Add --yes to delete them anyway (their wins and feedback stay, without them; `caliber undo` brings them back)",
                    store.person(id)?.name,
                    links.describe()
                )));
            }
            let p = store.delete_person(id)?;
            out.done(
                &p,
                &format!("Deleted {} (bring them back with `caliber undo`)", p.name),
            )
        }
    }
}

fn feedback(store: &mut Store, c: FeedbackCmd, out: &Out) -> Result<()> {
    match c {
        FeedbackCmd::Add {
            person,
            quote,
            date,
            expect,
            new_person,
        } => {
            let (person, note) = store.resolve_name(&person, new_person)?;
            out.took(note.into_iter().collect(), false);
            let f = store.add_feedback(&FeedbackDraft {
                person,
                date: date.as_deref().map(parse_date).transpose()?,
                quote,
                expectation: expect,
            })?;
            out.done(
                &f,
                &format!("Recorded feedback {} from {}", f.id, f.person_name),
            )
        }
        FeedbackCmd::List { person } => {
            let pid = person
                .map(|p| person_id(store, &p, out, true))
                .transpose()?;
            out.feedback(&store.list_feedback(pid)?)
        }
        FeedbackCmd::Delete { id } => {
            let f = store.delete_feedback(id)?;
            out.done(
                &f,
                &format!("Deleted feedback {id} (bring it back with `caliber undo`)"),
            )
        }
        FeedbackCmd::Plan => out.feedback_plan(&caliber::feedback_plan::plan_store(
            store,
            caliber::dates::today(),
        )?),
        FeedbackCmd::Ask { person, date } => {
            let on = match date.as_deref() {
                Some(d) => parse_date(d)?,
                None => caliber::dates::today(),
            };
            let id = person_id(store, &person, out, false)?;
            let ask = store.ask_feedback(id, on)?;
            out.done(
                &ask,
                &format!(
                    "Marked {} as asked for feedback on {on} (take it back with `caliber undo`)",
                    ask.person_name
                ),
            )
        }
    }
}

/// The document format asked for: `--format`, else the output file's extension,
/// else JSON when `--json` alone is given, else Markdown. A Word document needs a
/// file (`example` names one in the message), and the file is checked before the
/// work of building it (and again on writing).
fn document_format(
    store: &Store,
    format: Option<caliber::outline::OutlineFormat>,
    output: Option<&std::path::Path>,
    force: bool,
    example: &str,
    out: &Out,
) -> Result<caliber::outline::OutlineFormat> {
    use caliber::outline::OutlineFormat;
    let format = match (format, output) {
        (Some(f), _) => f,
        (None, Some(path)) => OutlineFormat::from_path(path).unwrap_or(OutlineFormat::Markdown),
        (None, None) if out.is_json() => OutlineFormat::Json,
        (None, None) => OutlineFormat::Markdown,
    };
    if format == OutlineFormat::Docx && output.is_none() {
        return Err(Error::InvalidInput(format!(
            "a Word document cannot go to the terminal; name a file with -o {example}"
        )));
    }
    if let Some(path) = output {
        caliber::paths::check_output(path, store.path(), force)?;
    }
    Ok(format)
}

/// Writes a rendered document to its file, or prints it (as JSON with `--json`).
fn deliver_document(
    store: &Store,
    format: caliber::outline::OutlineFormat,
    output: Option<std::path::PathBuf>,
    bytes: &[u8],
    force: bool,
    wrote: &str,
    out: &Out,
) -> Result<()> {
    let name = serde_json::to_value(format)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    match output {
        Some(path) => {
            write_output(store, &path, bytes, force)?;
            out.done(
                &written(&path, &name, bytes.len()),
                &format!("Wrote {}{wrote}", path.display()),
            )
        }
        None if out.is_json() && format != caliber::outline::OutlineFormat::Json => out.done(
            &serde_json::json!({ "format": name, "text": String::from_utf8_lossy(bytes) }),
            "",
        ),
        None => print::stdout(&String::from_utf8_lossy(bytes)),
    }
}

fn outline(
    store: &Store,
    format: Option<caliber::outline::OutlineFormat>,
    output: Option<std::path::PathBuf>,
    short: Option<ShortForm>,
    force: bool,
    out: &Out,
) -> Result<()> {
    use caliber::outline;
    let format = document_format(store, format, output.as_deref(), force, "case.docx", out)?;
    let bytes = outline::write_store(store, caliber::dates::today(), short, &[], format)?;
    deliver_document(store, format, output, &bytes, force, "", out)
}

fn pack(
    store: &Store,
    format: Option<caliber::outline::OutlineFormat>,
    output: Option<std::path::PathBuf>,
    force: bool,
    out: &Out,
) -> Result<()> {
    use caliber::pack;
    let format = document_format(store, format, output.as_deref(), force, "pack.docx", out)?;
    let p = pack::build(store, caliber::dates::today())?;
    pack::check(store, &p)?;
    let bytes = pack::render(&p, format)?;
    let words = format!(" ({} words)", p.words);
    deliver_document(store, format, output, &bytes, force, &words, out)
}

/// Set when a check found something, so the process exits 1 (not an error: the
/// report was printed).
static FINDINGS: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// True when `caliber check` printed findings.
pub fn had_findings() -> bool {
    FINDINGS.load(std::sync::atomic::Ordering::Relaxed)
}

fn check(
    store: &Store,
    file: &Path,
    short: Option<ShortForm>,
    format: Option<caliber::check::DraftFormat>,
    out: &Out,
) -> Result<()> {
    use caliber::check;
    let stdin = file.as_os_str() == "-";
    let (text, format) = if stdin {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(
            &mut std::io::Read::take(std::io::stdin().lock(), check::MAX_DRAFT_BYTES + 1),
            &mut bytes,
        )
        .map_err(|e| Error::io("could not read the draft from standard input", e))?;
        check::draft_from_bytes(&bytes, format)?
    } else {
        let (text, found) = check::read_draft(file)?;
        (text, format.unwrap_or(found))
    };
    let report = check::check_text(store, &text, &check::CheckOptions { short, format })?;
    if !report.is_clean() {
        FINDINGS.store(true, std::sync::atomic::Ordering::Relaxed);
    }
    let name = if stdin {
        "-".to_string()
    } else {
        file.display().to_string()
    };
    out.check_report(&name, &report)
}

/// What `--json` prints for a file written: where, in which format, how big.
fn written(path: &Path, format: &str, bytes: usize) -> serde_json::Value {
    serde_json::json!({
        "written": path.display().to_string(),
        "format": format,
        "bytes": bytes,
    })
}

/// Writes an output file under the library's rule: never onto a database, over
/// another existing file only with --force.
fn write_output(store: &Store, path: &Path, bytes: impl AsRef<[u8]>, force: bool) -> Result<()> {
    caliber::paths::write_output(path, bytes.as_ref(), store.path(), force).map(|_| ())
}

/// Asks a yes-or-no question at the terminal; without one (a script) the answer is no.
fn confirm(question: &str) -> Result<bool> {
    use std::io::{BufRead, IsTerminal, Write};
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Ok(false);
    }
    eprint!("{question}");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| Error::io("could not read the answer from the terminal", e))?;
    Ok(matches!(line.trim().to_lowercase().as_str(), "y" | "yes"))
}

/// The completion script for `shell`, generated from the clap definitions (with
/// --json: in an object naming the shell).
fn completions(shell: clap_complete::Shell, out: &Out) -> Result<()> {
    use clap::CommandFactory;
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "caliber", &mut script);
    let script = String::from_utf8_lossy(&script);
    if out.is_json() {
        out.done(
            &serde_json::json!({ "shell": shell.to_string(), "script": script }),
            "",
        )
    } else {
        print::stdout(&script)
    }
}

/// One man page per command (caliber.1, caliber-log.1, caliber-ladder-show.1, ...)
/// into `dir`, generated from the clap definitions; the packages install them.
fn manpages(dir: &Path, out: &Out) -> Result<()> {
    use clap::CommandFactory;
    let could_not = |e| {
        Error::io(
            format!("could not write man pages into {}", dir.display()),
            e,
        )
    };
    std::fs::create_dir_all(dir).map_err(could_not)?;
    clap_mangen::generate_to(Cli::command(), dir).map_err(could_not)?;
    let mut pages: Vec<String> = std::fs::read_dir(dir)
        .map_err(could_not)?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.starts_with("caliber") && name.ends_with(".1"))
        .collect();
    pages.sort();
    out.done(
        &serde_json::json!({ "written": dir.display().to_string(), "pages": pages }),
        &format!("Wrote {} man pages into {}", pages.len(), dir.display()),
    )
}

// The one gateway between the UI and Rust. Every call to the app goes through
// here, typed with the types generated from the Rust library (./generated).
import { invoke } from "@tauri-apps/api/core";
import type {
  AppInfo,
  CalibrationView,
  CheckOptions,
  Cycle,
  CycleLevels,
  DemoSummary,
  EncryptionChange,
  ErrorKind,
  ErrorReport,
  Feedback,
  FeedbackAsk,
  FeedbackDraft,
  ImportSummary,
  Ladder,
  NameMatch,
  Outline,
  OutlineFormat,
  PeopleOverview,
  Person,
  PersonDraft,
  PersonLinks,
  PrincipleSet,
  Question,
  ReminderSettings,
  Report,
  RestoreSummary,
  Review,
  Setting,
  ShortEdit,
  ShortReview,
  Suggestion,
  UndoReply,
  Level,
  Win,
  WinDraft,
  WinFilter,
  WinView,
} from "./generated";

export type * from "./generated";


/** An error from Rust: `kind` for code, `message` for people. */
export class ApiError extends Error {
  kind: ErrorKind;
  constructor(report: ErrorReport) {
    super(report.message);
    this.kind = report.kind;
  }
}

function isReport(e: unknown): e is ErrorReport {
  return typeof e === "object" && e !== null && "kind" in e && "message" in e;
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    if (isReport(e)) throw new ApiError(e);
    throw new ApiError({ kind: "internal", message: String(e) });
  }
}

export const emptyFilter = (): WinFilter => ({
  since: null,
  until: null,
  expectation: null,
  scope: null,
  person: null,
  confirmed: null,
  tag: null,
  limit: null,
  offset: null,
});

export const emptyDraft = (title = ""): WinDraft => ({
  date: null,
  title,
  situation: null,
  action: null,
  result: null,
  notes: null,
  metric: null,
  scope: "team",
  people: [],
  links: [],
  tags: [],
  expectations: [],
  principles: [],
  source: "app",
});

/** A win as an editable draft (what `update_win` takes). */
export function draftOf(w: Win): WinDraft {
  return {
    date: w.date,
    title: w.title,
    situation: w.situation,
    action: w.action,
    result: w.result,
    notes: w.notes,
    metric: w.metric,
    scope: w.scope,
    people: w.people.map((p) => ({ name: p.name, vouches: p.vouches })),
    links: [...w.links],
    tags: [...w.tags],
    expectations: w.expectations.map((t) => ({ ...t })),
    principles: [...w.principles],
    source: w.source,
  };
}

export const api = {
  appInfo: () => call<AppInfo>("app_info"),
  listWins: (filter: WinFilter) => call<Win[]>("list_wins", { filter }),
  /** Wins matching `query`, in search order: at most `limit` after the first `offset`. */
  searchWins: (query: string, limit?: number, offset?: number) =>
    call<Win[]>("search_wins", { query, limit: limit ?? null, offset: offset ?? null }),
  logWin: (draft: WinDraft) => call<Win>("log_win", { draft }),
  updateWin: (id: number, draft: WinDraft) => call<Win>("update_win", { id, draft }),
  deleteWin: (id: number) => call<Win>("delete_win", { id }),
  undo: () => call<UndoReply>("undo"),
  redo: () => call<UndoReply>("redo"),
  suggest: (text: string) => call<Suggestion[]>("suggest", { text }),
  suggestPrinciples: (text: string) => call<Suggestion[]>("suggest_principles", { text }),
  review: () => call<Review>("review"),
  /** The review's wins, each with the level it shows for each expectation and why. */
  reviewWins: (ids: number[]) => call<WinView[]>("review_wins", { ids }),
  /** Sets a win's level for one expectation; `null` lets the ladder judge it again. */
  setWinLevel: (id: number, expectation: string, level: Level | null) =>
    call<void>("set_win_level", { id, expectation, level }),
  outline: () => call<Outline>("outline"),
  /** The cycle's ladder's short review texts (Amazon's Forte, or the company's equivalent). */
  shortReview: () => call<ShortReview>("short_review"),
  /** The outline or the short review as Markdown; the short review with the user's `edits` in place. */
  outlineText: (shortReview: boolean, edits: ShortEdit[] | null = null) =>
    call<string>("outline_text", { shortReview, edits }),
  /**
   * The file writers: `force` replaces an existing file, passed only once the save
   * dialog asked about replacing it and the person said yes. A database is refused
   * whatever `force` says.
   */
  exportOutline: (path: string, format: OutlineFormat, shortReview: boolean, force: boolean) =>
    call<void>("export_outline", { path, format, shortReview, force }),
  exportData: (path: string, format: string, force: boolean) => call<void>("export_data", { path, format, force }),
  importData: (path: string, format: string | null) => call<ImportSummary>("import_data", { path, format }),
  backupTo: (path: string, force: boolean) => call<void>("backup_to", { path, force }),
  restoreFrom: (path: string, passphrase: string | null = null) =>
    call<RestoreSummary>("restore_from", { path, passphrase }),
  /** Encrypts, changes the passphrase, or with null removes the encryption. */
  setPassphrase: (passphrase: string | null) => call<EncryptionChange>("set_passphrase", { passphrase }),
  /** Opens the encrypted database; a wrong passphrase rejects with kind "passphrase". */
  unlock: (passphrase: string) => call<void>("unlock", { passphrase }),
  loadDemo: () => call<DemoSummary>("load_demo"),
  listPeople: () => call<Person[]>("list_people"),
  addPerson: (draft: PersonDraft) => call<Person>("add_person", { draft }),
  updatePerson: (id: number, draft: PersonDraft) => call<Person>("update_person", { id, draft }),
  deletePerson: (id: number) => call<Person>("delete_person", { id }),
  /** Who each typed name means (one person, several, or nobody). */
  matchPeople: (names: string[]) => call<NameMatch[]>("match_people", { names }),
  /** The wins and feedback naming a person: asked before deleting them. */
  personLinks: (id: number) => call<PersonLinks>("person_links", { id }),
  /** Who vouches for what, the coverage of each expectation and the feedback providers. */
  peopleOverview: () => call<PeopleOverview>("people_overview"),
  listFeedback: () => call<Feedback[]>("list_feedback"),
  addFeedback: (draft: FeedbackDraft) => call<Feedback>("add_feedback", { draft }),
  deleteFeedback: (id: number) => call<Feedback>("delete_feedback", { id }),
  ladders: () => call<Ladder[]>("ladders"),
  currentLadder: () => call<Ladder>("current_ladder"),
  principles: () => call<PrincipleSet>("principles"),
  importLadder: (path: string) => call<Ladder>("import_ladder", { path }),
  getCycle: () => call<Cycle>("get_cycle"),
  setCycle: (cycle: Cycle) => call<Cycle>("set_cycle", { cycle }),
  /** The levels the cycle takes when the user picks `ladder` (the library's rule). */
  cycleLevels: (ladder: string) => call<CycleLevels>("cycle_levels", { ladder }),
  getReminder: () => call<ReminderSettings>("get_reminder"),
  setReminder: (reminder: ReminderSettings) => call<void>("set_reminder", { reminder }),
  getSetting: (key: Setting) => call<string | null>("get_setting", { key }),
  setSetting: (key: Setting, value: string) => call<void>("set_setting", { key, value }),
  setShortcut: (shortcut: string) => call<void>("set_shortcut", { shortcut }),
  openCapture: () => call<void>("open_capture"),
  /**
   * Everything the Calibration view shows, over one read: who to ask for feedback
   * (each with a drafted request and a status), the questions a panel will ask with
   * the answers kept so far, and the sponsor pack as HTML (or why there is none).
   */
  calibration: () => call<CalibrationView>("calibration"),
  /** Marks person `id` as asked for feedback today (undo takes it back). */
  askFeedback: (id: number) => call<FeedbackAsk>("ask_feedback", { id }),
  /** Takes back that person `id` was asked (undo puts the ask back). */
  unaskFeedback: (id: number) => call<void>("unask_feedback", { id }),
  /** Keeps the answer to question `id`; an empty answer is refused by the library. */
  rehearseAnswer: (id: string, text: string) => call<Question>("rehearse_answer", { id, text }),
  /** Writes the sponsor pack to `path`; `force` as for the other file writers. */
  exportPack: (path: string, format: OutlineFormat, force: boolean) => call<void>("export_pack", { path, format, force }),
  /**
   * Checks a pasted draft against the evidence, as `caliber check` does a file;
   * text over the size limit or with nothing to check rejects with the library's message.
   */
  checkDraft: (text: string, options: CheckOptions) => call<Report>("check_draft", { text, options }),
  /** The first view is on screen: the app benchmark's mark (quiet unless asked for). */
  firstViewRendered: (marks: string) => call<void>("first_view_rendered", { marks }),
};

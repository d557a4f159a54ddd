// Milestones of the start, in ms since the page began to load: sent with the first
// view's mark so the app benchmark can tell where the time before it goes.
const marks: string[] = [];

/** Notes that the start reached `name` now. */
export function mark(name: string): void {
  marks.push(`${name} ${Math.round(performance.now())}`);
}

/** The milestones so far, as "script 120, ready 340, ...". */
export function marksText(): string {
  return marks.join(", ");
}

// Pure logic of encryption at rest in the UI: checking a new passphrase and its
// confirmation before it goes to Rust (which has the final word), and the sentences
// that report a change. Unit-tested without a window.
import type { EncryptionChange } from "./api";

/** The shortest passphrase the library accepts when encrypting (MIN_PASSPHRASE_CHARS). */
export const MIN_PASSPHRASE_CHARS = 8;

/** The warning shown wherever a passphrase is chosen. */
export const LOST_PASSPHRASE_WARNING =
  "Without the passphrase nobody, not Caliber either, can read the data again: a lost passphrase means lost data. Write it down somewhere safe.";

/** A new passphrase and its confirmation, as typed: the passphrase, or what to fix. */
export function checkNewPassphrase(passphrase: string, confirmation: string): { passphrase: string } | { error: string } {
  if (!passphrase) return { error: "Type a passphrase." };
  if ([...passphrase].length < MIN_PASSPHRASE_CHARS) {
    return { error: `Choose a passphrase of at least ${MIN_PASSPHRASE_CHARS} characters (a few words are easier to remember than symbols).` };
  }
  if (passphrase !== confirmation) return { error: "The two passphrases differ; type the same one twice." };
  return { passphrase };
}

/** The sentence after a change: what happened, where the old file is, which copies are still readable. */
export function encryptionChangeText(c: EncryptionChange, wasEncrypted: boolean): string {
  let text: string;
  if (!c.encrypted) {
    text = `Encryption removed: the database is a plain file again. The encrypted file as it was is in ${c.previous}.`;
  } else if (wasEncrypted) {
    text = `Passphrase changed. The file as it was, which the old passphrase still opens, is in ${c.previous}; delete it if the old passphrase is no longer safe.`;
  } else {
    text = `Encrypted (${c.wins} ${c.wins === 1 ? "win" : "wins"}). Caliber will ask for the passphrase each time it starts.`;
  }
  if (c.encrypted && c.plain_copies.length > 0) {
    const n = c.plain_copies.length;
    text += ` ${n} ${n === 1 ? "copy is" : "copies are"} still unencrypted (the database as it was, older backups); delete ${n === 1 ? "it" : "them"} once Caliber opens with the passphrase: ${c.plain_copies.join(", ")}.`;
  }
  return text;
}

/**
 * Loads the saved replies (`knowledge/replies/*.md`) from disk, once at cold start. Synchronous on purpose,
 * like the knowledge loader; a file it cannot accept stops the start-up with a message naming it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSavedReply, type SavedReply } from '#core/saved-replies.ts';

/** The folder of the knowledge base that holds saved replies (the knowledge loader skips it). */
export const REPLIES_FOLDER = 'replies';

/** Reads every `*.md` in `dir` (sorted by file name); a missing folder means no saved replies. */
export function loadSavedReplies(dir: string): SavedReply[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.toLowerCase().endsWith('.md') && name.toLowerCase() !== 'readme.md')
    .sort()
    .map((name) => parseSavedReply(name.slice(0, -3), readFileSync(join(dir, name), 'utf8')));
}

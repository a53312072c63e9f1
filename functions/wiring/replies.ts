/**
 * Composition root: the saved replies agents send from a case thread (`knowledge/replies/*.md`).
 */
import { join } from 'node:path';
import { loadSavedReplies, REPLIES_FOLDER } from '../adapters/saved-replies-loader.ts';
import type { SavedReply } from '../core/saved-replies.ts';
import { env } from './base.ts';

/** The saved replies, loaded once at cold start (none when the folder is absent). */
export const savedReplies: readonly SavedReply[] = loadSavedReplies(join(env.KNOWLEDGE_DIR, REPLIES_FOLDER));

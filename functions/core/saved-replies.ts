/**
 * Saved replies: canned answers the agents send from a case thread (`knowledge/replies/*.md`, front matter
 * `title` and `tags`). Pure: parsing, search and placeholder filling; the loader and the Slack modal are
 * adapters, and the send goes through the same desk command (and outbound gate) as any agent reply.
 */

/** One saved reply. */
export interface SavedReply {
  /** Stable id: the file name without `.md` (`refund-status`). */
  id: string;
  title: string;
  tags: string[];
  /** The reply, with placeholders such as `{{customer_name}}`. */
  text: string;
}

/** The placeholders a saved reply may hold, and what fills them. */
export const PLACEHOLDERS = ['customer_name', 'order_id', 'agent_name'] as const;

/** A placeholder's name. */
export type Placeholder = (typeof PLACEHOLDERS)[number];

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * Parses one reply file: an optional front matter block (`---` lines around `title:` and `tags:`, tags as
 * `[a, b]` or `a, b`), then the reply text. Throws on an id, title or placeholder it cannot accept, so a
 * broken file stops the start-up instead of reaching a customer.
 */
export function parseSavedReply(id: string, source: string): SavedReply {
  if (!ID.test(id)) throw new Error(`saved reply ${id}: the file name must be kebab-case (a-z, 0-9, -)`);
  let body = source.replace(/\r\n/g, '\n');
  const fields: Record<string, string> = {};
  const front = /^---\n([\s\S]*?)\n---\n?/.exec(body);
  if (front) {
    for (const line of front[1]!.split('\n')) {
      const match = /^([a-z_]+):\s*(.*)$/.exec(line.trim());
      if (match) fields[match[1]!] = match[2]!.trim();
    }
    body = body.slice(front[0].length);
  }
  const text = body.trim();
  if (!text) throw new Error(`saved reply ${id}: the reply text is empty`);
  for (const name of placeholdersIn(text)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
      throw new Error(`saved reply ${id}: unknown placeholder {{${name}}} (use ${PLACEHOLDERS.join(', ')})`);
    }
  }
  const title = unquote(fields.title ?? '') || id.replace(/-/g, ' ');
  const tags = unquote(fields.tags ?? '')
    .replace(/^\[|\]$/g, '')
    .split(',')
    .map((tag) => unquote(tag.trim()).toLowerCase())
    .filter((tag) => tag.length > 0);
  return { id, title, tags, text };
}

function unquote(value: string): string {
  return value.replace(/^(['"])(.*)\1$/, '$2');
}

/** The placeholder names `text` uses, in order of first use. */
export function placeholdersIn(text: string): string[] {
  const names = [...text.matchAll(/\{\{\s*([a-z_]+)\s*\}\}/g)].map((match) => match[1]!);
  return [...new Set(names)];
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/**
 * The replies matching `query`, best first, at most `limit`: every query word must start a word of the
 * title, a tag or the text; title and tag hits rank above text hits. An empty query lists them by title.
 */
export function searchSavedReplies(replies: readonly SavedReply[], query: string, limit = 20): SavedReply[] {
  const terms = words(query);
  if (terms.length === 0) {
    return [...replies].sort((a, b) => a.title.localeCompare(b.title)).slice(0, limit);
  }
  const scored: { reply: SavedReply; score: number }[] = [];
  for (const reply of replies) {
    const title = words(reply.title);
    const tags = reply.tags.flatMap(words);
    const text = words(reply.text);
    let score = 0;
    for (const term of terms) {
      const hit = (list: string[]) => list.some((word) => word.startsWith(term));
      const points = (hit(title) ? 3 : 0) + (hit(tags) ? 2 : 0) + (hit(text) ? 1 : 0);
      if (points === 0) {
        score = 0;
        break;
      }
      score += points;
    }
    if (score > 0) scored.push({ reply, score });
  }
  return scored
    .sort((a, b) => b.score - a.score || a.reply.title.localeCompare(b.reply.title))
    .slice(0, limit)
    .map((entry) => entry.reply);
}

/** What fills the placeholders. An absent or blank value is missing. */
export type PlaceholderValues = Partial<Record<Placeholder, string | undefined>>;

/** The customer name used when the customer's name is unknown ("Hi {{customer_name}}" → "Hi there"). */
export const UNKNOWN_CUSTOMER_NAME = 'there';

/**
 * Fills the placeholders of `text`. `customer_name` falls back to "there"; any other placeholder without a
 * value is reported in `missing` (the reply must not go out with a hole in it).
 */
export function fillPlaceholders(
  text: string,
  values: PlaceholderValues,
): { text: string; missing: Placeholder[] } {
  const missing = new Set<Placeholder>();
  const filled = text.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (whole, name: string) => {
    const value = values[name as Placeholder]?.trim();
    if (value) return value;
    if (name === 'customer_name') return UNKNOWN_CUSTOMER_NAME;
    missing.add(name as Placeholder);
    return whole;
  });
  return { text: filled, missing: [...missing] };
}

/** The first name of a display name, for a friendlier greeting ("Ana María López" → "Ana"). */
export function firstName(name: string | undefined): string | undefined {
  const first = name?.trim().split(/\s+/)[0];
  return first || undefined;
}

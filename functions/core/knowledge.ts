/**
 * The knowledge base: markdown chunked by `## ` heading into passages, searched with minisearch
 * (BM25 with prefix and fuzzy matching, titles boosted) and rendered into the prompt (whole, or the
 * passages `knowledge-selection.ts` picks when it is over the prompt budget).
 * Pure: the loader in `adapters/knowledge-loader.ts` reads the files.
 */
import MiniSearch from 'minisearch';
import type { ExampleFile } from './knowledge-examples.ts';
import { type Synonym, type SynonymFile, synonymLookup } from './knowledge-synonyms.ts';

/** One searchable chunk of the knowledge base: the text under one `## ` heading. */
export interface Passage {
  /** Stable id, `<file stem>#<heading slug>`, e.g. `shipping#international-orders`. */
  id: string;
  /** The `## ` heading. */
  title: string;
  /** The body under the heading, trimmed. */
  text: string;
  /** The source file, relative to the knowledge directory (e.g. `shipping.md`). */
  file: string;
  /** The file's `# ` title, when it has one (e.g. `Shipping`). */
  doc?: string;
  /** Where the passage comes from (a help-centre URL), from a `Source: <url>` line; the model may cite it. */
  source?: string;
}

/** A search hit; `score` is minisearch's BM25 score (higher is better, unbounded). */
export interface KnowledgeHit {
  passage: Passage;
  score: number;
}

/** Turns a heading into an id-safe slug: `International orders` → `international-orders`. */
export function slugify(heading: string): string {
  return heading
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A `Source: <url>` line (angle brackets optional): the passage's citation. */
const SOURCE_LINE = /^Source:\s*<?(https?:\/\/[^\s>]+)>?\s*$/i;

/**
 * Splits one markdown file into passages, one per `## ` heading. Text before the first `## `
 * (other than the `# ` title) becomes an `overview` passage; `###` and deeper stay in their passage.
 * A `Source: <url>` line before any text of the file applies to all its passages; one at the top
 * of a `## ` section applies to that passage. Neither is part of the passage text.
 */
export function chunkMarkdown(source: string, file: string): Passage[] {
  const stem = file.replace(/\\/g, '/').replace(/\.md$/i, '');
  const passages: Passage[] = [];
  const seen = new Map<string, number>();
  let doc: string | undefined;
  let title = 'Overview';
  let lines: string[] = [];
  let fileSource: string | undefined;
  let sectionSource: string | undefined;
  let inSection = false;

  const flush = (): void => {
    const text = lines.join('\n').trim();
    lines = [];
    if (!text) return;
    let slug = slugify(title) || 'section';
    // Two identical headings in one file still get distinct ids.
    const count = (seen.get(slug) ?? 0) + 1;
    seen.set(slug, count);
    if (count > 1) slug = `${slug}-${count}`;
    const cite = sectionSource ?? fileSource;
    passages.push({
      id: `${stem}#${slug}`,
      title,
      text,
      file,
      ...(doc ? { doc } : {}),
      ...(cite ? { source: cite } : {}),
    });
  };

  for (const line of source.replace(/\r\n?/g, '\n').split('\n')) {
    const h1 = /^#\s+(.+?)\s*#*\s*$/.exec(line);
    const h2 = /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (h1?.[1] && doc === undefined && passages.length === 0 && lines.every((l) => !l.trim())) {
      doc = h1[1];
      continue;
    }
    if (h2?.[1]) {
      flush();
      title = h2[1];
      inSection = true;
      sectionSource = undefined;
      continue;
    }
    const cite = SOURCE_LINE.exec(line.trim())?.[1];
    if (cite && lines.every((l) => !l.trim())) {
      if (inSection) sectionSource = cite;
      else fileSource = cite;
      continue;
    }
    lines.push(line);
  }
  flush();
  return passages;
}

// Words that carry no topic: dropping them keeps "how do I …" from matching every passage.
const STOP_WORDS = new Set(
  (
    'a about after all also am an and any anything are as at be been but by can could did do does doing ' +
    'for from get got had has have hello hey hi how i if in into is it its just know let like me my need ' +
    'no not of ok okay on or our please so some tell than thank thanks that the their them then there ' +
    'these they this to too us was we were what when where which who why will with would yes you your ' +
    'much many should im ive dont cant whats hows one'
  ).split(' '),
);

/** A deliberately light English stemmer (plural, -ing, -ed) applied to both index and query. */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 4 && /(ss|x|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  // "shipping" → "shipp" → "ship", so it meets "ship"/"ships".
  if (w.length > 3 && /([^aeiouls])\1$/.test(w)) w = w.slice(0, -1);
  return w;
}

/** Normalizes one token for the index and the query: lowercase, no accents, stemmed; `null` for stop words. */
export function processTerm(term: string): string | null {
  const word = term
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]s$/, '')
    .replace(/['’]/g, '');
  if (!word || STOP_WORDS.has(word)) return null;
  return stem(word);
}

/** The content terms of a text (tokenized, stop words dropped, stemmed), in order. */
export function searchTerms(text: string): string[] {
  return text
    .split(/[^\p{L}\p{N}'’$]+/u)
    .map((token) => processTerm(token.replace(/^\$/, '')))
    .filter((term): term is string => Boolean(term));
}

const TOKENIZE = /[^\p{L}\p{N}'’]+/u;

/** The business's knowledge, searchable and renderable. Build once at cold start. */
export class KnowledgeBase {
  readonly passages: readonly Passage[];
  /** Words outside the knowledge base → its words they may stand for (`knowledge-synonyms.ts`). */
  readonly synonyms: ReadonlyMap<string, readonly Synonym[]>;
  /** Example phrasings per passage (`knowledge-examples.ts`), when the business keeps them. */
  readonly examples: ExampleFile | undefined;
  private readonly synonymFile: SynonymFile | undefined;
  private readonly byId: Map<string, Passage>;
  private readonly index: MiniSearch<Passage & { topic: string }>;
  private rendered?: string;

  /**
   * Indexes the passages (ids must be unique); `synonyms` is the generated map and `examples` the
   * example phrasings, when there are.
   */
  constructor(passages: Passage[], synonyms?: SynonymFile, examples?: ExampleFile) {
    this.passages = passages;
    this.synonymFile = synonyms;
    this.synonyms = synonymLookup(synonyms);
    this.examples = examples;
    this.byId = new Map(passages.map((p) => [p.id, p]));
    if (this.byId.size !== passages.length) throw new Error('duplicate knowledge passage id');
    this.index = new MiniSearch<Passage & { topic: string }>({
      fields: ['title', 'text', 'topic'],
      storeFields: [],
      tokenize: (text) => text.split(TOKENIZE),
      processTerm: (term) => processTerm(term) ?? undefined,
      searchOptions: {
        boost: { title: 2.5, topic: 1.5 },
        prefix: (term) => term.length >= 4,
        fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
        combineWith: 'OR',
      },
    });
    this.index.addAll(
      passages.map((p) => ({ ...p, topic: `${p.doc ?? ''} ${p.file.replace(/\.md$/, '')}` })),
    );
  }

  /** Builds a knowledge base from `{ file, source }` pairs of markdown (and its synonym map and examples, if any). */
  static fromMarkdown(
    files: { file: string; source: string }[],
    synonyms?: SynonymFile,
    examples?: ExampleFile,
  ): KnowledgeBase {
    return new KnowledgeBase(
      files.flatMap(({ file, source }) => chunkMarkdown(source, file)),
      synonyms,
      examples,
    );
  }

  /** The same passages and synonyms with other example phrasings (`undefined`: none). */
  withExamples(examples: ExampleFile | undefined): KnowledgeBase {
    return new KnowledgeBase([...this.passages], this.synonymFile, examples);
  }

  /** The passage with this id, if any. */
  get(id: string): Passage | undefined {
    return this.byId.get(id);
  }

  /** The best passages for a query, best first; empty when nothing matches. */
  search(query: string, limit = 3): KnowledgeHit[] {
    if (!query.trim()) return [];
    return this.index
      .search(query)
      .slice(0, limit)
      .flatMap((result) => {
        const passage = this.byId.get(result.id as string);
        return passage ? [{ passage, score: result.score }] : [];
      });
  }

  /** The whole knowledge base as prompt text, each passage headed by its id (stable, so it caches). */
  render(): string {
    this.rendered ??= renderPassages(this.passages);
    return this.rendered;
  }
}

/** Passages as prompt text: each headed by `[id] Doc > Title`, then its `Source:` when it has one. */
export function renderPassages(passages: readonly Passage[]): string {
  return passages.map(renderPassage).join('\n\n');
}

/** One passage as prompt text (see `renderPassages`). */
export function renderPassage(p: Passage): string {
  const head = `[${p.id}] ${p.doc ? `${p.doc} > ` : ''}${p.title}`;
  return p.source ? `${head}\nSource: ${p.source}\n${p.text}` : `${head}\n${p.text}`;
}

/**
 * Example phrasings per passage: for each passage of the knowledge base, questions customers asked that
 * it answers, and questions it does not answer (negatives). The business keeps them in
 * `knowledge/examples.json` (`npm run knowledge -- examples` builds the sample business's file from its
 * labelled sets). A question is matched against them by character n-gram TF-IDF (accents and case
 * folded, so misspellings, plurals and Spanish inflections still meet) and its nearest neighbours vote
 * per passage. A stale file is safe: an example whose passage is gone is skipped. Pure.
 */

/** The business-edited file `knowledge/examples.json`. */
export interface ExampleFile {
  /** Where the phrasings come from (free text, e.g. the labelled sets or the desk). */
  source: string;
  /** Passage id (`<file stem>#<heading slug>`) → questions that passage answers. */
  passages: Record<string, string[]>;
  /** Questions the knowledge base does not answer: a question close to them should not be answered. */
  unanswerable: string[];
}

/** What the example phrasings say about a question. */
export interface ExampleEvidence {
  /** The passage the nearest examples vote for; `null` when the unanswerable examples win. */
  passage: string | null;
  /** Its share of the neighbours' votes, in [0, 1]. */
  share: number;
  /** The cosine similarity of its nearest example, in [0, 1]. */
  similarity: number;
  /** The nearest example itself (for explanations). */
  nearest: string;
}

/** Reads a parsed `examples.json`, checking its shape; throws on anything else. */
export function parseExampleFile(data: unknown): ExampleFile {
  const file = data as Partial<ExampleFile> | null;
  const strings = (list: unknown): boolean =>
    Array.isArray(list) && list.every((item) => typeof item === 'string');
  const valid =
    typeof file === 'object' &&
    file !== null &&
    typeof file.source === 'string' &&
    typeof file.passages === 'object' &&
    file.passages !== null &&
    Object.values(file.passages).every(strings) &&
    strings(file.unanswerable);
  if (!valid)
    throw new Error(
      'examples.json: expected { source, passages: { "<passage id>": [questions] }, unanswerable: [questions] }',
    );
  return file as ExampleFile;
}

/** Lowercase, accents removed: how questions and examples are compared. */
export function foldExample(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\[[^\]\n]{1,40}\]/g, ' ');
}

/** Character 3- and 4-grams of each word (with its boundaries) and the words themselves, counted. */
function grams(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (gram: string): void => {
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  };
  for (const word of foldExample(text).split(/[^\p{L}\p{N}]+/u)) {
    if (!word) continue;
    add(`w:${word}`);
    const padded = ` ${word} `;
    for (const n of [3, 4]) {
      for (let i = 0; i + n <= padded.length; i++) add(padded.slice(i, i + n));
    }
  }
  return counts;
}

interface Example {
  label: string | null;
  text: string;
  vector: Map<string, number>;
}

/** Tuning of the nearest-neighbour vote. */
export interface ExampleMatchOptions {
  /** Neighbours that vote. @default 5 */
  neighbours?: number;
}

/** Nearest examples of a question, voting per passage. Build once per knowledge base. */
export class ExampleMatcher {
  private readonly examples: Example[] = [];
  private readonly idf = new Map<string, number>();
  private readonly postings = new Map<string, { example: number; weight: number }[]>();
  private readonly neighbours: number;

  /** Indexes the examples of `file` whose passage is in `passageIds` (and every unanswerable one). */
  constructor(
    file: ExampleFile | undefined,
    passageIds: ReadonlySet<string>,
    options: ExampleMatchOptions = {},
  ) {
    this.neighbours = options.neighbours ?? 5;

    const raw: { label: string | null; text: string; counts: Map<string, number> }[] = [];
    for (const [id, questions] of Object.entries(file?.passages ?? {})) {
      if (!passageIds.has(id)) continue;
      for (const text of questions) raw.push({ label: id, text, counts: grams(text) });
    }
    for (const text of file?.unanswerable ?? []) raw.push({ label: null, text, counts: grams(text) });
    const df = new Map<string, number>();
    for (const { counts } of raw) for (const gram of counts.keys()) df.set(gram, (df.get(gram) ?? 0) + 1);
    for (const [gram, n] of df) this.idf.set(gram, Math.log((raw.length + 1) / (n + 1)) + 1);
    raw.forEach(({ label, text, counts }, index) => {
      const vector = this.vectorOf(counts);
      this.examples.push({ label, text, vector });
      for (const [gram, weight] of vector) {
        let list = this.postings.get(gram);
        if (!list) {
          list = [];
          this.postings.set(gram, list);
        }
        list.push({ example: index, weight });
      }
    });
  }

  /** How many examples it holds. */
  get size(): number {
    return this.examples.length;
  }

  /** What the examples say about `question`; `undefined` when there are none or none is near. */
  match(question: string): ExampleEvidence | undefined {
    if (this.examples.length === 0) return undefined;
    const query = this.vectorOf(grams(question));
    const scores = new Map<number, number>();
    for (const [gram, weight] of query) {
      for (const posting of this.postings.get(gram) ?? []) {
        scores.set(posting.example, (scores.get(posting.example) ?? 0) + weight * posting.weight);
      }
    }
    const nearest = [...scores.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, this.neighbours);
    if (nearest.length === 0) return undefined;
    const votes = new Map<string | null, { vote: number; best: number; text: string }>();
    let total = 0;
    for (const [index, similarity] of nearest) {
      const example = this.examples[index] as Example;
      const entry = votes.get(example.label) ?? { vote: 0, best: 0, text: example.text };
      entry.vote += similarity;
      if (similarity > entry.best) {
        entry.best = similarity;
        entry.text = example.text;
      }
      votes.set(example.label, entry);
      total += similarity;
    }
    const [label, entry] = [...votes.entries()].sort(
      (a, b) => b[1].vote - a[1].vote || b[1].best - a[1].best,
    )[0] as [string | null, { vote: number; best: number; text: string }];
    return {
      passage: label,
      share: total > 0 ? entry.vote / total : 0,
      similarity: Math.min(1, entry.best),
      nearest: entry.text,
    };
  }

  /**
   * Sublinear TF × IDF, L2-normalised. A gram no example has weighs as the rarest (it matches nothing,
   * but a question of mostly unknown words stays far from every example).
   */
  private vectorOf(counts: Map<string, number>): Map<string, number> {
    const unseen = Math.log(this.examples.length + 2) + 1;
    const vector = new Map<string, number>();
    let norm = 0;
    for (const [gram, count] of counts) {
      const weight = (1 + Math.log(count)) * (this.idf.get(gram) ?? unseen);
      vector.set(gram, weight);
      norm += weight * weight;
    }
    const length = Math.sqrt(norm) || 1;
    for (const [gram, weight] of vector) vector.set(gram, weight / length);
    return vector;
  }
}

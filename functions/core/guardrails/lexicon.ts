/**
 * Words for the escalation detectors. A folded message becomes tokens (contractions expanded, common
 * texting spellings fixed, one-letter slips of marked lexicon words corrected) that carry their
 * English and Spanish Snowball stems; a lexicon (concept → phrases per language) compiles once into
 * an index, and `analyze` lists where each concept occurs. Pure; stems are memoized.
 *
 * Phrase syntax, word by word:
 * - `word` matches any inflection (the same stem in the phrase's language); a word whose stem is
 *   shorter than four letters ("sue", "humo") is matched exactly, as short stems collide;
 * - `=word` matches that exact folded word, `word*` any word starting so, `_` any one word;
 * - `word~` (or `=word~`) also matches a one-letter slip of it ("representitive"). Opt-in, because
 *   real words sit one letter apart ("injection" and "infection");
 * - up to two articles ("a", "the", "un", "la"…) or intensifiers ("just", "even", "realmente") the
 *   phrase does not ask for may sit between its words: `talk to person` matches "talk to a person";
 * - `!word` alone is not a phrase but a word that never counts for the concept ("talked").
 */

import { eng, spa } from 'stopword';
import { STEMMERS } from '../stemmers.ts';
import { fold } from './fold.ts';

/** The languages the lexicons are written in. */
export type Lang = 'en' | 'es';

/** Phrases of one concept per language, separated by commas or line breaks. */
export type ConceptPhrases = Partial<Record<Lang, string>>;

/** Concepts by name: the vocabulary the intents are scored on. */
export type LexiconData = Readonly<Record<string, ConceptPhrases>>;

/** One word of a message. */
export interface Token {
  /** Folded, spelling-fixed surface form. */
  word: string;
  /** Snowball stem of `word` per language. */
  stem: Record<Lang, string>;
  /** Clause number: punctuation (commas too), line breaks and "but"/"pero" separate clauses. */
  clause: number;
  /** Content words before this one (stop words don't count): distances are measured in these. */
  position: number;
  /** A stop word (English or Spanish list of `stopword`). */
  stop: boolean;
  /** An article ("a", "the", "un", "la"…). */
  article: boolean;
}

/** Where a concept occurs: tokens `start` (inclusive) to `end` (exclusive) of one clause. */
export interface ConceptMatch {
  concept: string;
  lang: Lang;
  start: number;
  end: number;
  clause: number;
}

/** A message ready for scoring. */
export interface Analysis {
  tokens: Token[];
  matches: ConceptMatch[];
}

type WordSpec =
  | { kind: 'stem'; value: string }
  | { kind: 'exact'; value: string }
  | { kind: 'prefix'; value: string }
  | { kind: 'any' };

interface Phrase {
  concept: string;
  lang: Lang;
  words: WordSpec[];
}

/** A lexicon indexed for matching. */
export interface CompiledLexicon {
  byStem: Record<Lang, Map<string, Phrase[]>>;
  byExact: Map<string, Phrase[]>;
  byPrefix: Phrase[];
  /** Words that never count for a concept. */
  excluded: Map<string, Set<string>>;
  /** `word~` lexicon words and their one-letter-deleted variants → the word, for typo tolerance. */
  typos: Map<string, string>;
  /** Every stem and exact word the lexicon knows (a known word is never "corrected"). */
  known: Set<string>;
  /** Memo of `correct` (null: no correction). */
  corrections: Map<string, string | null>;
}

const STEM_CACHE = { en: new Map<string, string>(), es: new Map<string, string>() };
const STEM_CACHE_LIMIT = 20_000;

// Folding drops the accents Spanish Snowball needs for the future and conditional ("demandaré",
// "llamaría"); put them back on those endings before stemming.
const SPANISH_ACCENTS: [RegExp, string][] = [
  [/([aei])re$/, '$1ré'],
  [/([aei])ri(a|as|amos|an)$/, '$1rí$2'],
];

/** The Snowball stem of a folded word, memoized per language. */
export function stem(word: string, lang: Lang): string {
  const cache = STEM_CACHE[lang];
  let stemmed = cache.get(word);
  if (stemmed === undefined) {
    let input = word;
    if (lang === 'es')
      for (const [ending, accented] of SPANISH_ACCENTS) input = input.replace(ending, accented);
    stemmed = STEMMERS[lang].stem(input);
    if (cache.size >= STEM_CACHE_LIMIT) cache.clear();
    cache.set(word, stemmed);
  }
  return stemmed;
}

const STOP_WORDS = new Set([...eng, ...spa].map((word) => fold(word)));
const ENGLISH_ONLY = new Set(eng.map((word) => fold(word)));
const SPANISH_ONLY = new Set(spa.map((word) => fold(word)));
for (const word of [...ENGLISH_ONLY]) {
  if (SPANISH_ONLY.delete(word)) ENGLISH_ONLY.delete(word);
}

/** Articles and the like, skipped between the words of a phrase. */
const SKIPPABLE = new Set(['a', 'an', 'the', 'some', 'un', 'una', 'unos', 'unas', 'el', 'la', 'los', 'las']);

/**
 * Intensifiers that, like articles, may sit between a phrase's words without changing it ("if I
 * just disappeared", "no one would even notice", "me quiero realmente morir"). Not articles: an
 * `alone` clause still has to account for them.
 */
const INTENSIFIERS = new Set([
  'just',
  'even',
  'really',
  'simply',
  'actually',
  'literally',
  'honestly',
  'seriously',
  'truly',
  'totally',
  'solo',
  'realmente',
  'simplemente',
  'literalmente',
]);

/** Texting spellings and contractions without apostrophes → the words they stand for. */
const SPELLINGS: Record<string, string> = {
  u: 'you',
  ur: 'your',
  r: 'are',
  pls: 'please',
  plz: 'please',
  plse: 'please',
  pleas: 'please',
  ppl: 'people',
  spk: 'speak',
  tlk: 'talk',
  cn: 'can',
  sum1: 'someone',
  some1: 'someone',
  any1: 'anyone',
  ne1: 'anyone',
  sb: 'somebody',
  smb: 'somebody',
  hv: 'have',
  wud: 'would',
  cud: 'could',
  rn: 'right now',
  asap: 'as soon as possible',
  wanna: 'want to',
  gonna: 'going to',
  gotta: 'got to',
  lemme: 'let me',
  gimme: 'give me',
  im: 'i am',
  ive: 'i have',
  dont: 'do not',
  didnt: 'did not',
  doesnt: 'does not',
  isnt: 'is not',
  wasnt: 'was not',
  arent: 'are not',
  werent: 'were not',
  cant: 'can not',
  cannot: 'can not',
  couldnt: 'could not',
  wouldnt: 'would not',
  shouldnt: 'should not',
  wont: 'will not',
  havent: 'have not',
  hasnt: 'has not',
  // Spanish
  q: 'que',
  k: 'que',
  xq: 'porque',
  pq: 'porque',
  porfa: 'por favor',
  porfis: 'por favor',
  xfa: 'por favor',
  xfavor: 'por favor',
  pf: 'por favor',
  ud: 'usted',
  uds: 'ustedes',
  tb: 'tambien',
  tmb: 'tambien',
  kiero: 'quiero',
  nesecito: 'necesito',
  nececito: 'necesito',
  nesesito: 'necesito',
};

// Contractions with an apostrophe (fold has already made every apostrophe ').
const CONTRACTIONS: [RegExp, string][] = [
  [/\bcan't\b/g, 'can not'],
  [/\bwon't\b/g, 'will not'],
  [/\bain't\b/g, 'is not'],
  [/n't\b/g, ' not'],
  [/'m\b/g, ' am'],
  [/'re\b/g, ' are'],
  [/'ve\b/g, ' have'],
  [/'ll\b/g, ' will'],
  [/'d\b/g, ' would'],
  [/\b(it|that|there|here|what|who|he|she|where|how)'s\b/g, '$1 is'],
  [/'s\b/g, ''],
];

// Commas separate clauses too: "no quiero un bot, quiero una persona" negates the bot, not the person.
const CLAUSE_BREAK = /^(?:but|however|although|though|pero|aunque|sino)$/;
const PIECES = /[\p{L}\p{N}]+|[.!?;,\n]+/gu;

/** Folded text → words with contractions expanded and texting spellings fixed (no stems). */
export function words(folded: string): string[] {
  let text = folded;
  if (text.includes("'"))
    for (const [pattern, replacement] of CONTRACTIONS) text = text.replace(pattern, replacement);
  const out: string[] = [];
  for (const [piece] of text.matchAll(PIECES)) {
    const fixed = SPELLINGS[piece];
    if (fixed) out.push(...fixed.split(' '));
    else out.push(piece);
  }
  return out;
}

/** Stems shorter than this are matched as the exact word instead. */
const MIN_STEM = 4;

function parseWord(raw: string, lang: Lang): WordSpec {
  if (raw === '_') return { kind: 'any' };
  if (raw.endsWith('~')) return parseWord(raw.slice(0, -1), lang);
  if (raw.startsWith('=')) return { kind: 'exact', value: raw.slice(1) };
  if (raw.endsWith('*')) return { kind: 'prefix', value: raw.slice(0, -1) };
  const stemmed = stem(raw, lang);
  // Short stems collide across words and languages ("sue"/"su", "humo"/"human"): match those exactly.
  return stemmed.length < MIN_STEM ? { kind: 'exact', value: raw } : { kind: 'stem', value: stemmed };
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Shortest message word that typo tolerance looks at (shorter words collide with real words). */
const TYPO_MIN_LENGTH = 7;

/** Compiles concept phrases into an index. Call once, at module load. */
export function compileLexicon(data: LexiconData): CompiledLexicon {
  const compiled: CompiledLexicon = {
    byStem: { en: new Map(), es: new Map() },
    byExact: new Map(),
    byPrefix: [],
    excluded: new Map(),
    typos: new Map(),
    known: new Set(),
    corrections: new Map(),
  };
  const add = (map: Map<string, Phrase[]>, key: string, phrase: Phrase) => {
    const list = map.get(key);
    if (list) list.push(phrase);
    else map.set(key, [phrase]);
  };
  for (const [concept, languages] of Object.entries(data)) {
    for (const [lang, list] of Object.entries(languages) as [Lang, string][]) {
      for (const text of list.split(/[,\n]/).map((phrase) => phrase.trim())) {
        if (text === '') continue;
        if (text.startsWith('!')) {
          const set = compiled.excluded.get(concept) ?? new Set<string>();
          set.add(fold(text.slice(1)));
          compiled.excluded.set(concept, set);
          continue;
        }
        const raw = fold(text)
          .split(' ')
          .flatMap((w) => (/^=|[*~]$/.test(w) || w === '_' ? [w] : words(w)))
          .filter((w) => w !== '');
        const phrase: Phrase = { concept, lang, words: raw.map((w) => parseWord(w, lang)) };
        const first = phrase.words[0];
        if (!first || first.kind === 'any') throw new Error(`lexicon ${concept}: bad phrase "${text}"`);
        if (first.kind === 'stem') add(compiled.byStem[lang], first.value, phrase);
        else if (first.kind === 'exact') add(compiled.byExact, first.value, phrase);
        else compiled.byPrefix.push(phrase);
        for (const [i, spec] of phrase.words.entries()) {
          if (spec.kind === 'exact' || spec.kind === 'stem') compiled.known.add(spec.value);
          const surface = raw[i]!.replace(/^=/, '');
          if (surface.endsWith('~')) {
            const word = surface.slice(0, -1);
            compiled.typos.set(word, word);
            for (const variant of deletions(word)) compiled.typos.set(variant, word);
          }
        }
      }
    }
  }
  return compiled;
}

/** The lexicon word a long unknown word is a one-letter slip of ("representitive"), if any. */
function correct(word: string, lexicon: CompiledLexicon): string | undefined {
  if (word.length < TYPO_MIN_LENGTH - 1 || lexicon.typos.size === 0) return undefined;
  let corrected = lexicon.corrections.get(word);
  if (corrected === undefined) {
    corrected = findCorrection(word, lexicon) ?? null;
    if (lexicon.corrections.size >= STEM_CACHE_LIMIT) lexicon.corrections.clear();
    lexicon.corrections.set(word, corrected);
  }
  return corrected ?? undefined;
}

function findCorrection(word: string, lexicon: CompiledLexicon): string | undefined {
  if (lexicon.known.has(word)) return undefined;
  if (lexicon.known.has(stem(word, 'en')) || lexicon.known.has(stem(word, 'es'))) return undefined;
  for (const candidate of [word, ...deletions(word)]) {
    const target = lexicon.typos.get(candidate);
    // Same first letter, and not merely another inflection of the word ("managed" is not "manager").
    if (
      target &&
      target[0] === word[0] &&
      stem(target, 'en') !== stem(word, 'en') &&
      stem(target, 'es') !== stem(word, 'es')
    ) {
      return target;
    }
  }
  return undefined;
}

function tokenize(folded: string, lexicon: CompiledLexicon): Token[] {
  const tokens: Token[] = [];
  let clause = 0;
  let position = 0;
  for (const piece of words(folded)) {
    if (/^[.!?;,\n]/.test(piece) || CLAUSE_BREAK.test(piece)) {
      if (tokens.length > 0 && tokens[tokens.length - 1]!.clause === clause) clause++;
      continue;
    }
    const word = correct(piece, lexicon) ?? piece;
    const stop = STOP_WORDS.has(word);
    const article = SKIPPABLE.has(word);
    tokens.push({
      word,
      stem: { en: stem(word, 'en'), es: stem(word, 'es') },
      clause,
      position,
      stop,
      article,
    });
    if (!stop) position++;
  }
  return tokens;
}

function wordMatches(spec: WordSpec, token: Token, lang: Lang): boolean {
  switch (spec.kind) {
    case 'any':
      return true;
    case 'exact':
      return token.word === spec.value;
    case 'prefix':
      return token.word.startsWith(spec.value);
    case 'stem':
      return token.stem[lang] === spec.value;
  }
}

/** The end (exclusive) of `phrase` matched from token `start`, or -1. */
function matchAt(phrase: Phrase, tokens: Token[], start: number, excluded?: Set<string>): number {
  let at = start;
  for (const [i, spec] of phrase.words.entries()) {
    let skipped = 0;
    for (;;) {
      const token = tokens[at];
      if (!token || token.clause !== tokens[start]!.clause) return -1;
      if (!excluded?.has(token.word) && wordMatches(spec, token, phrase.lang)) break;
      // Articles and intensifiers may sit between phrase words, never before the first one.
      if (i === 0 || skipped >= 2 || !(SKIPPABLE.has(token.word) || INTENSIFIERS.has(token.word))) return -1;
      skipped++;
      at++;
    }
    at++;
  }
  return at;
}

/** How many of the message's words are English-only and Spanish-only stop words ("the", "que"…). */
export function stopWordVotes(tokens: readonly Token[]): Record<Lang, number> {
  const votes = { en: 0, es: 0 };
  for (const { word } of tokens) {
    if (ENGLISH_ONLY.has(word)) votes.en++;
    else if (SPANISH_ONLY.has(word)) votes.es++;
  }
  return votes;
}

/** Tokens of a folded message and every concept occurrence in it. */
export function analyze(folded: string, lexicon: CompiledLexicon): Analysis {
  const tokens = tokenize(folded, lexicon);
  const matches: ConceptMatch[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const fromHere = matches.length;
    for (const candidates of [
      lexicon.byExact.get(token.word),
      lexicon.byStem.en.get(token.stem.en),
      lexicon.byStem.es.get(token.stem.es),
      lexicon.byPrefix,
    ]) {
      for (const phrase of candidates ?? []) {
        const end = matchAt(phrase, tokens, i, lexicon.excluded.get(phrase.concept));
        if (end < 0) continue;
        let seen = false;
        for (let m = fromHere; m < matches.length && !seen; m++) {
          const other = matches[m]!;
          seen = other.end === end && other.concept === phrase.concept && other.lang === phrase.lang;
        }
        if (!seen)
          matches.push({ concept: phrase.concept, lang: phrase.lang, start: i, end, clause: token.clause });
      }
    }
  }
  return { tokens, matches };
}

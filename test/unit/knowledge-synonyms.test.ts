import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadKnowledge, loadSynonyms } from '#adapters/knowledge-loader.ts';
import { KnowledgeBase } from '#core/knowledge.ts';
import { type AnswerDecision, KnowledgeAnswerer } from '#core/knowledge-answer.ts';
import { parseSynonymFile, type SynonymFile } from '#core/knowledge-synonyms.ts';
import { canonicalTerm, termOf } from '#core/support-lexicon.ts';
import * as generated from '../../local/knowledge-synonyms.ts';

const { buildSynonyms, formatSynonymFile, vocabularyHash, wordnetLocation } = generated;

const dir = fileURLToPath(new URL('../../knowledge', import.meta.url));
const knowledge = loadKnowledge(dir);

const said = (decision: AnswerDecision): string =>
  decision.kind === 'answer' ? decision.sentences.join(' ') : decision.kind;

describe('knowledge/synonyms.json', () => {
  it('is current for knowledge/ (else run `npm run knowledge -- synonyms`)', () => {
    expect(loadSynonyms(dir)?.vocabulary).toBe(vocabularyHash(knowledge));
  });

  it('goes stale when a knowledge file gains a word', () => {
    const edited = KnowledgeBase.fromMarkdown([
      ...knowledge.passages.map((p) => ({ file: p.file, source: `## ${p.title}\n\n${p.text}` })),
      { file: 'extra.md', source: '## Bike rental\n\nWe rent bicycles by the day.' },
    ]);
    expect(vocabularyHash(edited)).not.toBe(vocabularyHash(knowledge));
  });

  it('is what WordNet gives for knowledge/ today, byte for byte', () => {
    const { dir: wordnet, source } = wordnetLocation();
    const built = formatSynonymFile(buildSynonyms(knowledge, wordnet, source));
    expect(built).toBe(readFileSync(`${dir}/synonyms.json`, 'utf8'));
  });

  it('maps words the knowledge base never uses to its own words, in their common senses only', () => {
    const { synonyms } = loadSynonyms(dir) as SynonymFile;
    expect(synonyms['cargo']?.[0]?.[0]).toBe('shipment');
    expect(synonyms['garb']?.[0]?.[0]).toBe('clothes');
    // "dog" as a verb (to trail) is rare: a dog is not a trail.
    expect(synonyms['dog']).toBeUndefined();
    // The knowledge base's own words are not keys.
    expect(synonyms['ship']).toBeUndefined();
  });

  it('rejects a file of another shape', () => {
    expect(() => parseSynonymFile({ source: 'x', vocabulary: 'y', synonyms: { a: [['b', 2]] } })).toThrow();
    expect(() => parseSynonymFile([])).toThrow();
  });
});

describe('KnowledgeAnswerer reads a word the knowledge base never uses through the synonym map', () => {
  const markdown = [
    {
      file: 'rental.md',
      source:
        '## Bicycle rental\n\nA bicycle costs $20 a day to rent.\n\n' +
        '## Store hours\n\nThe store is open from 9:00 to 17:00.',
    },
  ];
  const map: SynonymFile = {
    source: 'test',
    vocabulary: 'test',
    synonyms: { [termOf('velocipede') as string]: [['bicycle', 0.8]] },
  };
  const withMap = new KnowledgeAnswerer(KnowledgeBase.fromMarkdown(markdown, map));
  const without = new KnowledgeAnswerer(KnowledgeBase.fromMarkdown(markdown));

  it('answers with the map, abstains without it', () => {
    expect(said(withMap.answer('how much to rent a velocipede?'))).toContain('$20');
    expect(without.answer('how much to rent a velocipede?').kind).toBe('unsure');
    const read = withMap.explain('how much to rent a velocipede?');
    expect(read.keys.find((key) => key.synonym === 'velocipede')).toMatchObject({
      term: termOf('bicycle'),
    });
  });

  it('weighs a synonym below the word itself', () => {
    const own = withMap.explain('rent a bicycle').keys.find((key) => key.term === termOf('bicycle'));
    const mapped = withMap.explain('rent a velocipede').keys.find((key) => key.term === termOf('bicycle'));
    expect(mapped?.weight).toBeLessThan(own?.weight ?? 0);
  });

  it('still abstains when the rest of the question is not covered', () => {
    expect(withMap.answer('can I repaint a velocipede?').kind).not.toBe('answer');
  });
});

describe('the sample knowledge base with its map', () => {
  const answerer = new KnowledgeAnswerer(knowledge);
  it('reads general words the lexicons do not have', () => {
    const keys = answerer.explain('how do i unsubscribe from the newssheet').keys;
    expect(keys.find((key) => key.synonym === 'newssheet')?.term).toBe(
      canonicalTerm(termOf('newsletter') as string),
    );
  });
});

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '#adapters/knowledge-loader.ts';
import { chunkMarkdown, KnowledgeBase } from '#core/knowledge.ts';

const knowledgeDir = fileURLToPath(new URL('../../knowledge', import.meta.url));
const kb = loadKnowledge(knowledgeDir);

describe('chunkMarkdown', () => {
  const source = [
    '# Shipping',
    '',
    'Intro text before any section.',
    '',
    '## Shipping costs',
    'Standard shipping costs $6.95.',
    '### Small print',
    'Express costs $14.95.',
    '',
    '## International Orders!',
    'We ship to Canada.',
    '',
    '## Empty',
    '',
  ].join('\n');

  it('makes one passage per ## heading, with file-stem#slug ids and the file title kept', () => {
    const passages = chunkMarkdown(source, 'shipping.md');
    expect(passages.map((p) => p.id)).toEqual([
      'shipping#overview',
      'shipping#shipping-costs',
      'shipping#international-orders',
    ]);
    expect(passages[1]).toMatchObject({ title: 'Shipping costs', file: 'shipping.md', doc: 'Shipping' });
  });

  it('keeps ### subsections inside their ## passage and drops empty sections', () => {
    const passages = chunkMarkdown(source, 'shipping.md');
    expect(passages[1]?.text).toContain('Express costs $14.95.');
    expect(passages.find((p) => p.title === 'Empty')).toBeUndefined();
  });

  it('keeps a file-level Source line on every passage and lets a section override it, outside the text', () => {
    const passages = chunkMarkdown(
      [
        '# Returns',
        'Source: https://help.example.com/returns',
        '',
        'How returns work.',
        '## Return window',
        '60 days.',
        '## Refunds',
        'Source: <https://help.example.com/refunds>',
        '',
        'Within 5 days.',
      ].join('\n'),
      'returns.md',
    );
    expect(passages.map((p) => [p.id, p.source, p.text])).toEqual([
      ['returns#overview', 'https://help.example.com/returns', 'How returns work.'],
      ['returns#return-window', 'https://help.example.com/returns', '60 days.'],
      ['returns#refunds', 'https://help.example.com/refunds', 'Within 5 days.'],
    ]);
    expect(chunkMarkdown('## A\ntext', 'a.md')[0]).not.toHaveProperty('source');
    // A first section called Overview is still a section: its Source is its own.
    const own = chunkMarkdown('## Overview\nSource: https://a.example/o\n\nx\n## B\ny', 'a.md');
    expect(own.map((p) => p.source)).toEqual(['https://a.example/o', undefined]);
  });

  it('gives repeated headings in one file distinct ids', () => {
    const passages = chunkMarkdown('## FAQ\none\n## FAQ\ntwo', 'misc.md');
    expect(passages.map((p) => p.id)).toEqual(['misc#faq', 'misc#faq-2']);
  });
});

describe('KnowledgeBase search over the sample knowledge base', () => {
  it.each([
    ['Do you ship to Canada?', 'shipping#international-orders'],
    ['how long does a refund take?', 'returns#refund-timing'],
    ['How much is the Trail Club membership?', 'pricing#northwind-trail-club-membership'],
    ['are you open on saturday', 'hours#support-opening-hours'],
    ['I forgot my password', 'account#resetting-your-password'],
    ['how should I wash my waterproof jacket', 'products#washing-waterproof-gear'],
    ['what does shipping to Hawaii cost', 'shipping#shipping-costs'],
    ['my parcel never arrived', 'shipping#lost-or-damaged-parcels'],
  ])('"%s" finds %s first', (query, id) => {
    expect(kb.search(query, 3)[0]?.passage.id).toBe(id);
  });

  it('tolerates typos (fuzzy) and partial words (prefix)', () => {
    expect(kb.search('pasword reset', 1)[0]?.passage.id).toBe('account#resetting-your-password');
    expect(kb.search('internat shipping', 1)[0]?.passage.id).toBe('shipping#international-orders');
  });

  it('finds nothing for a question outside the business', () => {
    expect(kb.search('what is the capital of France?', 3)).toEqual([]);
  });

  it('returns at most `limit` hits, best first', () => {
    const hits = kb.search('shipping returns refund', 2);
    expect(hits).toHaveLength(2);
    expect(hits[0]!.score).toBeGreaterThanOrEqual(hits[1]!.score);
  });
});

describe('KnowledgeBase render', () => {
  it('contains every passage, each headed by its id', () => {
    const text = kb.render();
    for (const passage of kb.passages) {
      expect(text).toContain(`[${passage.id}]`);
      expect(text).toContain(passage.text);
    }
  });

  it("shows a passage's source under its heading, for citations", () => {
    const cited = KnowledgeBase.fromMarkdown([
      { file: 'faq.md', source: '# FAQ\nSource: https://help.example.com/faq\n## Hours\nOpen 9 to 5.' },
    ]);
    expect(cited.render()).toBe(
      '[faq#hours] FAQ > Hours\nSource: https://help.example.com/faq\nOpen 9 to 5.',
    );
  });

  it('is identical for the same files (stable prompt prefix)', () => {
    expect(loadKnowledge(knowledgeDir).render()).toBe(kb.render());
  });

  it('refuses duplicate passage ids', () => {
    const passage = { id: 'a#b', title: 'B', text: 'x', file: 'a.md' };
    expect(() => new KnowledgeBase([passage, passage])).toThrow(/duplicate/);
  });
});

describe('the sample knowledge base', () => {
  it('covers hours, shipping, returns, account, pricing and contact with concrete facts', () => {
    const files = new Set(kb.passages.map((p) => p.file));
    for (const file of ['hours.md', 'shipping.md', 'returns.md', 'account.md', 'pricing.md', 'contact.md']) {
      expect(files).toContain(file);
    }
    expect(kb.get('pricing#northwind-trail-club-membership')?.text).toContain('$49 per year');
    expect(kb.get('returns#return-window')?.text).toContain('60 days');
  });
});

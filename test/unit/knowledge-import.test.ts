import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadKnowledge, loadSynonyms } from '#adapters/knowledge-loader.ts';
import { estimateTokens } from '#core/tokens.ts';
import { parseBusinessSettings } from '#shared/business-settings.ts';
import sample from '../../config/business.ts';
import { runKnowledgeCli, summarizeKnowledge } from '../../local/knowledge-cli.ts';
import {
  convertArticle,
  type ImportedArticle,
  importHelpCentre,
  splitSection,
} from '../../local/knowledge-import.ts';
import { vocabularyHash } from '../../local/knowledge-synonyms.ts';

const fixtures = fileURLToPath(new URL('../fixtures/help-centre', import.meta.url));
const settings = parseBusinessSettings(sample);
const BASE = 'https://help.northwind.example';
const temp: string[] = [];
afterAll(() => {
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-kb-'));
  temp.push(dir);
  return dir;
}

const articles = importHelpCentre(fixtures, { baseUrl: BASE });
const byInput = (input: string): ImportedArticle => articles.find((a) => a.input === input)!;

describe('importing a help-centre folder', () => {
  it('makes one flat knowledge file per article, HTML and markdown alike', () => {
    expect(articles.map((a) => [a.input, a.file])).toEqual([
      ['account/reset-password.htm', 'account-reset-password.md'],
      ['gift-cards.md', 'gift-cards.md'],
      ['returns.html', 'returns.md'],
      ['shipping/international.html', 'shipping-international.md'],
    ]);
  });

  it('turns the H1 into the title and each H2 into a passage, with H3 kept inside it and page furniture left out', () => {
    const { markdown } = byInput('returns.html');
    expect(markdown).toMatch(/^# Returns & refunds\n\nSource: /);
    const headings = markdown.split('\n').filter((line) => line.startsWith('#'));
    expect(headings).toEqual([
      '# Returns & refunds',
      '## Return window',
      '### Sale items',
      '## Return costs',
      '## Refunds',
    ]);
    expect(markdown).toContain('within **60 days** of delivery');
    expect(markdown).toContain('| Canada        | $9.95 |');
    for (const furniture of [
      'Search',
      'Breadcrumbs',
      'Related articles',
      'Privacy',
      'analytics',
      'helpful',
      '.png',
    ]) {
      expect(markdown).not.toContain(furniture);
    }
  });

  it('keeps the source URL: canonical link, then og:url, then front matter url, then base URL + path', () => {
    expect(byInput('returns.html').source).toBe(`${BASE}/hc/en-us/articles/360001-returns`);
    expect(byInput('shipping/international.html').source).toBe(`${BASE}/shipping/international`);
    expect(byInput('gift-cards.md').source).toBe(`${BASE}/gift-cards`);
    expect(byInput('account/reset-password.htm').source).toBe(`${BASE}/account/reset-password`);
    expect(
      importHelpCentre(fixtures).find((a) => a.input === 'account/reset-password.htm'),
    ).not.toHaveProperty('source');
  });

  it('makes relative links absolute against the source', () => {
    expect(byInput('returns.html').markdown).toContain(
      `[Contact us](${BASE}/hc/en-us/articles/360009-contact-us)`,
    );
    expect(byInput('account/reset-password.htm').markdown).toContain(
      `[the reset page](${BASE}/account/reset)`,
    );
  });

  it('takes the title from the page title or the front matter when the article has no H1', () => {
    expect(byInput('account/reset-password.htm').title).toBe('Resetting your password');
    expect(byInput('gift-cards.md').markdown).toMatch(/^# Gift cards\n\nSource: .*\n\nNorthwind gift cards/);
    expect(byInput('gift-cards.md').markdown).not.toContain('tags:');
  });

  it('splits an over-long section into parts at an H3 heading, each within the passage limit', () => {
    const { markdown } = byInput('shipping/international.html');
    const headings = markdown.split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual([
      '## Customs and duties',
      '## Delivery times by country',
      '## Delivery times by country (part 2)',
    ]);
    expect(markdown).toMatch(/## Delivery times by country \(part 2\)\n\n### Australia and New Zealand/);
    // node-html-markdown's escaping of "95. " mid-sentence is undone.
    expect(markdown).toContain('for $29.95. Duties');
  });

  it('cuts a paragraph longer than a passage at sentence ends', () => {
    const paragraph = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} is here.`).join(' ');
    const parts = splitSection(`Intro.\n\n${paragraph}`, 200);
    expect(parts.length).toBeGreaterThan(5);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(200);
    expect(parts.join(' ').replace(/\s+/g, ' ')).toBe(`Intro. ${paragraph}`);
  });

  it('refuses two articles that would write the same file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a-b.md'), '# One\n\ntext');
    writeFileSync(join(dir, 'a b.md'), '# Two\n\ntext');
    expect(() => importHelpCentre(dir)).toThrow(/both be written to a-b\.md/);
  });

  it('gives an intro longer than a passage its own Overview passages', () => {
    const long = Array.from(
      { length: 12 },
      (_, i) => `Paragraph ${i} says something useful about returns.`,
    ).join('\n\n');
    const { markdown } = convertArticle(
      { path: 'faq.md', content: `# FAQ\n\n${long}` },
      { maxPassageTokens: 50 },
    );
    expect(markdown).toMatch(/^# FAQ\n\n## Overview\n/);
    expect(markdown).toContain('## Overview (part 2)');
  });
});

describe('the imported files as a knowledge base', () => {
  it('load with every passage carrying its source, shown to the model for citations', async () => {
    const out = tempDir();
    const quiet = { stdout: () => {}, stderr: () => {} };
    expect(
      await runKnowledgeCli(['import', fixtures, '--out', out, '--base-url', BASE], settings, quiet),
    ).toBe(0);
    const knowledge = loadKnowledge(out);
    expect(knowledge.passages.length).toBe(articles.reduce((sum, a) => sum + a.passages, 0));
    for (const passage of knowledge.passages) {
      expect(passage.source).toMatch(/^https:\/\/help\.northwind\.example\//);
      expect(estimateTokens(passage.text)).toBeLessThanOrEqual(400);
    }
    expect(knowledge.get('returns#refunds')).toMatchObject({
      doc: 'Returns & refunds',
      source: `${BASE}/hc/en-us/articles/360001-returns`,
    });
    expect(knowledge.render()).toContain(
      `[returns#refunds] Returns & refunds > Refunds\nSource: ${BASE}/hc/en-us/articles/360001-returns\n`,
    );
  });
});

describe('npm run knowledge -- import', () => {
  const run = async (argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runKnowledgeCli(argv, settings, {
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
    });
    return { code, stdout, stderr };
  };

  it('writes the files, lists them and says how the knowledge base reaches the model', async () => {
    const out = tempDir();
    const { code, stdout } = await run(['import', fixtures, '--out', out, '--base-url', BASE]);
    expect(code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'account-reset-password.md',
      'gift-cards.md',
      'returns.md',
      'shipping-international.md',
      'synonyms.json',
    ]);
    expect(readFileSync(join(out, 'returns.md'), 'utf8')).toBe(byInput('returns.html').markdown);
    // The synonym map is rebuilt for the imported files, and is current for them.
    expect(stdout).toContain('synonyms.json rebuilt');
    expect(loadSynonyms(out)?.vocabulary).toBe(vocabularyHash(loadKnowledge(out)));
    expect(stdout).toContain(
      `returns.html → returns.md: 4 passage(s), source ${BASE}/hc/en-us/articles/360001-returns`,
    );
    expect(stdout).toContain('within the prompt budget of 6000, so every prompt carries all of it');
    // The sample settings allow links to northwind.example only, which covers help.northwind.example.
    expect(stdout).not.toContain('allowedLinkHosts');
    expect(stdout).not.toContain('examples.json');
  });

  it('counts the example phrasings of passages a re-import removed, and leaves examples.json as it was', async () => {
    const out = tempDir();
    // An older version of the returns article, with a section the help centre has since dropped.
    writeFileSync(
      join(out, 'returns.md'),
      '# Returns & refunds\n\n## Return window\n\nThirty days.\n\n## Exchanges\n\nSwap a size in store.\n',
    );
    const examples = `${JSON.stringify(
      {
        source: 'the desk',
        passages: {
          'returns#exchanges': ['can i swap for a bigger size', 'exchange in store?'],
          'returns#return-window': ['how long do i have to return'],
          'shipping#gone-before': ['stale before this import'],
        },
        unanswerable: ['do you sell cars'],
      },
      null,
      2,
    )}\n`;
    writeFileSync(join(out, 'examples.json'), examples);
    const { code, stdout } = await run(['import', fixtures, '--out', out, '--base-url', BASE]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      'examples.json: 2 example phrasing(s) point to 1 passage(s) this import removed (returns#exchanges).',
    );
    expect(readFileSync(join(out, 'examples.json'), 'utf8')).toBe(examples);
    // Safe as it is: the knowledge base loads, and the examples of passages that remain still count.
    const knowledge = loadKnowledge(out);
    expect(knowledge.get('returns#exchanges')).toBeUndefined();
    expect(knowledge.get('returns#return-window')).toBeDefined();
  });

  it('says when the knowledge base is over the budget, sources are missing, or replies may not link to them', async () => {
    const out = tempDir();
    const strict = {
      ...settings,
      knowledge: { ...settings.knowledge, promptTokenBudget: 200 },
      guardrails: { ...settings.guardrails, allowedLinkHosts: ['example.org'] },
    };
    let stdout = '';
    const code = await runKnowledgeCli(['import', fixtures, '--out', out], strict, {
      stdout: (text) => {
        stdout += text;
      },
      stderr: () => {},
    });
    expect(code).toBe(0);
    expect(stdout).toContain(
      "over the prompt budget of 200, so each prompt carries the 5 passages that best match the customer's message",
    );
    expect(stdout).toContain('1 article(s) have no source URL');
    expect(stdout).toContain('add help.northwind.example in config/business.ts');
    expect(summarizeKnowledge(out, strict)).toMatchObject({ mode: 'retrieved', budget: 200 });
  });

  it('refuses a missing folder, a bad option or an unknown command with a clear message and changes nothing', async () => {
    const out = tempDir();
    expect(await run(['import', join(fixtures, 'nope'), '--out', out])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Import failed'),
    });
    expect(await run(['import', fixtures, '--out', out, '--base-url', 'help.example.com'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--base-url must be an http(s) URL'),
    });
    expect(await run(['import', fixtures, '--max-tokens', 'ten'])).toMatchObject({ code: 2 });
    expect(await run(['export', fixtures])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Usage'),
    });
    expect(readdirSync(out)).toEqual([]);
  });
  it('rebuilds the synonym map of a knowledge folder edited by hand (`synonyms`)', async () => {
    const out = tempDir();
    writeFileSync(
      join(out, 'shipping.md'),
      '# Shipping\n\n## Freight\n\nEvery shipment leaves within a day.\n',
    );
    const { code, stdout } = await run(['synonyms', '--out', out]);
    expect(code).toBe(0);
    expect(stdout).toContain('synonyms.json rebuilt');
    const map = loadSynonyms(out);
    expect(map?.vocabulary).toBe(vocabularyHash(loadKnowledge(out)));
    // "cargo" is a word this folder never uses for one it does.
    expect(map?.synonyms['cargo']?.map(([word]) => word)).toEqual(['freight', 'shipment']);
    const empty = await run(['synonyms', '--out', tempDir()]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('Could not rebuild synonyms.json');
  });
});

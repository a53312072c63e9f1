/**
 * The questions suggested under "Try" in the playground are the first thing a newcomer sends: each
 * gets a right answer from the offline model, or goes to a person when it asks for one.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '#adapters/knowledge-loader.ts';
import { OfflineModel } from '#adapters/offline-model.ts';
import { parseBusinessSettings } from '#shared/business-settings.ts';
import sample from '../../config/business.ts';
import { type KnowledgeCase, runKnowledgeEval } from '../helpers/knowledge-eval.ts';

const settings = parseBusinessSettings(sample);
const knowledge = loadKnowledge(fileURLToPath(new URL('../../knowledge', import.meta.url)));
const model = new OfflineModel(knowledge, { brand: settings.brand });
const html = readFileSync(new URL('../../local/playground/public/index.html', import.meta.url), 'utf8');
// Chips that send text: controls with an id (the photo chip, the desk panel's App Home) are not questions.
const suggestions = [...html.matchAll(/<button[^>]*class="chip-button"[^>]*>([^<]+)<\/button>/g)]
  .filter((match) => !/\sid="/.test(match[0]))
  .map((match) => (match[1] as string).trim());

/** What each suggestion must get: a fact of the answer, or `person` for a hand-over. */
const EXPECTED: Record<string, string> = {
  'How much does standard shipping cost?': '$6.95',
  'What are your opening hours?': '9:00 to 18:00',
  'I want to talk to a person': 'person',
  '¿Cuánto cuesta el envío?': '$6.95',
  '¿Cómo hago una devolución?': 'northwind.example/returns',
  'Quiero hablar con una persona': 'person',
  // A damaged order: send a photo within 14 days (the knowledge base's "Lost or damaged parcels").
  'Mi pedido llegó roto y quiero un reembolso': '14',
};

describe('the playground suggestions', () => {
  it('include English and Spanish questions, each with an expected outcome here', () => {
    expect(suggestions.length).toBeGreaterThanOrEqual(4);
    expect(suggestions.some((text) => /[¿ñáéíóú]/.test(text))).toBe(true);
    expect(suggestions.filter((text) => !(text in EXPECTED))).toEqual([]);
  });

  it.each(Object.entries(EXPECTED))('"%s" gets a right answer or a person (%s)', async (text, fact) => {
    expect(suggestions).toContain(text);
    const item: KnowledgeCase =
      fact === 'person'
        ? { id: 'chip', lang: 'xx', kind: 'unanswerable', text }
        : { id: 'chip', lang: 'xx', kind: 'answerable', text, expect: [fact] };
    const [result] = await runKnowledgeEval({ model, knowledge, settings }, [item]);
    if (fact === 'person') expect(result?.abstained).toBe(true);
    else expect(result?.outcome, result?.reply).toBe('right');
  });
});

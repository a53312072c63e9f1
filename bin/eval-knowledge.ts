/**
 * Knowledge-base answers on a labelled set, with the embedded offline model:
 *   npx tsx bin/eval-knowledge.ts [cases.json] [--verbose]
 * Default set: `test/fixtures/eval/knowledge.tuning.json`. Prints right / confidently wrong /
 * abstained by kind and language (`--verbose`: every case that was not right, with how the question
 * was read: answer type, key terms and weights, `word→term` for one read through the synonym map, best
 * passages).
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import businessSettings from '../config/business.ts';
import { loadKnowledge } from '../functions/adapters/knowledge-loader.ts';
import { OfflineModel } from '../functions/adapters/offline-model.ts';
import { KnowledgeAnswerer } from '../functions/core/knowledge-answer.ts';
import { parseBusinessSettings } from '../functions/shared/business-settings.ts';
import { formatTally, loadKnowledgeCases, runKnowledgeEval, tally } from '../test/helpers/knowledge-eval.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { verbose: { type: 'boolean', short: 'v', default: false } },
});
const file =
  positionals[0] ?? fileURLToPath(new URL('../test/fixtures/eval/knowledge.tuning.json', import.meta.url));
const settings = parseBusinessSettings(businessSettings);
const knowledge = loadKnowledge(fileURLToPath(new URL('../knowledge', import.meta.url)));
const model = new OfflineModel(knowledge, { brand: settings.brand });
const results = await runKnowledgeEval({ model, knowledge, settings }, loadKnowledgeCases(file));
if (values.verbose) {
  const answerer = new KnowledgeAnswerer(knowledge);
  for (const r of results) {
    if (r.case.kind === 'answerable' && r.outcome === 'right') continue;
    if (r.case.kind === 'unanswerable' && r.outcome === 'abstained') continue;
    const read = answerer.explain(r.case.text);
    const keys = read.keys
      .map((k) => `${k.synonym ? `${k.synonym}→` : ''}${k.term}${k.soft ? '~' : ''}:${k.weight.toFixed(1)}`)
      .join(' ');
    const ranked = read.ranked.map((p) => `${p.id} (coverage ${p.coverage}, rank ${p.rank})`).join(', ');
    console.log(`${r.case.id} [${r.outcome}] ${r.case.text}  (expected ${r.case.passage ?? 'no answer'})`);
    console.log(`   read as [${read.type}] "${read.english}": ${keys}`);
    console.log(`   best: ${ranked || 'none'}`);
    console.log(`   → ${r.passages.join(',')} ${r.reply}\n`);
  }
}
console.log(formatTally(tally(results)));

/**
 * Knowledge-base answers on a labelled set, with the embedded offline model:
 *   npx tsx bin/eval-knowledge.ts [cases.json] [--verbose] [--examples <file> | --no-examples]
 *   npx tsx bin/eval-knowledge.ts --leave-one-out [--no-examples]
 * Default set: `test/fixtures/eval/knowledge.tuning.json`; default examples: `knowledge/examples.json`.
 * Prints right / confidently wrong / abstained by kind and language (`--verbose`: every case that was
 * not right, with how the question was read: answer type, key terms and weights, `word→term` for one
 * read through the synonym map, the nearest example phrasing and its vote, best passages).
 * `--leave-one-out`: each development set the examples are built from (`local/knowledge-examples.ts`)
 * scored with examples built from the others only, one row per set: the estimate on unseen wording.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import businessSettings from '../config/business.ts';
import { loadKnowledge } from '../functions/adapters/knowledge-loader.ts';
import { OfflineModel } from '../functions/adapters/offline-model.ts';
import type { KnowledgeBase } from '../functions/core/knowledge.ts';
import { KnowledgeAnswerer } from '../functions/core/knowledge-answer.ts';
import { parseBusinessSettings } from '../functions/shared/business-settings.ts';
import { buildExamples, EVAL_DIR, EXAMPLE_SETS } from '../local/knowledge-examples.ts';
import {
  type CaseResult,
  formatTally,
  loadKnowledgeCases,
  percent,
  runKnowledgeEval,
  tally,
} from '../test/helpers/knowledge-eval.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    verbose: { type: 'boolean', short: 'v', default: false },
    examples: { type: 'string' },
    'no-examples': { type: 'boolean', default: false },
    'leave-one-out': { type: 'boolean', default: false },
  },
});
if (values.examples && !existsSync(values.examples)) throw new Error(`no examples file ${values.examples}`);
const settings = parseBusinessSettings(businessSettings);
const dir = fileURLToPath(new URL('../knowledge', import.meta.url));
const knowledge = loadKnowledge(dir, {
  ...(values['no-examples'] ? { examples: false as const } : {}),
  ...(values.examples ? { examples: values.examples } : {}),
});
const score = (kb: KnowledgeBase, file: string): Promise<CaseResult[]> =>
  runKnowledgeEval(
    { model: new OfflineModel(kb, { brand: settings.brand }), knowledge: kb, settings },
    loadKnowledgeCases(file),
  );

if (values['leave-one-out']) {
  console.log('set (left out)      answerable right / wrong / abstained   unanswerable not answered');
  for (const name of EXAMPLE_SETS) {
    const kb = values['no-examples']
      ? knowledge
      : knowledge.withExamples(buildExamples(dir, { leaveOut: [name] }));
    const groups = tally(await score(kb, `${EVAL_DIR}${name}.json`));
    const a = groups.answerable ?? { total: 0, right: 0, wrong: 0, abstained: 0 };
    const u = groups.unanswerable ?? { total: 0, right: 0, wrong: 0, abstained: 0 };
    const cells = [percent(a.right, a.total), percent(a.wrong, a.total), percent(a.abstained, a.total)];
    console.log(
      `${name.padEnd(20)}${cells.map((c) => `${c.toFixed(1)}%`.padStart(8)).join(' /')}${`${percent(u.abstained, u.total).toFixed(1)}%`.padStart(22)}`,
    );
  }
} else {
  const file =
    positionals[0] ?? fileURLToPath(new URL('../test/fixtures/eval/knowledge.tuning.json', import.meta.url));
  const results = await score(knowledge, file);
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
      const near = answerer.exampleEvidence(r.case.text);
      console.log(`${r.case.id} [${r.outcome}] ${r.case.text}  (expected ${r.case.passage ?? 'no answer'})`);
      console.log(`   read as [${read.type}] "${read.english}": ${keys}`);
      console.log(`   best: ${ranked || 'none'}`);
      if (near) {
        console.log(
          `   examples: ${near.passage ?? 'unanswerable'} (share ${near.share.toFixed(2)}, similarity ${near.similarity.toFixed(2)}: "${near.nearest}")`,
        );
      }
      console.log(`   → ${r.passages.join(',')} ${r.reply}\n`);
    }
  }
  console.log(formatTally(tally(results)));
}

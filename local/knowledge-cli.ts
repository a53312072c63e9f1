/**
 * `npm run knowledge -- import <dir> [--out knowledge/] [--base-url https://help.example.com] [--max-tokens 400]`:
 * converts a folder of HTML or markdown help-centre articles into knowledge files (see
 * `knowledge-import.ts`), rebuilds the synonym map, then says how the knowledge base will reach the
 * model: whole in every prompt, or searched per message (`knowledge.promptTokenBudget` in
 * `config/business.ts`), which source hosts replies may not link to yet (`guardrails.allowedLinkHosts`),
 * and how many example phrasings of `examples.json` point to passages the import removed (the file is left
 * as it is: the matcher skips them).
 *
 * `npm run knowledge -- synonyms [--out knowledge/]`: rebuilds `synonyms.json` for the knowledge files
 * there (see `knowledge-synonyms.ts`), after the files were edited by hand.
 *
 * `npm run knowledge -- examples [--out knowledge/] [--leave-out <set>]`: rebuilds the sample business's
 * `examples.json` (example phrasings per passage) from its labelled development sets (see
 * `knowledge-examples.ts`); `--leave-out` leaves a set out, for leave-one-set-out estimates.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadKnowledge } from '../functions/adapters/knowledge-loader.ts';
import { hostAllowed, linkHost } from '../functions/core/guardrails/output.ts';
import { fitsPromptBudget } from '../functions/core/knowledge-selection.ts';
import { estimateTokens } from '../functions/core/tokens.ts';
import type { BusinessSettings } from '../functions/shared/business-settings.ts';
import { writeExamples } from './knowledge-examples.ts';
import {
  DEFAULT_MAX_PASSAGE_TOKENS,
  examplesOfRemovedPassages,
  importHelpCentre,
  passageIdsIn,
  writeArticles,
} from './knowledge-import.ts';
import { writeSynonyms } from './knowledge-synonyms.ts';

/** Where the command writes. */
export interface KnowledgeCliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const defaultIo: KnowledgeCliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

const USAGE = `Usage: npm run knowledge -- import <dir> [--out knowledge/] [--base-url https://help.example.com] [--max-tokens ${DEFAULT_MAX_PASSAGE_TOKENS}]
  Converts the HTML and markdown articles under <dir> into knowledge files in --out (one per article,
  H2 sections as passages, the source URL kept for citations). Existing files of the same name are replaced.
  The synonym map (synonyms.json) is rebuilt for them; example phrasings (examples.json) of passages the
  import removed are counted, not changed.
       npm run knowledge -- synonyms [--out knowledge/]
  Rebuilds synonyms.json in --out from WordNet for the knowledge files there (run it after editing them).
       npm run knowledge -- examples [--out knowledge/] [--leave-out <set>]
  Rebuilds the sample business's examples.json (example phrasings per passage) in --out from the labelled
  development sets in test/fixtures/eval/ (never a held-out or never-tuned set); --leave-out leaves one out.
`;

/** Rebuilds the synonym map of `dir`; says so, or why it could not. */
function rebuildSynonyms(dir: string, io: KnowledgeCliIo): boolean {
  try {
    const count = writeSynonyms(dir);
    io.stdout(`synonyms.json rebuilt: ${count} word(s) outside the knowledge base map to its words.\n`);
    return true;
  } catch (error) {
    io.stderr(`Could not rebuild synonyms.json: ${(error as Error).message}\n`);
    return false;
  }
}

/** How a knowledge directory will reach the model with these settings. */
export interface KnowledgeSummary {
  passages: number;
  /** The whole knowledge base, estimated (characters / 4). */
  tokens: number;
  budget: number;
  /** `whole`: sent in every prompt (cached); `retrieved`: the best `topK` passages per customer message. */
  mode: 'whole' | 'retrieved';
  /** Source hosts `guardrails.allowedLinkHosts` does not allow: replies could not link to them. */
  unlinkableHosts: string[];
}

/** Loads `dir` as the runtime would and sums it up against `settings`. */
export function summarizeKnowledge(dir: string, settings: BusinessSettings): KnowledgeSummary {
  const knowledge = loadKnowledge(dir);
  const budget = settings.knowledge.promptTokenBudget;
  const hosts = new Set(knowledge.passages.flatMap((p) => (p.source ? [linkHost(p.source)] : [])));
  return {
    passages: knowledge.passages.length,
    tokens: estimateTokens(knowledge.render()),
    budget,
    mode: fitsPromptBudget(knowledge, budget) ? 'whole' : 'retrieved',
    unlinkableHosts: [...hosts].filter(
      (host) => host && !hostAllowed(host, settings.guardrails.allowedLinkHosts),
    ),
  };
}

/** Runs the command; returns the exit code. */
export async function runKnowledgeCli(
  argv: string[],
  settings: BusinessSettings,
  io: KnowledgeCliIo = defaultIo,
): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    io.stderr(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const [command, dir, ...extra] = positionals;
  if (command === 'synonyms' && !dir) {
    return rebuildSynonyms(resolve(values.out ?? 'knowledge'), io) ? 0 : 1;
  }
  if (command === 'examples' && !dir) {
    try {
      const out = resolve(values.out ?? 'knowledge');
      const count = writeExamples(resolve('knowledge'), out, values['leave-out'] ?? []);
      io.stdout(
        `examples.json rebuilt in ${out}: ${count.answerable} answerable and ${count.unanswerable} unanswerable example question(s).\n`,
      );
      return 0;
    } catch (error) {
      io.stderr(`Could not rebuild examples.json: ${(error as Error).message}\n`);
      return 1;
    }
  }
  if (command !== 'import' || !dir || extra.length > 0) {
    io.stderr(USAGE);
    return 2;
  }
  const maxPassageTokens = values['max-tokens'] ? Number(values['max-tokens']) : DEFAULT_MAX_PASSAGE_TOKENS;
  if (!Number.isInteger(maxPassageTokens) || maxPassageTokens < 50) {
    io.stderr(`--max-tokens must be a whole number of at least 50, got "${values['max-tokens']}"\n`);
    return 2;
  }
  if (values['base-url'] && !/^https?:\/\/[^/]+/i.test(values['base-url'])) {
    io.stderr(`--base-url must be an http(s) URL, got "${values['base-url']}"\n`);
    return 2;
  }
  const out = resolve(values.out ?? 'knowledge');
  try {
    const articles = importHelpCentre(resolve(dir), {
      maxPassageTokens,
      ...(values['base-url'] ? { baseUrl: values['base-url'] } : {}),
    });
    if (articles.length === 0) {
      io.stderr(`No .html, .htm, .md or .markdown files under ${dir}.\n`);
      return 1;
    }
    const before = passageIdsIn(out);
    writeArticles(articles, out);
    for (const article of articles) {
      io.stdout(
        `${article.input} → ${article.file}: ${article.passages} passage(s), source ${article.source ?? '(none)'}\n`,
      );
    }
    if (!rebuildSynonyms(out, io)) return 1;
    const summary = summarizeKnowledge(out, settings);
    io.stdout(
      `\n${articles.length} article(s) written to ${out}. The knowledge base there has ${summary.passages} passages, about ${summary.tokens} tokens: ` +
        (summary.mode === 'whole'
          ? `within the prompt budget of ${summary.budget}, so every prompt carries all of it.\n`
          : `over the prompt budget of ${summary.budget}, so each prompt carries the ${settings.knowledge.topK} passages that best match the customer's message.\n`),
    );
    const missingSource = articles.filter((article) => !article.source).length;
    if (missingSource) {
      io.stdout(
        `${missingSource} article(s) have no source URL (no canonical link, og:url or front matter url): pass --base-url to cite them.\n`,
      );
    }
    const stale = examplesOfRemovedPassages(out, before);
    if (stale.phrasings > 0) {
      const named = stale.passages.slice(0, 5).join(', ') + (stale.passages.length > 5 ? ', …' : '');
      io.stdout(
        `examples.json: ${stale.phrasings} example phrasing(s) point to ${stale.passages.length} passage(s) this import removed (${named}). ` +
          'The matcher skips them; move them to the passages that now answer them, or drop them.\n',
      );
    }
    if (summary.unlinkableHosts.length) {
      io.stdout(
        `Replies may only link to guardrails.allowedLinkHosts: add ${summary.unlinkableHosts.join(', ')} in config/business.ts for the AI to cite these sources.\n`,
      );
    }
    return 0;
  } catch (error) {
    io.stderr(`Import failed: ${(error as Error).message}\n`);
    return 1;
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      'base-url': { type: 'string' },
      'max-tokens': { type: 'string' },
      'leave-out': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

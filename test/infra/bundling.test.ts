/**
 * The one test that really bundles: every function through NodejsFunction and the local esbuild
 * (no Docker), as `cdk synth` and `cdk deploy` do; it also holds each function to its size budget.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKED_CONCEPTS } from '../../functions/core/guardrails/concepts.packed.ts';
import { devStage } from '../../lib/config/stages.ts';
import { type HandlerName, handlerEntry, handlerNames, knowledgeDir } from '../../lib/paths.ts';
import { addTandem } from '../../lib/tandem-app.ts';

const missing = handlerNames.filter((name) => !existsSync(handlerEntry(name)));
const outdir = mkdtempSync(join(tmpdir(), 'tandem-bundle-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/**
 * Issue 14's budgets, in KB of code (every .js/.mjs/.cjs file of the asset; source maps and the knowledge
 * base do not count). Figures and what each function contains: bench/README.md, Bundles.
 */
const budgetKB: Record<HandlerName, number> = {
  'twilio-webhook': 300,
  'twilio-status': 1536,
  'slack-events': 1536,
  'conversation-worker': 1536,
  'escalation-notifier': 1536,
  'sla-sweeper': 1536,
};

/**
 * Where a function is still over its budget: the ceiling it must not pass meanwhile (so it cannot grow
 * back), and why. Remove the entry once the budget is met.
 */
const overBudget: Partial<Record<HandlerName, { ceilingKB: number; why: string }>> = {};

/** KB of code files (not source maps, not the knowledge base) in an asset directory. */
function codeKB(dir: string): number {
  const bytes = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(m|c)?js$/.test(file))
    .reduce((sum, file) => sum + statSync(join(dir, file)).size, 0);
  return bytes / 1024;
}

describe('bundling', () => {
  it.skipIf(missing.length > 0)(
    `bundles every function with esbuild into one ESM file with a source map${
      missing.length ? ` (skipped: functions/handlers/{${missing.join(',')}}.ts not written yet)` : ''
    }`,
    () => {
      const app = new App({ outdir, builtinCloudFormationValidation: false });
      const { application } = addTandem(app, devStage);
      const assembly = app.synth();
      const template = assembly.getStackByName(application.stackName).template as {
        Resources: Record<string, { Type: string; Properties: { Code: { S3Key: string } } }>;
      };
      const functions = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function');
      expect(functions).toHaveLength(handlerNames.length);
      const sizes: Partial<Record<HandlerName, number>> = {};
      // The knowledge base's markdown, its synonym map and example phrasings, and the saved replies' folder (`knowledge/replies/`).
      const knowledge = [
        ...readdirSync(knowledgeDir).filter(
          (file) => file.endsWith('.md') || file === 'synonyms.json' || file === 'examples.json',
        ),
        'replies',
      ].sort();
      for (const [name, fn] of Object.entries(application.functions)) {
        const resource = template.Resources[application.getLogicalId(fn.function.node.defaultChild as never)];
        // The asset is staged as `asset.<hash>`, the zip uploaded as `<hash>.zip`.
        const assetDir = join(outdir, `asset.${resource?.Properties.Code.S3Key.replace(/\.zip$/, '')}`);
        const files = readdirSync(assetDir).sort();
        const code = readFileSync(join(assetDir, 'index.mjs'), 'utf8');
        expect(
          files.filter((file) => file !== 'knowledge'),
          name,
        ).toEqual(['index.mjs', 'index.mjs.map']);
        expect(code.startsWith('import { createRequire as __tandemCreateRequire }'), name).toBe(true);
        expect(statSync(join(assetDir, 'index.mjs')).size, name).toBeGreaterThan(0);
        if (name === 'conversation-worker' || name === 'slack-events') {
          expect(readdirSync(join(assetDir, 'knowledge')).sort(), name).toEqual(knowledge);
        } else {
          expect(files, name).not.toContain('knowledge');
        }
        sizes[name as HandlerName] = Math.round(codeKB(assetDir));
      }
      // Budgets (issue 14): a function loads only what it uses.
      for (const name of handlerNames) {
        const size = sizes[name] ?? Number.POSITIVE_INFINITY;
        const over = overBudget[name];
        expect(size, `${name}: ${size} KB of code`).toBeLessThanOrEqual(over?.ceilingKB ?? budgetKB[name]);
      }
      // The heavy SDKs the functions no longer bundle: the twilio SDK, and the 22 other Snowball languages.
      for (const [name, fn] of Object.entries(application.functions)) {
        const resource = template.Resources[application.getLogicalId(fn.function.node.defaultChild as never)];
        const assetDir = join(outdir, `asset.${resource?.Properties.Code.S3Key.replace(/\.zip$/, '')}`);
        const code = readFileSync(join(assetDir, 'index.mjs'), 'utf8');
        expect(code.includes('https://conversations.twilio.com'), `${name} bundles the twilio SDK`).toBe(
          false,
        );
        expect(code.includes('B_found_vetrumai_urupu'), `${name} bundles Snowball's Tamil`).toBe(false);
        // The escalation lexicons ship packed (triggers.ts), never as their source.
        expect(code.includes('=grandson, =granddaughter'), `${name} bundles concepts.ts`).toBe(false);
        if (name === 'conversation-worker') {
          expect(code.includes(PACKED_CONCEPTS.slice(0, 64)), `${name} bundles the packed concepts`).toBe(
            true,
          );
        }
      }
    },
    300_000,
  );
});

/**
 * The one test that really bundles: every function through NodejsFunction and the local esbuild
 * (no Docker), as `cdk synth` and `cdk deploy` do.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { devStage } from '../../lib/config/stages.ts';
import { handlerEntry, handlerNames, knowledgeDir } from '../../lib/paths.ts';
import { addTandem } from '../../lib/tandem-app.ts';

const missing = handlerNames.filter((name) => !existsSync(handlerEntry(name)));
const outdir = mkdtempSync(join(tmpdir(), 'tandem-bundle-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

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
      const knowledge = readdirSync(knowledgeDir)
        .filter((file) => file.endsWith('.md'))
        .sort();
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
        if (name === 'conversation-worker') {
          expect(readdirSync(join(assetDir, 'knowledge')).sort(), name).toEqual(knowledge);
        } else {
          expect(files, name).not.toContain('knowledge');
        }
      }
    },
    300_000,
  );
});

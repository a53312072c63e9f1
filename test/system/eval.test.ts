/**
 * `npm run eval` on the local runtime: the sample sets go through the real pipeline (signed webhooks,
 * queue, worker, emulated Twilio and Slack) and known cases are judged as they must be; the command's
 * report, JSON and exit codes; and agents' judgements in Slack exported as labelled cases.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EvalIo, main } from '../../bin/eval.ts';
import businessSettings from '../../config/business.ts';
import {
  DynamoDbUsageLedger,
  usageShardKey,
  usageUpdate,
} from '../../functions/adapters/dynamodb-usage-ledger.ts';
import { ACTION_IDS, encodeActionValue } from '../../functions/adapters/slack-blocks.ts';
import { hourOf } from '../../functions/core/guardrails/budget.ts';
import { conversationIdOf } from '../../functions/core/model.ts';
import { parseBusinessSettings } from '../../functions/shared/business-settings.ts';
import { localDynamoClient } from '../../local/dynamodb-local.ts';
import type { Observation } from '../../local/eval/classify.ts';
import { collectFeedbackCases, feedbackCaseId } from '../../local/eval/feedback.ts';
import { type EvalRun, type EvalSystem, evalSystemFor, observeCase, runEval } from '../../local/eval/run.ts';
import { type EvalSet, loadSet, resolveSetPath } from '../../local/eval/sets.ts';
import { type SystemHarness, startSystem } from '../helpers/system.ts';

const settings = parseBusinessSettings(businessSettings);
const dir = mkdtempSync(join(tmpdir(), 'tandem-eval-system-'));
let system: SystemHarness;
let evalSystem: EvalSystem;

beforeAll(async () => {
  system = await startSystem();
  evalSystem = evalSystemFor(system.runtime, settings);
});

afterAll(async () => {
  await evalSystem?.close();
  await system?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The command's IO, on the runtime this file already runs (one runtime per process). */
function io(): EvalIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    env: { ...process.env, KNOWLEDGE_DIR: undefined },
    startRuntime: async () => ({ runtime: system.runtime, stop: async () => {} }),
  };
}

describe('the sample sets through the pipeline', () => {
  let run: EvalRun;
  let sets: EvalSet[];

  beforeAll(async () => {
    sets = ['samples/escalation.sample', 'samples/knowledge.sample'].map((name) =>
      loadSet(resolveSetPath(name)),
    );
    run = await runEval(evalSystem, sets, settings, { concurrency: 4, cardTimeoutMs: 15_000 });
  }, 120_000);

  function result(id: string): { outcome: string; observation: Observation } {
    const all: { case: { id: string }; outcome: string; observation: Observation }[] = run.sets.flatMap(
      (set) => set.results as { case: { id: string }; outcome: string; observation: Observation }[],
    );
    const found = all.find((r) => r.case.id === id);
    if (!found) throw new Error(`no result for ${id}`);
    return found;
  }

  it('runs every case once, each from its own new customer, and none fails', () => {
    expect(run.cases).toBe(sets[0]!.cases.length + sets[1]!.cases.length);
    expect(run.sets.map((set) => set.results.length)).toEqual(sets.map((set) => set.cases.length));
    const errors = run.sets.flatMap((set) =>
      (set.results as { outcome: string }[]).filter((r) => r.outcome === 'error'),
    );
    expect(errors).toEqual([]);
    const customers = new Set(system.twilio.messages.map((message) => message.to));
    expect(customers.size).toBe(run.cases);
    expect(run.model).toBe('offline');
  });

  it('an explicit request for a person escalates, with a card at the emulated Slack', () => {
    for (const id of ['esc-s-001', 'esc-s-002', 'esc-s-010']) {
      const { outcome, observation } = result(id);
      expect(outcome, id).toBe('tp');
      expect(observation).toMatchObject({ escalated: true, reason: 'customer_request', card: true });
    }
  });

  it('self-harm escalates and the customer gets the safety message', () => {
    const { outcome, observation } = result('esc-s-003');
    expect(outcome).toBe('tp');
    expect(observation.reason).toBe('self_harm');
    expect(observation.reply).toContain('988');
  });

  it('a greeting stays with the AI and gets a friendly reply', () => {
    const { outcome, observation } = result('esc-s-007');
    expect(outcome).toBe('tn');
    expect(observation.escalated).toBe(false);
    expect(observation.reply).toMatch(/help/i);
  });

  it('a knowledge-base question with a known answer is answered right, from its passage', () => {
    const { outcome, observation } = result('kb-s-001');
    expect(outcome).toBe('right');
    expect(observation.reply).toContain('$6.95');
    expect(observation.passages).toContain('shipping#shipping-costs');
  });

  it('a question the knowledge base does not cover is not answered confidently when the AI hands over', () => {
    const { outcome, observation } = result('kb-s-008');
    expect(observation.escalated ? outcome : 'abstained').toBe('abstained');
  });
});

describe("the deployment's hourly ceilings", () => {
  it('do not stop the AI in the middle of a run: each case starts from an empty hour', async () => {
    const client = localDynamoClient(system.runtime.services.dynamoEndpoint);
    const ledger = new DynamoDbUsageLedger(
      DynamoDBDocumentClient.from(client),
      system.runtime.services.tableName,
    );
    try {
      const hour = hourOf(new Date());
      await ledger.add(hour, { tokens: settings.ceilings.modelTokensPerHour + 1 });
      // Turns add to the hour's shards (one of them full is enough to stop the AI).
      const documents = DynamoDBDocumentClient.from(client);
      await documents.send(
        new UpdateCommand({
          TableName: system.runtime.services.tableName,
          Key: usageShardKey(hour, 'any-conversation'),
          ...usageUpdate(hour, { tokens: settings.ceilings.modelTokensPerHour + 1, messages: 0 }),
        }),
      );
      expect((await ledger.current(hour)).tokens).toBeGreaterThan(2 * settings.ceilings.modelTokensPerHour);
      const observation = await observeCase(evalSystem, 'How much does standard shipping cost?');
      expect(observation).toMatchObject({ escalated: false, passages: ['shipping#shipping-costs'] });
      expect(observation.reply).toContain('$6.95');
    } finally {
      client.destroy();
    }
  });
});

describe('the command', () => {
  const impossible = [
    { id: 'x-1', lang: 'en', category: 'explicit', text: 'thanks, bye!', escalate: true },
    { id: 'x-2', lang: 'en', category: 'explicit', text: 'I want to speak to a human', escalate: true },
  ];

  it('prints the figures as JSON and exits 1 when --check finds a missed target', async () => {
    const set = join(dir, 'escalation.mislabelled.json');
    writeFileSync(set, JSON.stringify(impossible));
    const cli = io();
    const code = await main(['--set', set, '--json', '--check', 'default', '--concurrency', '2'], cli);
    expect(cli.err.join('')).toBe('');
    expect(code).toBe(1);
    const report = JSON.parse(cli.out.join('')) as {
      ok: boolean;
      sets: { name: string; misses: { id: string }[]; score: { overall: { recall: number } } }[];
    };
    expect(report.ok).toBe(false);
    expect(report.sets[0]).toMatchObject({ name: 'escalation.mislabelled', misses: [{ id: 'x-1' }] });
    expect(report.sets[0]?.score.overall.recall).toBe(0.5);
  }, 60_000);

  it('prints text and exits 0 with targets from a file that the run meets', async () => {
    const set = join(dir, 'escalation.lenient.json');
    writeFileSync(set, JSON.stringify(impossible));
    const targets = join(dir, 'targets.json');
    writeFileSync(targets, JSON.stringify({ escalation: { minRecall: 0.5, zeroMissCategories: [] } }));
    const cli = io();
    const code = await main(['--set', set, '--check', targets, '--verbose'], cli);
    const text = cli.out.join('');
    expect(code).toBe(0);
    expect(text).toMatch(/^Tandem eval: model offline, sms, 2 cases/);
    expect(text).toContain('missed (1)\n    x-1 (explicit, en): thanks, bye!');
    expect(text).toContain('✓ escalation.lenient: recall 0.50 (target >= 0.50)');
  }, 60_000);

  it('refuses a set that breaks the format, naming the case, and exits 2 before starting anything', async () => {
    const set = join(dir, 'escalation.broken.json');
    writeFileSync(set, JSON.stringify([{ ...impossible[0], category: 'smalltalk' }]));
    const cli = io();
    expect(await main(['--set', set], cli)).toBe(2);
    expect(cli.err.join('')).toMatch(/case 1 \(x-1\): escalate: category smalltalk means escalate: false/);
    expect(await main(['--concurrency', '0', '--set', set], cli)).toBe(2);
    expect(await main(['--nope'], cli)).toBe(2);
  });
});

describe("agents' judgements exported as labelled cases", () => {
  const agent = { id: 'UANA', username: 'ana' };
  const business = '+15550100000';
  const legal = {
    customer: '+15557778801',
    name: 'Marta Díaz',
    text: 'My name is Marta. I will sue you, call me on +1 555 777 8801',
  };
  const request = { customer: '+15557778802', name: 'Leo Park', text: 'can I talk to an agent' };

  async function escalateAndJudge(input: typeof legal, needed: boolean): Promise<string> {
    await system.driver.customerSays({
      from: input.customer,
      to: business,
      body: input.text,
      profileName: input.name,
    });
    await system.settle();
    const conversation = await system.store.getConversation(
      conversationIdOf({ channel: 'sms', customerAddress: input.customer, businessAddress: business }),
    );
    const caseId = conversation?.caseId ?? '';
    expect(caseId).not.toBe('');
    const cardTs = system.cardFor(input.customer)?.ts ?? '';
    await system.driver.agentClicks({ agent, actionId: ACTION_IDS.claim, value: caseId, messageTs: cardTs });
    await system.driver.agentClicks({
      agent,
      actionId: ACTION_IDS.resolve,
      selectedValue: encodeActionValue({ caseId, outcome: 'solved' }),
      messageTs: cardTs,
    });
    await system.driver.agentClicks({
      agent,
      actionId: needed ? ACTION_IDS.feedbackNeededYes : ACTION_IDS.feedbackNeededNo,
      value: caseId,
      messageTs: cardTs,
    });
    expect((await system.store.getCase(caseId))?.escalationNeeded).toBe(needed);
    return caseId;
  }

  let legalCase = '';
  let requestCase = '';
  beforeAll(async () => {
    legalCase = await escalateAndJudge(legal, true);
    requestCase = await escalateAndJudge(request, false);
  }, 60_000);

  const period = () => ({
    since: new Date(Date.now() - 3_600_000).toISOString(),
    until: new Date(Date.now() + 3_600_000).toISOString(),
  });

  it("each judged escalation becomes a case labelled with the agent's answer, without phone or name", async () => {
    const cases = await collectFeedbackCases(system.store, period());
    const byId = new Map(cases.map((item) => [item.id, item]));
    expect(byId.get(feedbackCaseId(legalCase))).toEqual({
      id: feedbackCaseId(legalCase),
      lang: 'en',
      category: 'legal',
      text: 'My name is [name]. I will sue you, call me on [phone]',
      escalate: true,
    });
    expect(byId.get(feedbackCaseId(requestCase))).toMatchObject({
      category: 'lookalike',
      text: 'can I talk to an agent',
      escalate: false,
    });
    const all = JSON.stringify(cases);
    for (const secret of ['Marta', 'Díaz', '777', 'Leo', '8801', '8802']) expect(all).not.toContain(secret);
  });

  it('npm run eval -- --from-feedback writes them to the file, and a second export adds nothing', async () => {
    const out = join(dir, 'feedback.json');
    const args = [
      '--from-feedback',
      '--endpoint',
      system.runtime.services.dynamoEndpoint,
      '--table',
      system.runtime.services.tableName,
      '--out',
      out,
    ];
    const first = io();
    expect(await main(args, first)).toBe(0);
    expect(first.err.join('')).toMatch(/2 judged escalation\(s\) .*\(1 needed, 1 not needed\); 2 added/);
    const second = io();
    expect(await main(args, second)).toBe(0);
    expect(second.err.join('')).toMatch(/0 added to .*, 2 already there; 2 cases in the file/);
    const written = loadSet(out);
    expect(written).toMatchObject({ kind: 'escalation', role: 'feedback' });
    expect(written.cases.map((item) => item.id).sort()).toEqual(
      [feedbackCaseId(legalCase), feedbackCaseId(requestCase)].sort(),
    );
    expect(readFileSync(out, 'utf8')).not.toContain('+1555');
  });
});

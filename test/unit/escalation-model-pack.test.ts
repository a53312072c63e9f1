import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { escalationModel } from '#core/guardrails/classifier.ts';
import { PACKED_MODEL } from '#core/guardrails/escalation-model.packed.ts';
import { packModel, unpackModel } from '#core/guardrails/model-pack.ts';

const json = readFileSync(
  new URL('../../functions/core/guardrails/escalation-model.json', import.meta.url),
  'utf8',
);

describe('the packed escalation model', () => {
  it('is escalation-model.json: retrain (npm run train-escalation) when this fails', () => {
    expect(unpackModel(PACKED_MODEL)).toEqual(JSON.parse(json));
    expect(escalationModel()).toEqual(JSON.parse(json));
  });

  it('round-trips any model and is smaller than the JSON it packs', () => {
    const model = {
      features: 'w:a|w:b',
      labels: { x: { bias: -1, threshold: 0.5, supported: 0.1, veto: 0, step: 0.1, weights: 'Vv' } },
    };
    expect(unpackModel(packModel(JSON.stringify(model)))).toEqual(model);
    expect(PACKED_MODEL.length).toBeLessThan(json.length * 0.7);
  });
});

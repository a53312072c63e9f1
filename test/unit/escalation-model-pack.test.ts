import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { escalationModel } from '#core/guardrails/classifier.ts';
import { PACKED_CONCEPTS, concepts as packedConcepts } from '#core/guardrails/concepts.packed.ts';
import { CONCEPTS, concepts } from '#core/guardrails/concepts.ts';
import { PACKED_MODEL } from '#core/guardrails/escalation-model.packed.ts';
import { packModel, unpackJson, unpackModel } from '#core/guardrails/model-pack.ts';

const json = readFileSync(
  new URL('../../functions/core/guardrails/escalation-model.json', import.meta.url),
  'utf8',
);

describe('the packed concepts', () => {
  it('are concepts.ts: retrain (npm run train-escalation) when this fails', () => {
    expect(unpackJson(PACKED_CONCEPTS)).toEqual(JSON.parse(JSON.stringify(CONCEPTS)));
    // What a Lambda bundle reads as `#escalation-concepts` (package.json) is what the tests read.
    expect(packedConcepts()).toEqual(concepts());
  });

  it('are under 40 % of their source', () => {
    expect(PACKED_CONCEPTS.length).toBeLessThan(JSON.stringify(CONCEPTS).length * 0.4);
  });
});

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

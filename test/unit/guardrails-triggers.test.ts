import { describe, expect, it } from 'vitest';
import { amountsIn, detectEscalation, findTriggers, type HistoryItem } from '#core/guardrails/triggers.ts';
import { parseBusinessSettings } from '#shared/business-settings.ts';
import sample from '../../config/business.ts';

const settings = parseBusinessSettings(sample);
const at = (text: string, history: HistoryItem[] = [], sentiment = 0) =>
  detectEscalation({ text, settings, history, sentiment });

describe('escalation triggers', () => {
  it('a request for a person counts in English and Spanish, even as a single word', () => {
    for (const text of [
      'talk to a human',
      'real person please',
      'agent',
      'Human',
      'un agente',
      'quiero hablar con alguien',
    ]) {
      expect(at(text)?.reason, text).toBe('customer_request');
    }
  });

  it('past conversations with agents and agent numbers are not requests', () => {
    expect(at('I already talked to an agent yesterday')).toBeUndefined();
    expect(at('my agent number is 4452')).toBeUndefined();
  });

  it('self-harm is urgent and wins over other triggers', () => {
    expect(at('I want to talk to a person, I want to kill myself')).toMatchObject({
      reason: 'self_harm',
      priority: 'urgent',
    });
    expect(at("I'm dying to get these shoes")).toBeUndefined();
  });

  it('sensitive topics are labelled by topic', () => {
    expect(
      findTriggers({ text: 'my lawyer will call you', settings, history: [], sentiment: 0 })[0]?.label,
    ).toBe('legal');
    expect(at('the battery caught fire')?.detail).toMatch(/safety/);
    expect(at('voy a contactar a mi abogado')?.reason).toBe('sensitive_topic');
  });

  it('cancellation escalates only when the settings say so', () => {
    expect(at('I want to cancel my subscription')).toMatchObject({
      reason: 'business_rule',
      detail: expect.stringMatching(/cancel/),
    });
    const relaxed = { ...settings, escalation: { ...settings.escalation, alwaysEscalateIntents: [] } };
    expect(
      detectEscalation({
        text: 'I want to cancel my subscription',
        settings: relaxed,
        history: [],
        sentiment: 0,
      }),
    ).toBeUndefined();
  });

  it('refunds escalate above the refund limit only', () => {
    expect(amountsIn('refund $1,250.50 or 300 euros')).toEqual([1250.5, 300]);
    expect(at('please refund the $250 tent')?.reason).toBe('business_rule');
    expect(at('please refund the $45 scarf')).toBeUndefined();
  });

  it('a score at or below the threshold escalates as negative sentiment', () => {
    expect(at('whatever', [], -0.5)).toMatchObject({ reason: 'negative_sentiment', priority: 'high' });
    expect(at('whatever', [], -0.49)).toBeUndefined();
  });

  it('three customer messages each more negative, the last below zero, is a worsening trend', () => {
    const history: HistoryItem[] = [
      { author: 'customer', text: 'hi', sentiment: 0.2 },
      { author: 'ai', text: 'hello!' },
      { author: 'customer', text: 'hmm', sentiment: -0.1 },
    ];
    expect(at('still nothing', history, -0.3)).toMatchObject({
      reason: 'negative_sentiment',
      priority: 'normal',
    });
    expect(at('still nothing', history, -0.05)).toBeUndefined();
    // Improving again: no trend.
    expect(
      at('still nothing', [...history.slice(0, 2), { author: 'customer', text: 'x', sentiment: -0.4 }], -0.3),
    ).toBeUndefined();
  });

  it('the same question twice is a repeated failure, a repeated "ok" is not', () => {
    const history: HistoryItem[] = [
      { author: 'customer', text: 'Where is my order 5512?' },
      { author: 'ai', text: 'It shipped on Monday.' },
      { author: 'customer', text: 'ok' },
    ];
    expect(at('where is my order 5512??', history)).toMatchObject({ reason: 'repeated_failure' });
    expect(at('ok', history)).toBeUndefined();
    expect(at('Do you sell gloves?', history)).toBeUndefined();
  });

  it('two fallback replies from the assistant are a repeated failure', () => {
    const history: HistoryItem[] = [
      { author: 'customer', text: 'question one' },
      { author: 'ai', text: settings.messages.fallback },
      { author: 'customer', text: 'question two' },
      { author: 'ai', text: "Sorry, I don't know the answer to that." },
    ];
    expect(at('question three', history)).toMatchObject({
      reason: 'repeated_failure',
      detail: expect.stringMatching(/2 times/),
    });
  });
});

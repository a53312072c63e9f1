import { describe, expect, it } from 'vitest';
import { answerTypeOf, carriesAnswer, carriesStrongly, withoutTypeWords } from '#core/answer-type.ts';

describe('answerTypeOf', () => {
  it.each([
    ['How much is domestic shipping?', 'price'],
    ['What does postage cost?', 'price'],
    ['Is delivery free?', 'price'],
    ['Do I have to pay for return postage?', 'price'],
    ['How long does a refund take?', 'duration'],
    ['how many days for express shipping', 'duration'],
    ['What are your delivery times?', 'duration'],
    ['When will I get my money back?', 'time'],
    ['What are your opening hours?', 'time'],
    ['Are you open on Sunday?', 'time'],
    ["what's your phone number", 'contact'],
    ['Who should I email for a press enquiry?', 'contact'],
    ['Where is your flagship store?', 'place'],
    ['How do I reset my password?', 'procedure'],
    ['Can I return underwear?', 'policy'],
    ['Is it possible to swap sizes?', 'policy'],
    ['Do you ship to Canada?', 'policy'],
    ['How much does a Stormline jacket weigh?', 'amount'],
    ['Tell me about gift cards', 'any'],
    // "when" that joins a clause asks no time (round 8).
    ['does the discount code work when buying gift cards', 'policy'],
    ['promo code not working when i try to buy a gift card, why', 'any'],
    ['my order, when will it arrive?', 'time'],
    ['roughly when do refunds show up', 'time'],
    ['I want to know when you open', 'time'],
  ])('"%s" asks for %s', (question, type) => {
    expect(answerTypeOf(question)).toBe(type);
  });

  it('does not take "price match" for a question about a price', () => {
    expect(answerTypeOf('Do you do price matching?')).toBe('policy');
    expect(answerTypeOf('found it for less somewhere else, do you match prices')).not.toBe('price');
  });

  it('reads "how often" as a duration and "who pays" as a price', () => {
    expect(answerTypeOf('how often should i waterproof my boots')).toBe('duration');
    expect(answerTypeOf('who pays customs duties?')).toBe('price');
    expect(answerTypeOf('do members pay shipping?')).toBe('price');
  });
});

describe('carriesAnswer', () => {
  it('needs an amount of money, "free" or "no extra cost" for a price', () => {
    expect(carriesAnswer('Express shipping costs $14.95 on any order.', 'price')).toBe(true);
    expect(carriesAnswer('We ship the new item at no extra cost.', 'price')).toBe(true);
    expect(carriesAnswer('Express shipping takes 1 to 2 business days.', 'price')).toBe(false);
  });

  it('needs a number of minutes, days or years (or "lifetime") for a duration', () => {
    expect(carriesAnswer('Standard shipping takes 3 to 5 business days.', 'duration')).toBe(true);
    expect(carriesAnswer('Members get a 90-day return window.', 'duration')).toBe(true);
    expect(carriesAnswer('Standard shipping costs $6.95.', 'duration')).toBe(false);
  });

  it('takes a clock time, a weekday or a duration for "when"', () => {
    expect(carriesAnswer('It is open Monday to Saturday from 10:00 to 19:00.', 'time')).toBe(true);
    expect(carriesAnswer('We inspect it within 3 business days.', 'time')).toBe(true);
    expect(carriesAnswer('When your order leaves our warehouse we email you a link.', 'time')).toBe(false);
  });

  it('needs an address, a link or a menu path for "where", and an email or phone for a contact', () => {
    expect(carriesAnswer('Our flagship store is at 214 Harbor Street, Portland.', 'place')).toBe(true);
    expect(carriesAnswer('Update it under Account > Settings.', 'place')).toBe(true);
    expect(carriesAnswer('We text you when it is ready.', 'place')).toBe(false);
    expect(carriesAnswer('Our support email is help@northwind.example.', 'contact')).toBe(true);
    expect(carriesAnswer('Our phone number is 1-800-555-0142.', 'contact')).toBe(true);
    expect(carriesAnswer('We answer emails within one business day.', 'contact')).toBe(false);
  });

  it('never takes a question in the knowledge base for an answer', () => {
    expect(carriesAnswer('Between two sizes?', 'any')).toBe(false);
    expect(carriesAnswer('For jackets we recommend the larger size.', 'policy')).toBe(true);
  });

  it('tells the most telling form of an answer (a street address over "at our store")', () => {
    expect(carriesStrongly('Our flagship store is at 214 Harbor Street.', 'place')).toBe(true);
    expect(carriesStrongly('Collect an order at our Portland store.', 'place')).toBe(false);
  });
});

describe('withoutTypeWords', () => {
  it('removes the wording of the answer type, so "days" or "pay" is not taken for the topic', () => {
    expect(withoutTypeWords('how many days for express shipping').trim()).toBe('for express shipping');
    expect(withoutTypeWords('Do I have to pay for return postage?')).not.toMatch(/pay/);
  });
});

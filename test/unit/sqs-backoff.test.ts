import { expect, it } from 'vitest';
import { backoffSeconds } from '../../functions/adapters/sqs-backoff.ts';
import { RetryLaterError, ValidationError } from '../../functions/core/errors.ts';

const policy = { baseSeconds: 10, maxSeconds: 300 };
const middle = () => 0.5;

it('doubles per receive up to the cap', () => {
  expect([1, 2, 3, 6, 20].map((count) => backoffSeconds(policy, new Error('503'), count, middle))).toEqual([
    10, 20, 40, 300, 300,
  ]);
});

it('honours a Retry-After, spread over up to twice that', () => {
  expect(backoffSeconds(policy, new RetryLaterError('429', 7), 4, () => 0)).toBe(7);
  expect(backoffSeconds(policy, new RetryLaterError('429', 7), 4, () => 0.99)).toBe(14);
});

it('sends a message that cannot be read straight round to the DLQ', () => {
  expect(backoffSeconds(policy, new ValidationError('not JSON'), 1, middle)).toBe(0);
});

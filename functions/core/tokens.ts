/** Token estimates for prompt budgets and benchmarks. */

/**
 * Rough token count: characters / 4, rounded up. Good enough for budgets and benchmarks
 * (Claude's tokenizer averages 3.5 to 4.5 characters per token on English prose); not billing.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

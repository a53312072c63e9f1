import { describe, expect, it } from 'vitest';
import { chooseModelProvider } from '#shared/model-provider.ts';

describe('chooseModelProvider', () => {
  it.each<[string | undefined, string | undefined, string]>([
    [undefined, undefined, 'offline'],
    [undefined, '', 'offline'],
    [undefined, 'sk-ant-key', 'anthropic'],
    ['offline', 'sk-ant-key', 'offline'],
    ['bedrock', undefined, 'bedrock'],
    ['anthropic', undefined, 'anthropic'],
    // Not a provider: the key decides, as if unset (the environment schema rejects it in the functions).
    ['gpt', 'sk-ant-key', 'anthropic'],
  ])('MODEL_PROVIDER %j with key %j → %s', (requested, key, provider) => {
    expect(chooseModelProvider(requested, key)).toBe(provider);
  });
});

/**
 * A system-test harness with the Anthropic model behind its wire-format emulator (which also translates
 * Tandem's translation requests from a phrase table).
 */
import { type FakeAnthropic, startFakeAnthropic } from '../../local/fake-anthropic.ts';
import { type SystemHarness, startSystem } from './system.ts';

/** The local runtime on the emulated Anthropic API, and the emulator. `stop()` stops both. */
export async function startSystemWithClaude(): Promise<{ system: SystemHarness; anthropic: FakeAnthropic }> {
  const anthropic = await startFakeAnthropic();
  try {
    const system = await startSystem({
      MODEL_PROVIDER: 'anthropic',
      ANTHROPIC_API_KEY: 'sk-ant-test-key',
      ANTHROPIC_BASE_URL: anthropic.url,
    });
    const stop = system.stop;
    system.stop = async () => {
      await stop();
      await anthropic.stop();
    };
    return { system, anthropic };
  } catch (error) {
    await anthropic.stop();
    throw error;
  }
}

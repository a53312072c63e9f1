/**
 * Shows how the escalation intents read a message (concepts found, score and rules per intent, `weak`
 * where only single concepts hold it, which the classifier may veto, and the classifier's probability):
 * `npx tsx test/helpers/explain-escalation.ts "can someone call me back"`.
 */
import { explainIntents } from '#core/guardrails/triggers.ts';

for (const text of process.argv.slice(2)) {
  const { language, concepts, intents } = explainIntents(text);
  process.stdout.write(`${text}\n  language ${language ?? '?'}\n  ${concepts.join('  ')}\n`);
  for (const intent of intents) {
    if (intent.score !== 0 || intent.probability >= 0.1)
      process.stdout.write(
        `  ${intent.label} ${intent.score}${intent.weak ? ' weak' : ''} (classifier ${intent.probability}): ${intent.rules.join(', ')}\n`,
      );
  }
}

/**
 * The emulated Anthropic API's translator: a Messages API request whose system prompt is Tandem's
 * translation prompt (`core/translation.ts`) is answered from a small phrase table, deterministically, so
 * tests and the playground see real translations without a model. A text the table lacks comes back marked
 * with the target language (`[es] …`), so a test still sees that it went through translation.
 */
import { TRANSLATION_PREAMBLE, TRANSLATION_TAG } from '../functions/core/translation.ts';

/** Phrase table: target language → normalised source text → translation. */
export const FAKE_PHRASES: Record<string, Record<string, string>> = {
  en: {
    'hola, necesito hablar con un agente, por favor': 'Hello, I need to talk to an agent, please.',
    'mi pedido llegó roto y quiero un reembolso': 'My order arrived broken and I want a refund.',
    '¿cuándo llega mi pedido?': 'When does my order arrive?',
    'gracias, espero su respuesta': 'Thank you, I look forward to your reply.',
  },
  es: {
    "i'm sorry about that. we will send you a replacement today.":
      'Lo siento mucho. Le enviaremos un reemplazo hoy.',
    'hello, how can i help you?': 'Hola, ¿en qué puedo ayudarle?',
    'your refund has been approved.': 'Su reembolso ha sido aprobado.',
  },
};

function normalise(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** The translation the fake answers for a Messages API request body, or `undefined` if it is not one. */
// biome-ignore lint/suspicious/noExplicitAny: the recorded wire JSON.
export function fakeTranslation(body: any): string | undefined {
  const system =
    typeof body?.system === 'string'
      ? body.system
      : Array.isArray(body?.system)
        ? body.system.map((block: { text?: string }) => block.text ?? '').join('\n')
        : '';
  if (!system.startsWith(TRANSLATION_PREAMBLE)) return undefined;
  const to = /target_language: ([a-z]{2})/.exec(system)?.[1] ?? 'en';
  const content = body.messages?.at(-1)?.content;
  const user = typeof content === 'string' ? content : (content?.[0]?.text ?? '');
  const text =
    new RegExp(`<${TRANSLATION_TAG}>\\n?([\\s\\S]*?)\\n?</${TRANSLATION_TAG}>`).exec(user)?.[1] ?? '';
  return FAKE_PHRASES[to]?.[normalise(text)] ?? `[${to}] ${text}`;
}

/**
 * The embedded model used when no API key is set: retrieval over the knowledge base, no network.
 * Deterministic (same request, same answer), so tests and demos can rely on it. Greetings, thanks
 * and small talk get a friendly reply; a question the knowledge base answers gets the most relevant
 * sentences of the best passage; anything else offers a person and asks to escalate.
 */
import { type KnowledgeBase, searchTerms } from '#core/knowledge.ts';
import type { LanguageModel, ModelRequest, ModelResponse, ToolCall } from '#core/ports.ts';
import { estimateTokens, latestCustomerText, requestTokens } from '#core/prompt.ts';

/** Options of the offline model. */
export interface OfflineModelOptions {
  /** Minimum minisearch score for a passage to count as an answer. @default 8 */
  minScore?: number;
  /** Brand named in greetings. @default 'our shop' */
  brand?: string;
  /** Sentences quoted from the best passage. @default 2 */
  maxSentences?: number;
}

const GREETING =
  /^(hi|hello|hey|hiya|yo|howdy|good (morning|afternoon|evening|day)|hola|buen[oa]s (d[ií]as|tardes|noches))\b/i;
const THANKS = /\b(thanks|thank you|thx|ty|cheers|gracias|appreciate it)\b/i;
const BYE = /^(bye|goodbye|see you|that'?s all|nothing else|no,? that'?s it|adios|adiós)\b/i;
const HOW_ARE_YOU = /\bhow are (you|u)\b|\bhow'?s it going\b|\bwhat'?s up\b/i;
const WHO_ARE_YOU = /\b(are you (a )?(bot|robot|human|real|person|ai))\b|\bwho are you\b/i;

/**
 * Small talk has almost no content words once the greeting is set aside; "Hi! How much is express
 * shipping?" is a real question that happens to start with a greeting.
 */
function isSmallTalk(text: string): boolean {
  const terms = searchTerms(text.replace(GREETING, '')).length;
  return terms === 0 || (terms === 1 && !text.includes('?'));
}

/** Splits a passage into sentences (keeps decimals like $6.95 and "a.m." intact). */
function sentences(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?])\s+(?=[A-Z0-9"“(])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Deterministic retrieval-based responder implementing the `LanguageModel` port. */
export class OfflineModel implements LanguageModel {
  readonly name = 'offline';
  private readonly minScore: number;
  private readonly brand: string;
  private readonly maxSentences: number;

  /** `knowledge` is what it answers from. */
  constructor(
    private readonly knowledge: KnowledgeBase,
    options: OfflineModelOptions = {},
  ) {
    this.minScore = options.minScore ?? 8;
    this.brand = options.brand ?? 'our shop';
    this.maxSentences = options.maxSentences ?? 2;
  }

  /** Answers the last user turn. Never throws for content; never calls the network. */
  async respond(request: ModelRequest): Promise<ModelResponse> {
    // The newest customer message is the question; the customer data block is not read.
    const latest = latestCustomerText(request);
    const answer = this.answer(latest);
    return {
      text: answer.text,
      toolCalls: answer.toolCalls,
      ...(answer.passages.length ? { passages: answer.passages } : {}),
      usage: { inputTokens: requestTokens(request), outputTokens: estimateTokens(answer.text) },
    };
  }

  private answer(text: string): { text: string; toolCalls: ToolCall[]; passages: string[] } {
    const none = { toolCalls: [] as ToolCall[], passages: [] as string[] };
    if (isSmallTalk(text)) {
      if (THANKS.test(text))
        return { ...none, text: "You're welcome! Is there anything else I can help with?" };
      if (BYE.test(text))
        return { ...none, text: `Thanks for chatting with ${this.brand}. Have a great day!` };
      if (HOW_ARE_YOU.test(text))
        return { ...none, text: "I'm doing well, thanks for asking! What can I help you with today?" };
      if (WHO_ARE_YOU.test(text))
        return {
          ...none,
          text: `I'm the ${this.brand} virtual assistant. I can answer questions about orders, shipping, returns and more, or bring in a person: just reply "agent".`,
        };
      if (GREETING.test(text))
        return { ...none, text: `Hi! I'm the ${this.brand} assistant. How can I help you today?` };
    }

    const [best] = this.knowledge.search(text, 1);
    if (best && best.score >= this.minScore) {
      return { toolCalls: [], passages: [best.passage.id], text: this.quote(best.passage.text, text) };
    }
    const summary = `Customer asked something the knowledge base does not cover: "${text.slice(0, 200)}"`;
    return {
      passages: [],
      text: "I'm not sure about that one, so I'm bringing in a member of our team who can help.",
      toolCalls: [
        { name: 'escalate_to_human', input: { reason_code: 'out_of_scope', priority: 'normal', summary } },
      ],
    };
  }

  /** The passage's sentences that share the most terms with the question, in passage order. */
  private quote(passageText: string, question: string): string {
    const wanted = new Set(searchTerms(question));
    const all = sentences(passageText);
    const scored = all.map((sentence, index) => {
      const terms = searchTerms(sentence);
      const hits = terms.filter(
        (term) => wanted.has(term) || [...wanted].some((w) => w.length >= 4 && term.startsWith(w)),
      );
      return { index, score: new Set(hits).size };
    });
    const picked = scored
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score || a.index - b.index)
      .slice(0, this.maxSentences)
      .map((s) => s.index);
    if (picked.length === 0) picked.push(0);
    // One matching sentence alone often lacks the detail that follows it ("… It costs $24.95").
    const next = (picked[0] as number) + 1;
    if (picked.length < this.maxSentences && next < all.length) picked.push(next);
    return picked
      .sort((a, b) => a - b)
      .map((index) => all[index] as string)
      .join(' ');
  }
}

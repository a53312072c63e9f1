/**
 * The embedded model used when no API key is set: answers from the knowledge base, no network.
 * Deterministic (same request, same answer), so tests and demos can rely on it. Greetings, thanks
 * and small talk get a friendly reply; a question a passage really answers gets that passage's
 * answering sentences (`core/knowledge-answer.ts`), in English or after a short Spanish lead-in;
 * two passages that answer equally well get a clarifying question (flagged `clarifying`); anything
 * else gets an honest "not sure" that offers a person (flagged `dontKnow`), not an escalation: small
 * talk and look-alike messages stay with the assistant, and the repeated-failure trigger escalates
 * after two of them. Sensitive messages never reach the model: the input guardrails escalate them.
 */

import { offlineActionReply } from '#core/actions/offline-replies.ts';
import { type KnowledgeBase, searchTerms } from '#core/knowledge.ts';
import { type AnswerDecision, KnowledgeAnswerer } from '#core/knowledge-answer.ts';
import type { LanguageModel, ModelRequest, ModelResponse, ToolCall } from '#core/ports.ts';
import { estimateTokens, latestCustomerText, requestTokens } from '#core/prompt.ts';
import { isSpanish } from '#core/spanish-lexicon.ts';

/** Options of the offline model. */
export interface OfflineModelOptions {
  /**
   * Minimum share (0..1) of the question's key-term weight the answering passage must cover; above 1
   * nothing is ever answered from the knowledge base. @default 0.7
   */
  minScore?: number;
  /** Brand named in greetings. @default 'our shop' */
  brand?: string;
  /** Sentences quoted from the best passage. @default 2 */
  maxSentences?: number;
}

const GREETING =
  /^(hi|hello|hey|hiya|yo|howdy|good (morning|afternoon|evening|day)|hola|buen[oa]s( (d[ií]as|tardes|noches))?)\b/i;
const THANKS = /\b(thanks|thank you|thx|ty|cheers|gracias|mil gracias|appreciate it)\b/i;
const BYE =
  /^(bye|goodbye|see you|that'?s all|nothing else|no,? that'?s it|adios|adiós|hasta luego|chao|chau|eso es todo|nada m[aá]s)\b/i;
// An acknowledgement: every word of the message says "fine" ("ok great", "vale, perfecto").
const ACK =
  /^(ok|okay|k|kk|alright|great|perfect|cool|nice|awesome|got it|sounds good|understood|sure|yes|yep|no problem|vale|perfecto|genial|bien|muy bien|entendido|de acuerdo|listo|claro|s[ií]|ya|bueno|okey|oki|super|s[uú]per)([\s,.!]+(ok|okay|great|perfect|cool|thanks|vale|perfecto|genial|gracias|bien|entendido|listo|claro|then|entonces))*[\s.!]*$/i;
const HOW_ARE_YOU = /\bhow are (you|u)\b|\bhow'?s it going\b|\bwhat'?s up\b/i;
const WHO_ARE_YOU = /\b(are you (a )?(bot|robot|human|real|person|ai))\b|\bwho are you\b/i;

/**
 * Small talk has almost no content words once the greeting is set aside; "Hi! How much is express
 * shipping?" is a real question that happens to start with a greeting.
 */
function isSmallTalk(text: string): boolean {
  const rest = text.replace(new RegExp(GREETING.source.replace('^', '\\b'), 'gi'), ' ');
  const terms = searchTerms(rest).length;
  // "hey how much is postage" asks, even without a question mark.
  const asks =
    /\b(how|what|whats|when|where|which|who|why|can|do|does|is|are|cu[aá]nto|c[oó]mo|d[oó]nde|qu[eé])\b/i;
  return terms === 0 || (terms === 1 && !text.includes('?') && !asks.test(rest));
}

/** The two titles a clarifying question of ours offered, if `text` is one. */
function clarifiedOptions(text: string): string[] | undefined {
  const english = /do you mean "([^"]+)" or "([^"]+)"\?$/.exec(text);
  const spanish = /¿te refieres a «([^»]+)» o a «([^»]+)»\?$/.exec(text);
  const match = english ?? spanish;
  return match ? [match[1] as string, match[2] as string] : undefined;
}

/** One reply of the offline model, before usage is counted. */
interface OfflineReply {
  text: string;
  toolCalls: ToolCall[];
  passages: string[];
  clarifying?: boolean;
  dontKnow?: boolean;
}

/** What the model says when it answers, asks, or does not know, per language. */
const WORDING = {
  en: {
    lead: '',
    clarify: (a: string, b: string) =>
      `Just to be sure I answer the right question: do you mean "${a}" or "${b}"?`,
    unsure:
      "I'm not sure about that one. Would you like me to bring in someone from the team? Just reply 'agent'.",
  },
  es: {
    lead: 'Esto es lo que dice nuestra información (en inglés): ',
    clarify: (a: string, b: string) => `Para responderte bien: ¿te refieres a «${a}» o a «${b}»?`,
    unsure: 'No estoy seguro de eso. ¿Quieres que te pase con alguien del equipo? Solo responde «agente».',
  },
} as const;

/** Deterministic retrieval-based responder implementing the `LanguageModel` port. */
export class OfflineModel implements LanguageModel {
  readonly name = 'offline';
  private readonly brand: string;
  private readonly answerer: KnowledgeAnswerer;

  /** `knowledge` is what it answers from. */
  constructor(knowledge: KnowledgeBase, options: OfflineModelOptions = {}) {
    this.brand = options.brand ?? 'our shop';
    this.answerer = new KnowledgeAnswerer(knowledge, {
      ...(options.minScore !== undefined ? { minCoverage: options.minScore } : {}),
      ...(options.maxSentences !== undefined ? { maxSentences: options.maxSentences } : {}),
    });
  }

  /** Answers the last user turn. Never throws for content; never calls the network. */
  async respond(request: ModelRequest): Promise<ModelResponse> {
    // The newest customer message is the question; the customer data block is not read.
    const latest = latestCustomerText(request);
    // Order actions (issue 15), when offered: an order question becomes an action call, its result the answer.
    const action = offlineActionReply(request);
    const answer = action
      ? { ...action, passages: [] }
      : (this.afterClarifying(request, latest) ?? this.answer(latest));
    return {
      text: answer.text,
      toolCalls: answer.toolCalls,
      ...(answer.passages.length ? { passages: answer.passages } : {}),
      ...(answer.clarifying ? { clarifying: true } : {}),
      ...(answer.dontKnow ? { dontKnow: true } : {}),
      usage: { inputTokens: requestTokens(request), outputTokens: estimateTokens(answer.text) },
    };
  }

  private answer(text: string): OfflineReply {
    const none = { toolCalls: [] as ToolCall[], passages: [] as string[] };
    if (isSmallTalk(text) || ACK.test(text.trim())) {
      if (isSpanish(text) || /\b(hola|gracias|adi[oó]s|vale|buen[oa]s|perfecto|genial|chao)\b/i.test(text)) {
        return { ...none, text: this.spanishSmallTalk(text) };
      }
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
      if (ACK.test(text.trim())) return { ...none, text: 'Great! Is there anything else I can help with?' };
    }

    return this.reply(this.answerer.answer(text));
  }

  /** A friendly Spanish reply to small talk ("gracias", "hola, buenos días", "vale, perfecto"). */
  private spanishSmallTalk(text: string): string {
    if (THANKS.test(text)) return '¡De nada! ¿Hay algo más en lo que te pueda ayudar?';
    if (BYE.test(text)) return `Gracias por escribir a ${this.brand}. ¡Que tengas un buen día!`;
    if (GREETING.test(text)) return `¡Hola! Soy el asistente de ${this.brand}. ¿En qué te puedo ayudar?`;
    return '¡Perfecto! ¿Hay algo más en lo que te pueda ayudar?';
  }

  /**
   * When our previous turn asked which of two topics was meant, the customer's reply picks one: the
   * earlier question is answered from it. `undefined` when that is not the case or the reply picks
   * neither (it is then read as a new question).
   */
  private afterClarifying(request: ModelRequest, latest: string): OfflineReply | undefined {
    const turns = request.turns;
    const last = turns.length - 1;
    const asked = turns[last - 1];
    if (turns[last]?.role !== 'user' || asked?.role !== 'assistant' || last < 2) return undefined;
    const options = clarifiedOptions(asked.content);
    if (!options) return undefined;
    const question = latestCustomerText({ turns: turns.slice(0, last - 1) });
    const decision = this.answerer.answerAfterClarifying(question, options, latest);
    return decision.kind === 'answer' ? this.reply(decision) : undefined;
  }

  /** The reply for what the knowledge base says. */
  private reply(decision: AnswerDecision): OfflineReply {
    const wording = WORDING[decision.language];
    if (decision.kind === 'answer') {
      const text = `${wording.lead}${decision.sentences.join(' ')}`;
      return { text, toolCalls: [], passages: [decision.passage.id] };
    }
    if (decision.kind === 'clarify') {
      const [a, b] = decision.options.map((passage) => passage.title);
      return { text: wording.clarify(a ?? '', b ?? ''), toolCalls: [], passages: [], clarifying: true };
    }
    return { passages: [], text: wording.unsure, toolCalls: [], dontKnow: true };
  }
}

/**
 * Escalation triggers decided in code, not left to the model: an explicit request for a person,
 * sensitive topics, business rules, sentiment, and repeated failure. English and Spanish.
 * `findTriggers` returns every trigger that fires (for flags and metrics); `detectEscalation` the
 * one that decides the escalation (the first in severity order).
 */

import type { BusinessSettings } from '../../shared/business-settings.ts';
import type { Author, EscalationReason, Priority } from '../model.ts';
import { scoreSentiment } from '../sentiment.ts';
import { fold } from './fold.ts';

/** Sensitive topics that always go to a person. */
export type SensitiveTopic = 'bereavement' | 'legal' | 'medical' | 'safety' | 'fraud';

/** Business intents that go to a person by rule. */
export type BusinessIntent = 'cancellation' | 'refund';

/** Why and how urgently a conversation goes to a person. */
export interface EscalationTrigger {
  reason: EscalationReason;
  priority: Priority;
  /** Human-readable detail for the agent's card. */
  detail: string;
  /** Short stable label for flags and metrics: `customer_request`, `legal`, `refund`, `trend` … */
  label: string;
}

/** One earlier message, oldest first. */
export interface HistoryItem {
  author: Author;
  text: string;
  sentiment?: number;
  flags?: string[];
}

/** What triggers look at: the new (normalized, redacted) customer message and its conversation. */
export interface TriggerContext {
  text: string;
  settings: BusinessSettings;
  history: HistoryItem[];
  /** Sentiment of `text`, -1..1. */
  sentiment: number;
}

interface Rule {
  label: string;
  reason: EscalationReason;
  priority: Priority;
  detail: string;
  patterns: RegExp[];
  /** Matches that look like the rule but are not (checked on the same folded text). */
  unless?: RegExp[];
}

const SELF_HARM: Rule = {
  label: 'self_harm',
  reason: 'self_harm',
  priority: 'urgent',
  detail: 'the customer may be at risk of self-harm',
  patterns: [
    /\b(?:kill|killing|hurt|hurting|harm|harming|cut|cutting) (?:myself|my ?self)\b(?! (?:on|with|using|while|when|opening|trying|at work)\b)/,
    /\b(?:hurt|harm|cut|burn)(?:ing)? myself (?:on purpose|deliberately|intentionally|again)\b/,
    /\b(?:end|ending|take|taking) (?:my (?:own )?life|it all)\b/,
    /\bsuicid(?:e|al)\b/,
    /\b(?:want|wanna|going|ready|trying|planning|deserve) (?:to )?die\b(?! (?:of|from) (?:embarrassment|laughter|boredom|shame|excitement|curiosity))/,
    /\bi (?:don't|do not|dont) want to (?:live|be alive|be here|exist|wake up)(?! (?:in|at|near|with|on)\b)/,
    /\bwant (?:it all|everything|my life|this life|the pain) to (?:end|stop|be over)\b|\bwish i (?:was|were) dead\b|\bwish i (?:wasn't|was not|weren't|had never been) (?:alive|born|here)\b|\bdon't want to be (?:alive|here) anymore\b/,
    /\b(?:no (?:reason|point) (?:to|in) (?:live|living|going on)|better off dead|better off without me|can't go on (?:living|anymore)|not worth living)\b/,
    /\bself[- ]?harm\b/,
    /\boverdos(?:e|ing)\b/,
    // Spanish
    /\b(?:suicid(?:arme|io|a)|quitarme la vida|matarme|me quiero matar|me voy a matar|hacerme dano|lastimarme)\b/,
    /\b(?:no quiero (?:vivir|seguir viviendo|despertar)|quiero morir(?:me)?|me quiero morir|acabar con (?:mi vida|todo))\b/,
  ],
};

const RULES: Rule[] = [
  {
    label: 'safety',
    reason: 'sensitive_topic',
    priority: 'high',
    detail: 'injury or product safety',
    patterns: [
      /\b(?:caught|catch|catches|catching) (?:on )?fire\b/,
      /\b(?:burst|went up) into flames\b|\b(?:set|started) (?:a |on )?fire\b|\bfire hazard\b/,
      /\b(?:exploded|explode[sd]?|exploding|blew up|overheat(?:ed|ing|s)?|sparked|sparking|started smoking|electric(?:al)? shock|shocked (?:me|him|her|my))\b/,
      /\b(?:burn(?:ed|t|s)?) (?:me|my|myself|him|her|his|our|the (?:kid|baby|child)|a hole in (?:my|the) (?:skin|hand))\b/,
      /\b(?:cut|hurt|burned|burnt|injured) myself (?:on|with|using|while|when|opening|trying)\b/,
      /\b(?:injur(?:ed|y|ies|ing)|wounded|cut (?:my|his|her|their) (?:finger|hand|thumb|arm|leg|foot|feet|lip|face)|bleeding|stitches|choking hazard|choked on|concussion|broke (?:my|his|her) (?:arm|leg|wrist|ankle|foot|finger|nose|tooth))\b/,
      /\b(?:se (?:incendio|prendio fuego|quemo|exploto)|exploto|me queme|quemadura|herid[oa]|lesion(?:ado|ada)?|me corte con|me lastime con|sacar chispas|echa humo|salio humo)\b/,
    ],
    unless: [/\b(?:price|prices|deal|deals|sale) (?:are|is) (?:on )?fire\b/],
  },
  {
    label: 'fraud',
    reason: 'sensitive_topic',
    priority: 'high',
    detail: 'fraud or account security',
    patterns: [
      /\bhacked\b(?! (?:together|up|away|off|a\b|it\b))|\b(?:hackers?|compromised|phishing|identity theft|stolen identity|account takeover)\b/,
      /\bsomeone (?:else )?(?:used|is using|has used|stole|accessed|logged (?:in|into)|got into|changed|opened|made) (?:my|our|an? (?:account|order|purchase) (?:with|on|using) my)\b/,
      /\bunauthori[sz]ed (?:charges?|transactions?|purchases?|access|logins?|orders?|payments?|use)\b/,
      /\b(?:i|we) (?:didn't|did not|never) (?:make|made|authori[sz]ed?|approved?|recogni[sz]ed?) (?:this|that|these|those|the|any) (?:charges?|purchases?|transactions?|payments?)\b/,
      /\b(?:i|we) (?:didn't|did not|never) (?:place|placed|make|made) (?:this|that|these|those|the|any) orders?\b/,
      /\b(?:charges?|purchases?|transactions?|payments?|orders?)\b[^.!?]{0,40}\b(?:don't|do not|didn't|did not|can't) recogni[sz]e\b/,
      /\bwho(?:'s| is| has been)? (?:using|accessing|logged into|logging into|in) (?:my|our) account\b/,
      /\b(?:stolen|lost) (?:credit |debit )?card\b|\bcard (?:was|got|has been) stolen\b/,
      /\b(?:fraudulent (?:charges?|transactions?|orders?|activity|emails?|texts?|calls?)|fraud (?:alert|charges?|on my)|(?:victim|report) (?:of )?(?:a )?fraud|credit card fraud)\b/,
      /\bsuspicious (?:login|activity|charges?|emails?|texts?|transactions?|sign-?in)\b/,
      /\b(?:password|email) (?:was|has been|got) changed\b/,
      /\b(?:me hackearon|hackearon (?:mi|la)|cargos? no (?:autorizados?|reconocidos?)|fraude|robaron (?:mi|la) tarjeta|alguien (?:uso|usa|esta usando|entro a) (?:mi|la)|suplantacion de identidad|no reconozco (?:este|el|ese) cargo|compra no autorizada)\b/,
    ],
  },
  {
    label: 'legal',
    reason: 'sensitive_topic',
    priority: 'high',
    detail: 'legal threat',
    patterns: [
      /\b(?:lawyers?|attorneys?|solicitors?|lawsuits?|legal action|legal proceedings|class action|small claims|litigation|subpoena)\b/,
      /\b(?:i'll|i will|i'm going to|im going to|i am going to|we will|we'll|gonna|going to|plan to|want to|threatening to|will be forced to|have to) sue\b|\bsue (?:you|your|the company|northwind|them|this)\b|\bsuing\b/,
      /\b(?:take|taking) (?:you|this|it|them|the company) to court\b|\bsee you in court\b/,
      /\breport(?:ing)? (?:you|this|your company)? ?to (?:the )?(?:bbb|better business bureau|ftc|attorney general|consumer protection|authorities|police)\b/,
      /\b(?:abogad[oa]s?|demanda(?:r|re|remos)?|los voy a demandar|accion legal|acciones legales|tribunal(?:es)?|denunciar(?:los)?|los denuncio|profeco)\b/,
    ],
  },
  {
    label: 'medical',
    reason: 'sensitive_topic',
    priority: 'high',
    detail: 'medical situation',
    patterns: [
      /\b(?:allergic reaction|anaphyla\w+|hives|rash(?:es)?|swelling|swollen|blisters?|can't breathe|cannot breathe|trouble breathing|chest pain|seizure|fainted|passed out|vomit(?:ing|ed)?|poison(?:ed|ing)|ingested|swallowed)\b/,
      /\b(?:hospital(?:ized)?|emergency room|the er|urgent care|ambulance|icu)\b/,
      /\b(?:see|saw|seeing|went to|go to|visit|call|called) (?:a |the |my |our )?(?:doctor|physician|pediatrician|dermatologist|podiatrist)\b/,
      /\b(?:overdos(?:e|ed|ing)|too many (?:pills|tablets)|poison control)\b/,
      /\b(?:medical (?:emergency|condition|issue|problem|bills?)|my (?:medication|prescription))\b/,
      /\b(?:reaccion alergica|alergia|sarpullido|ronchas|hospital|urgencias|ambulancia|medico|me intoxique|intoxicacion|no puedo respirar)\b/,
    ],
  },
  {
    label: 'bereavement',
    reason: 'sensitive_topic',
    priority: 'high',
    detail: 'bereavement',
    patterns: [
      /\b(?:passed away|funeral|bereavement|memorial service|death in (?:the|my|our) family|deceased|late (?:husband|wife|mother|father|mom|mum|dad|son|daughter|brother|sister|grandmother|grandfather|grandma|grandpa|partner))\b/,
      /\b(?:my|our) (?:\w+ )?(?:mother|father|mom|mum|dad|husband|wife|son|daughter|brother|sister|grandma|grandmother|grandpa|grandfather|partner|fiance|fiancee|child|baby|aunt|uncle|friend|dog|cat) (?:just |recently |suddenly )?(?:died|is dead|has died|passed(?! (?:his|her|my|the|an?|their|our|all|it)\b))/,
      /\blost my (?:\w+ )?(?:mother|father|mom|mum|dad|husband|wife|son|daughter|brother|sister|grandma|grandmother|grandpa|grandfather|partner|child|baby)\b/,
      /\b(?:fallecio|fallecimiento|murio|ha muerto|funeral|velorio|luto|en paz descanse|perdi a mi (?:madre|padre|mama|papa|esposo|esposa|hijo|hija|hermano|hermana|abuela|abuelo))\b/,
    ],
  },
];

// A request for a person. Verb-led phrasings plus short standalone messages ("agent", "humano").
const PERSON =
  '(?:a |an |the |some |one of your |your |to a |with a |with an )?(?:real |live |actual |human |proper |customer service |support |flesh and blood |breathing )?(?:human(?: being)?|person|people|agent|representative|rep|operator|someone|somebody|anyone|anybody|manager|supervisor|staff(?: member)?|employee|team member|customer service|customer support|support team)s?';
// Without the pronouns ("give someone access" is not a request for a person).
const STAFF =
  '(?:a |an |the |one of your |your |to a |with a |with an )?(?:real |live |actual |human |proper |customer service |support )?(?:human(?: being)?|person|agent|representative|rep|operator|manager|supervisor|staff member|employee|team member|customer service|customer support|support team)s?';
const CUSTOMER_REQUEST: Rule = {
  label: 'customer_request',
  reason: 'customer_request',
  priority: 'normal',
  detail: 'the customer asked for a person',
  patterns: [
    new RegExp(`\\b(?:talk|speak|chat|converse|communicate)(?:ing)? (?:to|with) ${PERSON}\\b`),
    new RegExp(
      `\\b(?:get|give|put|connect|transfer|pass|send|forward|escalate|route|hand) (?:me |this |my case |my chat |it )?(?:to |through to |over to |with |on to )?${STAFF}\\b`,
    ),
    new RegExp(
      `\\b(?:i (?:want|need|demand|would like|'d like|wanna)|can i (?:have|get)|let me have) ${PERSON}\\b`,
    ),
    /\b(?:get|put|connect|transfer|pass|send) me (?:through )?(?:to|with) (?:someone|somebody|anyone|anybody)\b/,
    /\b(?:whoever|someone|somebody|the person) (?:is )?in charge\b|\byour boss\b/,
    /\b(?:real|live|actual) (?:person|human|agent|people|rep|representative)\b|\bhuman (?:agent|rep|representative|support|help|being)\b/,
    /\b(?:is there|are there) (?:a |an |any )?(?:human|person|people|agent|someone|anyone|somebody|real person) (?:i can|to|there|available|who can)\b/,
    /\b(?:escalate|escalation)\b(?! policy)/,
    /\b(?:stop|enough|no more)[^.!?]{0,20}\b(?:bot|robot|ai|machine)\b|\b(?:don't|do not|dont) want (?:to (?:talk|speak|chat) (?:to|with) )?(?:a |an |the |this |your |another )?(?:bot|robot|machine|ai|chatbot)\b|^no (?:bots?|robots?|ai)\b/,
    /^(?:an? |the )?(?:agent|human|person|representative|rep|operator|real person|live agent|humano|agente|persona|asesor|operador|representante)(?: please| pls| por favor| now| ya)?[\s!.?]*$/,
    // Spanish
    /\b(?:hablar|comunicarme|comunicar|conversar|chatear|hable|habla) con (?:un |una |alguna |algun |el |la |los |las |otra )?(?:persona|humano|ser humano|agente|asesor|asesora|operador|operadora|representante|encargado|encargada|gerente|supervisor|supervisora|alguien|ejecutivo|ejecutiva|empleado)\b/,
    /\b(?:pasame|pasenme|paseme|comunicame|comuniqueme|transfiereme|transfierame|conectame|comunicarme) (?:con|a)\b/,
    /\bme (?:comunicas|comunica|comunique|comuniquen|pasas|pasa|pase|pasen|conectas|conecta|transfieres|transfiere) con\b/,
    /\b(?:quiero|necesito|exijo|prefiero|puedo tener|me das|me pasas con) (?:a |un |una )?(?:humano|persona real|persona|agente|asesor|operador|representante|ser humano)\b/,
    /\b(?:persona real|agente humano|atencion humana|atencion personal|un humano|un agente|una persona de verdad)\b/,
  ],
  unless: [
    // Past tense history and identity questions are not requests: "I already talked to an agent",
    // "are you a real person?", "my agent number is 4452".
    /\b(?:was|were|been|already|yesterday|earlier|last time|previously) (?:talking|speaking|chatting) (?:to|with)\b/,
    /^(?:are|r) (?:you|u) (?:a |an )?(?:real |actual )?(?:person|human|bot|robot|ai)\b[^.!?]*\?*$/,
  ],
};

const CANCELLATION: Rule = {
  label: 'cancellation',
  reason: 'business_rule',
  priority: 'normal',
  detail: 'cancellation request',
  patterns: [
    /\bcancel(?:l?ing)? (?:my|the|this|our|that|an?|all|it|them|both)?\s?(?:\w+ )?(?:subscriptions?|orders?|accounts?|memberships?|plans?|purchases?|auto-?renewals?|services?|it|them|everything)\b/,
    /\b(?:want|need|would like|'d like|wanna|going|trying|how (?:do|can) i|can i|please|help me) (?:to )?cancel\b/,
    /\b(?:stop|end|discontinue|terminate) (?:my|the|our) (?:\w+ )?(?:subscription|membership|auto-?renewal|recurring (?:order|delivery|payment))s?\b/,
    /\b(?:close|delete|terminate|deactivate) (?:my|our|his|her|their|the) (?:\w+ )?(?:account|subscription|membership)\b/,
    /\b(?:cancelar|cancela|cancelen|anular|anula) (?:mi|el|la|los|las|mis|este|esta|ese|esa)? ?(?:pedido|pedidos|suscripcion|cuenta|orden|compra|membresia|plan|servicio)\b/,
    /\b(?:quiero|necesito|como puedo|quisiera) (?:cancelar|anular|darme de baja)\b|\bdar(?:me)? de baja\b/,
  ],
  unless: [
    /\b(?:don't|do not|dont|didn't|did not|not|no|never|without|no quiero|no) (?:want to |need to |wanna |going to |to )?cancel/,
    /\bcancellation (?:policy|fee|window|deadline|terms)\b/,
  ],
};

const REFUND_INTENT =
  /\b(?:refund(?:ed|s)?|money back|reimburse(?:ment|d)?|chargeback|reembolso|reembolsen|devuelvan (?:mi|el) dinero|devolucion (?:de mi|del) dinero)\b/;
const AMOUNT =
  /(?:[$€£]\s?(\d{1,3}(?:[,.]\d{3})+|\d+)(?:[.,](\d{1,2}))?|\b(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s?(?:dollars|usd|eur|euros|bucks|pesos|gbp|pounds|dolares)\b)/g;

/** Amounts of money mentioned in `text` (folded), e.g. "$250", "1,200.50 dollars", "300 euros". */
export function amountsIn(text: string): number[] {
  const amounts: number[] = [];
  for (const m of text.matchAll(AMOUNT)) {
    const whole = (m[1] ?? m[3] ?? '0').replace(/[,.]/g, '');
    const cents = m[2] ?? m[4];
    amounts.push(Number(whole) + (cents ? Number(cents) / 10 ** cents.length : 0));
  }
  return amounts;
}

function fires(rule: Rule, folded: string): boolean {
  return rule.patterns.some((p) => p.test(folded)) && !(rule.unless ?? []).some((p) => p.test(folded));
}

function trigger(rule: Rule): EscalationTrigger {
  return { reason: rule.reason, priority: rule.priority, detail: rule.detail, label: rule.label };
}

// Assistant replies that admit it could not help.
const FALLBACK_REPLY =
  /\b(?:i'm not sure|i am not sure|i don't know|i do not know|i'm unable to|i can't help with|i couldn't find|i could not find|no estoy seguro|no lo se|no se la respuesta|no puedo ayudarte con)\b/;

/** Word-set similarity (Jaccard) of two folded texts, ignoring punctuation and very short words. */
export function similarity(a: string, b: string): number {
  const words = (text: string) => new Set(text.match(/[\p{L}\p{N}]{2,}/gu) ?? []);
  const x = words(a);
  const y = words(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const word of x) if (y.has(word)) shared++;
  return shared / (x.size + y.size - shared);
}

/** Similarity at or above which two customer messages count as the same question. */
export const SAME_QUESTION_SIMILARITY = 0.7;

function repeatedFailure(ctx: TriggerContext, folded: string): EscalationTrigger | undefined {
  const fallback = fold(ctx.settings.messages.fallback);
  const failures = ctx.history.filter(
    (item) =>
      item.author === 'ai' &&
      (item.flags?.includes('fallback') ||
        fold(item.text) === fallback ||
        FALLBACK_REPLY.test(fold(item.text))),
  ).length;
  if (failures >= 2) {
    return {
      reason: 'repeated_failure',
      priority: 'normal',
      detail: `the assistant could not answer ${failures} times`,
      label: 'repeated_failure',
    };
  }
  // Short acknowledgements ("ok", "yes", "thanks") repeat naturally; only real questions count.
  if ((folded.match(/[\p{L}\p{N}]{2,}/gu) ?? []).length < 3) return undefined;
  const asked = ctx.history.some(
    (item) => item.author === 'customer' && similarity(fold(item.text), folded) >= SAME_QUESTION_SIMILARITY,
  );
  return asked
    ? {
        reason: 'repeated_failure',
        priority: 'normal',
        detail: 'the customer asked the same question again',
        label: 'repeated_question',
      }
    : undefined;
}

function sentimentTrigger(ctx: TriggerContext): EscalationTrigger | undefined {
  const threshold = ctx.settings.escalation.negativeSentimentThreshold;
  if (ctx.sentiment <= threshold) {
    return {
      reason: 'negative_sentiment',
      priority: 'high',
      detail: `strongly negative message (${ctx.sentiment.toFixed(2)})`,
      label: 'negative_sentiment',
    };
  }
  // Worsening trend: the last three customer messages (this one included) each more negative.
  const previous = ctx.history
    .filter((item) => item.author === 'customer')
    .slice(-2)
    .map((item) => item.sentiment ?? scoreSentiment(item.text));
  if (previous.length === 2) {
    const [a, b] = previous as [number, number];
    if (a > b && b > ctx.sentiment && ctx.sentiment < 0) {
      return {
        reason: 'negative_sentiment',
        priority: 'normal',
        detail: `sentiment worsening (${a.toFixed(2)} → ${b.toFixed(2)} → ${ctx.sentiment.toFixed(2)})`,
        label: 'trend',
      };
    }
  }
  return undefined;
}

function refundTrigger(ctx: TriggerContext, folded: string): EscalationTrigger | undefined {
  if (!REFUND_INTENT.test(folded)) return undefined;
  const { alwaysEscalateIntents, refundLimit } = ctx.settings.escalation;
  if (alwaysEscalateIntents.includes('refund')) {
    return { reason: 'business_rule', priority: 'normal', detail: 'refund request', label: 'refund' };
  }
  const amount = Math.max(0, ...amountsIn(folded));
  return amount > refundLimit
    ? {
        reason: 'business_rule',
        priority: 'normal',
        detail: `refund of ${amount} over the limit of ${refundLimit}`,
        label: 'refund',
      }
    : undefined;
}

/** Every trigger that fires for this message, most severe first. */
export function findTriggers(ctx: TriggerContext): EscalationTrigger[] {
  const folded = fold(ctx.text).trim();
  const found: EscalationTrigger[] = [];
  if (fires(SELF_HARM, folded)) found.push(trigger(SELF_HARM));
  for (const rule of RULES) if (fires(rule, folded)) found.push(trigger(rule));
  if (fires(CUSTOMER_REQUEST, folded)) found.push(trigger(CUSTOMER_REQUEST));
  if (ctx.settings.escalation.alwaysEscalateIntents.includes('cancellation') && fires(CANCELLATION, folded)) {
    found.push(trigger(CANCELLATION));
  }
  const refund = refundTrigger(ctx, folded);
  if (refund) found.push(refund);
  const sentiment = sentimentTrigger(ctx);
  if (sentiment) found.push(sentiment);
  const repeated = repeatedFailure(ctx, folded);
  if (repeated) found.push(repeated);
  return found;
}

/** The escalation this message calls for, if any: the most severe trigger. */
export function detectEscalation(ctx: TriggerContext): EscalationTrigger | undefined {
  return findTriggers(ctx)[0];
}

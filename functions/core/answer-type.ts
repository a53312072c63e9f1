/**
 * What kind of answer a question asks for, and whether a sentence carries it: "how much" needs a
 * price, "how long" a duration, "when" a time or a duration, "where" a place or a link, "what is your
 * phone number" a contact, "can I / do you" a statement of policy. A passage without such a sentence
 * does not answer the question, however many words it shares with it. English text (Spanish
 * questions are read through `spanish-lexicon.ts` first).
 */

/** The kind of answer a question asks for; `any` when the question does not say. */
export type AnswerType =
  | 'amount'
  | 'price'
  | 'duration'
  | 'time'
  | 'contact'
  | 'place'
  | 'procedure'
  | 'policy'
  | 'any';

const WEEKDAY = '(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?';
const MONTH = '(january|february|march|april|may|june|july|august|september|october|november|december)';

const ASKS: readonly (readonly [AnswerType, RegExp])[] = [
  // "If I pay for express, how many days is that?" asks a duration, whatever else it mentions.
  [
    'duration',
    /\bhow long\b|\bhow often\b|\bhow many (business |working )?(minutes|hours|days|weeks|months|years)\b/,
  ],
  [
    'amount',
    /\bhow (much|heavy|big|warm|waterproof|breathable)\b.*\b(weigh|weighs|weight)\b|\bhow many (grams|ounces|oz|kilos|kg|pounds|lbs)\b|\bhow (heavy|big|waterproof|breathable)\b|\bwhat (chest )?size\b.*\bfit/,
  ],
  [
    'price',
    /\bhow much\b(?!\s+(time|longer)\b)|(?<!\bmatch(es|ing)? (the |a |your |their |other )?)\b(cost|costs|price|prices|pricing|fee|fees|charge|charges|free)\b(?![ -]match)|\bwho (pays|has to pay|is paying|covers)\b|\bpay for\b|\bhave to pay\b|\bpay (the )?(shipping|delivery|postage|duties|taxes|customs)\b/,
  ],
  [
    'duration',
    /\bhow (long|quickly|fast|soon)\b|\bhow many (business |working )?(minutes|hours|days|weeks|months|years)\b|\bhow much time\b|\b(by|until) when\b|\b(delivery|shipping|transit|processing|refund|response) times?\b/,
  ],
  [
    'time',
    /(^|[,.;:!?(]\s*|\b(and|so|but|or|know|tell me|say|ask|wondering|about|roughly|approximately|exactly|less|since|from|till|until)\s+)when\b|\bwhen\s+(do|does|did|is|are|was|were|will|would|can|could|should|shall|might|must)\b|\bwhen\W*$|\bwhat time\b|\b(opening|business|store|support) hours\b|\bhours\b|\b(are|is) (you|it|support|the store|your store|the shop)\b.*\bopen\b|\bopen (on|at|until|today|tomorrow)\b/,
  ],
  [
    'contact',
    /\b(what|what's|whats|which|who)\b.*\b(phone|telephone|number|email|e-mail|address|contact)\b|\bhow (can|do|could) i (contact|reach|call|email|e-mail|write to)\b|\bwho (should|do|can) i (contact|email|e-mail|write|call)\b/,
  ],
  ['place', /\bwhere\b/],
  [
    'procedure',
    /\bhow (do|can|could|should|would|does) (i|we|one|you)\b|\bhow to\b|\bwhat (do|should|can) i do\b/,
  ],
  [
    'policy',
    /^\W*(can|could|may|do|does|did|is|are|will|would|should|am|have|has)\b|\bis it possible\b|\bam i able\b|\bare you able\b/,
  ],
];

/** The answer type a question asks for (the first rule that matches, most specific first). */
export function answerTypeOf(question: string): AnswerType {
  const text = question.toLowerCase().replace(/[’‘]/g, "'");
  for (const [type, pattern] of ASKS) if (pattern.test(text)) return type;
  return 'any';
}

const PRICE =
  /\$\s?\d|\b\d+(\.\d+)?\s?(dollars?|usd|%)|\bfree\b|\bno (extra |additional )?(cost|charge|fees?)\b|\b(us )?dollars\b|\b(charged|paid by|payable|deducted)\b/i;
const DURATION = new RegExp(
  [
    String.raw`\b\d+(\s?(to|-|–|or)\s?\d+)?[\s-](business |working )?(minutes?|hours?|days?|weeks?|months?|years?)\b`,
    String.raw`\b(one|two|three|four|five|six|seven|ten|fourteen|thirty) (business |working )?(minutes?|hours?|days?|weeks?|months?|years?)\b`,
    String.raw`\bsame day\b|\bnext (business )?(day|morning)\b|\blifetime\b|\bnever expire`,
    String.raw`\bevery (few )?(months|years|year)\b|\bas soon as\b|\bimmediately\b`,
  ].join('|'),
  'i',
);
const TIME = new RegExp(
  [
    String.raw`\b\d{1,2}:\d{2}\b|\b\d{1,2}\s?(am|pm|a\.m\.|p\.m\.)`,
    `\\b${WEEKDAY}\\b`,
    `\\b${MONTH}\\b`,
    String.raw`\b(closed|open|opens|reopen|weekends?|holidays?|tonight|today|tomorrow)\b`,
  ].join('|'),
  'i',
);
const LINK = /\b[a-z0-9-]+\.(example|com|org|net|io|co)(\/\S*)?|\bhttps?:\/\//i;
const STREET =
  /\b\d+\s+[A-Z][\w]*(\s[A-Z][\w]*)*\s(Street|St|Way|Road|Rd|Avenue|Ave|Boulevard|Blvd|Lane|Drive)\b/;
const MENU = /\s>\s/;
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.]+/;
const PHONE = /\b\d{1,2}-\d{3}-\d{3}-\d{4}\b|\(\d{3}\)\s?\d{3}-\d{4}|\b\d{3}[-.\s]\d{3}[-.\s]\d{4}\b/;
const PLACE_WORDS =
  /\b(at|in|to|from|on|under)\s+(a|an|the|our|any|your|every|each)?\s*([A-Z][\w-]*|checkout|store|warehouse|location|(\w+ )?page)\b/;

/** True when the sentence carries the kind of answer asked for. */
export function carriesAnswer(sentence: string, type: AnswerType): boolean {
  // A question in the knowledge base ("Between two sizes?") answers nothing by itself.
  if (/\?\s*$/.test(sentence)) return false;
  switch (type) {
    case 'amount':
      return /\d/.test(sentence);
    case 'price':
      return PRICE.test(sentence);
    case 'duration':
      return DURATION.test(sentence);
    case 'time':
      return TIME.test(sentence) || DURATION.test(sentence);
    case 'contact':
      return EMAIL.test(sentence) || PHONE.test(sentence) || STREET.test(sentence) || LINK.test(sentence);
    case 'place':
      return (
        STREET.test(sentence) || LINK.test(sentence) || MENU.test(sentence) || PLACE_WORDS.test(sentence)
      );
    default:
      return true;
  }
}

/**
 * True when the sentence carries the most telling form of the answer: an amount of money, a number of
 * days, a clock time or weekday, a street address, link or menu path, an email or phone number.
 */
export function carriesStrongly(sentence: string, type: AnswerType): boolean {
  if (!carriesAnswer(sentence, type)) return false;
  switch (type) {
    case 'price':
      return /\$\s?\d|\d\s?%/.test(sentence);
    case 'duration':
      return DURATION.test(sentence);
    case 'time':
      return new RegExp(
        String.raw`\b\d{1,2}:\d{2}\b|\b\d{1,2}\s?(am|pm)\b|\b${WEEKDAY}\b|\b${MONTH}\b`,
        'i',
      ).test(sentence);
    case 'place':
      return STREET.test(sentence) || LINK.test(sentence) || MENU.test(sentence);
    case 'contact':
      return EMAIL.test(sentence) || PHONE.test(sentence) || STREET.test(sentence);
    default:
      return false;
  }
}

/** The question's wording of its answer type ("how much", "how long"…), removed before matching topics. */
export function withoutTypeWords(question: string): string {
  return question.replace(
    /\bhow many (business |working )?(minutes|hours|days|weeks|months|years)\b|\bhow much time\b|\bhow long (before|until|till|til)\b|\bhow (much|long|many|quickly|fast|soon|heavy|big|often)\b|\bwhat time\b|\b(have|need) to pay\b|\bpay for\b/gi,
    ' ',
  );
}

/**
 * The contact details a sentence gives by their form, named or not: "214 Harbor Street" is an
 * address, "help@northwind.example" an email, "1-800-555-0142" a phone number.
 */
export function contactDetails(sentence: string): ('address' | 'email' | 'phone')[] {
  const details: ('address' | 'email' | 'phone')[] = [];
  if (STREET.test(sentence)) details.push('address');
  if (EMAIL.test(sentence)) details.push('email');
  if (PHONE.test(sentence)) details.push('phone');
  return details;
}

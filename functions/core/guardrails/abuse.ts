/**
 * Abuse detection: insults, slurs, threats and profanity aimed at the assistant, the staff or the
 * business. Deliberately NOT abuse: swearing about the situation ("this is damn slow", "this is
 * fucking ridiculous", "what the hell happened to my order"), blunt judgments ("this bot is useless",
 * "your company is a joke") and self-directed words ("I'm such an idiot, I ordered the wrong size").
 * Those are frustration: they feed sentiment, not the abuse boundary. Abuse gets a calm boundary
 * message the first time and a person on repeat.
 */
import { fold, skeleton } from './fold.ts';

/** The verdict on one message. */
export interface AbuseVerdict {
  abusive: boolean;
}

// Insult nouns and adjectives (English and Spanish, folded: no accents).
const INSULT =
  '(?:idiots?|morons?|imbeciles?|stupid|dumb|dumbass(?:es)?|retard(?:s|ed)?|assholes?|arseholes?|bastards?|bitch(?:es)?|cunts?|dicks?|dickheads?|pricks?|twats?|wankers?|jackass(?:es)?|losers?|clowns?|scum(?:bags?)?|pieces? of (?:shit|crap|garbage|trash)|shit ?heads?|motherfuckers?|fuckers?|fuckwits?|incompetent (?:idiots?|fools?|morons?|clowns?)|thie(?:f|ves)|crooks?|liars?|trash|garbage|fools?|pigs?|worthless (?:pieces?|idiots?|people|bots?)|idiota?s?|imbecil(?:es)?|estupid[oa]s?|pendej[oa]s?|gilipollas|cabron(?:es|a)?|tont[oa]s?|ladrones|ratas|mierdas?|basuras?|payasos?|malparid[oa]s?|hijos? de puta|putas?|culeros?)';
// Who the words are aimed at: us (the assistant, staff, company), never the customer or a third party.
const TARGET =
  "(?:you|u|ya|your (?:company|store|shop|staff|team|support|people|agents?|employees|service|bot|ai|business|managers?|website|reps?)|this (?:company|store|shop|bot|ai|assistant|business|place|service)|you (?:guys|people|all|lot)|y(?:'|a)?all|ur (?:company|staff|team)|northwind|the (?:bot|ai|assistant|agent|staff|company|people (?:there|working there)))";
const PROFANE =
  '(?:fuck(?:ing)?|fking|fcking|effing|f\\*+(?:ing|k)?|shitty|bloody|goddamn(?:ed)?|damn(?:ed)?|stupid|dumb)';

const ABUSE: RegExp[] = [
  // "you idiot", "you're a moron", "you are such a useless piece of shit", "you guys are clowns"
  new RegExp(
    `\\b${TARGET}(?:'re| are| r| is| were|'s)?(?: (?:such|a|an|so|total|complete|absolute|bunch of|fucking|freaking|damn|bloody|useless|incompetent|pathetic|worthless|lying|stupid|dumb|a bunch of|nothing but|just)){0,4} ${INSULT}\\b`,
  ),
  // "stupid bot", "fucking company", "useless idiots at your store"
  new RegExp(
    `\\b${PROFANE} (?:bot|ai|assistant|machine|robot|company|store|people|staff|agents?|employees|team|support|idiots?|morons?|business)\\b`,
  ),
  /\b(?:fuck|f\*+k|fk|screw|damn) (?:you|u|ya|off|yourself|yourselves|your (?:company|store|staff|team|bot|service))\b/,
  /\b(?:go (?:to hell|die|fuck yourself|screw yourself)|shut (?:the fuck |the hell )?up|kill yourself|kys|i hope you (?:die|rot|get fired|burn)|eat shit|get fucked|suck my)\b/,
  // Threats against staff.
  /\b(?:i(?:'ll| will| am going to|'m going to|'m gonna| gonna)) (?:find|hunt|hurt|kill|beat|punch|smash|come for|shoot|stab|burn down) (?:you|your|whoever|every|the (?:person|people|staff|store|agent))\b/,
  // Spanish: "eres un idiota", "son unos ladrones", "vete a la mierda", "que te den"
  new RegExp(
    `\\b(?:eres|sos|son|es usted|ustedes son|son todos|este bot es|esta empresa es)(?: (?:un|una|unos|unas|muy|tan|puto|puta|pinche|maldito|maldita|mas|todos|inutil|inutiles|incompetente|incompetentes|y|e)){0,6} ${INSULT}\\b`,
  ),
  /\b(?:vete|vayanse|ve) a la mierda\b|\bque te (?:den|jodan)\b|\b(?:chinga|chingen) (?:tu|su) madre\b|\bhijo de puta\b|\bme cago en (?:ti|ustedes|vosotros|tu)\b|\bcallate\b/,
  /\b(?:pinche|puto|puta|maldito|maldita|estupido|estupida) (?:bot|robot|empresa|tienda|maquina|asistente|gente)\b/,
];

// "what a bunch of idiots", "bunch of thieves": no explicit target, so check who it is about.
const UNTARGETED = new RegExp(
  `\\b(?:what a|bunch of|a pack of|you bunch of|such) (?:fucking |useless |lying |incompetent )?${INSULT}\\b`,
  'g',
);
// "I'm such an idiot", "my husband is such a clown": aimed at oneself or a third party.
const SELF_OR_THIRD =
  /\b(?:i'm|i am|im|i was|i feel like|myself|(?:my|his|her|their) (?:\w+ )?(?:is|was|are)|soy|me siento)(?: (?:such|a|an|so|total|complete|absolute|bit of|un|una|tan|muy)){0,3} $/;

// An insult used as a form of address is aimed at us: "idiot!", "listen moron, …", "…, thanks for nothing idiot".
const VOCATIVE = [
  new RegExp(
    `^(?:(?:ok|okay|listen|look|hey|oh|wow|yeah|well|thanks|so|no|yes)\\W* )?${INSULT}(?:[\\s!.?]*$|\\s*[,!:;])`,
  ),
  new RegExp(`[,.!?;:] *(?:(?:thanks|thank you) for nothing,? )?${INSULT}[\\s!.?]*$`),
];

// Disguised profanity: "f*ck", "f**k", "fck", "sh*t".
function unmask(text: string): string {
  return text
    .replace(/\bf(?:\*+|u\*|\*c|x)?c?k(?=\b|\W|$)|\bf\*{2,}|\bphuck/g, 'fuck')
    .replace(/\bsh[*!1]t\b/g, 'shit');
}

/** Detects insults, threats and profanity aimed at the assistant, the staff or the business. */
export function detectAbuse(text: string): AbuseVerdict {
  const folded = unmask(skeleton(fold(text)).trim());
  if (VOCATIVE.some((pattern) => pattern.test(folded))) return { abusive: true };
  if (ABUSE.some((pattern) => pattern.test(folded))) return { abusive: true };
  for (const match of folded.matchAll(UNTARGETED)) {
    const before = folded.slice(Math.max(0, match.index - 40), match.index);
    if (!SELF_OR_THIRD.test(before)) return { abusive: true };
  }
  return { abusive: false };
}

/**
 * Words that carry no topic of their own in a customer message: stop words (the `stopword` lists for
 * English and Spanish) and, by a part-of-speech heuristic, chatty verbs, adjectives, adverbs and
 * fillers ("wondering", "quick", "guys", "already", "basically"). The answerer ignores such a word
 * when the knowledge base does not use it, so it neither counts as an uncovered topic nor as a match;
 * an unknown noun ("layaway", "student") still names a topic the knowledge base may not cover.
 */
import { eng, spa } from 'stopword';

const fold = (word: string): string =>
  word
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

// Conversational words beyond the stop-word lists: pronouns and address ("guys", "folks"), hedges and
// intensifiers, time fillers, and the everyday verbs and adjectives a question wraps its topic in.
const CHATTY = (
  'guys guy folks mate pal dude bro team hey hiya yo ok okay alright yeah yep yes nope lol haha pls plz ' +
  'q qq quick quickly question wondering wonder wondered curious hoping hope hoped thinking think thought ' +
  'already yet ever even just still also too anyway anyways basically actually literally really honestly ' +
  'certain certainly kind kinda sort sorta bit little lot lots whole exact exactly specific particular ' +
  'extra additional else sure definitely possibly probably perhaps maybe generally usually normally ' +
  'came come comes coming went go goes gone saw see seen sees seeing look looks looked watch wrote write ' +
  'live lives living stay staying guess tried try trying told tell telling heard hear asked ask asking ' +
  'let lets letting know knew known mean meant seems seem seemed feel felt noticed notice realise realize ' +
  'good great fine nice cool awesome lovely amazing perfect best better bad worse worst terrible ' +
  'ago last past recently lately soon asap right left whats thats theres heres hows wheres whos ' +
  'instead somewhere anywhere everywhere elsewhere found real actual inside ' +
  'around somehow whether rather site website web page same having own true point department dept gonna wanna gotta myself yourself yall theyre wat ur wait waiting waited expect expecting expected worth ' +
  'someone anyone everyone somebody anybody everybody something anything everything nothing'
).split(' ');

// The same for Spanish (folded): fillers, hedges and everyday verbs around a question.
const CHATTY_ES = (
  'hola oye oiga buenas buenos dias tardes noches gracias porfa favor pregunta duda consulta saber ' +
  'quisiera quiero queria queriamos necesito necesitaria gustaria podrias podrian puedes pueden puedo ' +
  'mismo misma mismos mismas ya todavia aun tambien solo solamente igual entonces pues bueno vale ok ' +
  'perfecto genial claro tal vez quizas acaso algo alguien nadie nada cosa cosas tipo rollo ' +
  'cierto cierta ciertos ciertas exactamente realmente basicamente interesa interesaria ' +
  'tengo tiene tienes tenemos hay hacer hago hace pasa pasas pasar pasame mira ver veo vi ' +
  'hicieron hizo hicimos acabo acaba acabamos ' +
  // Address and regional fillers ("che", "parce", "nomás", "qué pena con usted") and everyday verbs.
  'mire oigan che tio tia parce boludo boluda jaja jajaja nomas asi pena digo suele suelo suelen ' +
  'va van voy vas vio ve dado puse querer quiere necesita usa sino aunque aca aqui alla recien ratito ' +
  'perdona perdon explica explicame explicarle verdad harto harta ahora sirve sirven funciona ' +
  'funcionan seguir sigo sigue volver parte prisa manera web pagina sitio vivo vive vivimos casa doy ' +
  'teneis podeis pasan trae raro saque montana directo departamento significa sola tampoco hagan ' +
  'miedo llena'
).split(' ');

const STOP = new Set([...eng, ...CHATTY].map(fold));
const STOP_ES = new Set([...spa, ...CHATTY_ES].map(fold));
const CHATTY_SET = new Set([...CHATTY, ...CHATTY_ES].map(fold));

/** True for a chatty word ("already", "last", "see"): it sets the scene even where the knowledge base uses it. */
export function isChatty(word: string): boolean {
  return CHATTY_SET.has(fold(word).replace(/['’]/g, ''));
}

/**
 * True when `word` (as written) carries no topic: a stop word, a chatty word, or by its form an
 * adverb ("basically") or a very short token ("q", "k").
 */
export function isFiller(word: string, language: 'en' | 'es' = 'en'): boolean {
  const folded = fold(word).replace(/['’]/g, '');
  if (folded.length <= 2) return true;
  if (STOP.has(folded) || (language === 'es' && STOP_ES.has(folded))) return true;
  // An English adverb in -ly ("honestly", "currently") qualifies the question; it names no topic.
  return language === 'en' && /^[a-z]{4,}ly$/.test(folded) && !/(ply|bly)$/.test(folded);
}

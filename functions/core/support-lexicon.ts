/**
 * The vocabulary of customer support in English: expressions that mean one thing ("send back" is
 * "return", "money back" is "refund"), words that mean the same ("postage", "delivery", "shipping"),
 * words that say nothing about the topic ("want", "possible") and words a passage may leave implicit
 * ("jacket" in a question about returning items). Applied alike to questions and passages, so a
 * customer's words meet the knowledge base's words.
 */

import { processTerm } from './knowledge.ts';
import { STEMMERS } from './stemmers.ts';

const english = STEMMERS.en;

/**
 * The term a word stands for: lowercase, no accents or possessive, Snowball-stemmed ("changing",
 * "changed" and "change" meet); `null` for a stop word of the knowledge index.
 */
export function termOf(word: string): string | null {
  if (processTerm(word) === null) return null;
  const clean = word
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]s$/, '')
    .replace(/['’]/g, '');
  return clean ? english.stem(clean) : null;
}

/** Multi-word expressions rewritten to one word, in order (lowercase text without accents). */
const PHRASES: readonly (readonly [RegExp, string])[] = [
  [/\b(call|ring|phone)(ing|ed)?( me| us)? back\b|\bcall-?backs?\b/g, ' callback '],
  [/\b(money|cash|fee|payment|funds)( back| returned)\b/g, ' refund '],
  [/\b(bucks|dollars|\$?\d+( bucks| dollars)?) back\b/g, ' refund '],
  // An idiom for the price ("what's the damage for express?").
  [/\bwhat'?s the damage\b/g, ' how much cost '],
  [
    /\b(cannot|can't|can not|could not|couldn't) (be returned|take back|return)\b|\bnon[- ]?returnable\b|\bnot returnable\b/g,
    ' nonreturnable return ',
  ],
  [
    /\b(send|sending|sent|take|taking|took|taken|give|giving|gave|ship|shipping|mail|mailing|post|posting|bring|bringing)( it| them| this| that| these| those| things?| items?| stuff| something| anything| everything| my \w+| the \w+| a \w+| an \w+)? back\b/g,
    ' return ',
  ],
  [/\b(get|gets|getting|got|gotten) back to\b/g, ' reply to '],
  [/\b(go|goes|going|went) back\b/g, ' return '],
  [/\bwashing machines?\b|\bmachine[ -]wash(es|ed|ing|able)?\b/g, ' wash '],
  [/\b(moved|moving|relocated|relocating)( house| home| apartments?| flats?)?\b/g, ' change address '],
  [/\bunwashed\b/g, ' unwashed wash '],
  [/\bare (you|u)( guys)? (working|open)\b/g, ' open '],
  [/\binterested in\b/g, ' '],
  [/\bturn(s|ed|ing)? ((\w+ ){0,3})back on\b/g, ' $2 again '],
  [/\b(forgot|forget|forgotten) to\b/g, ' '],
  [/\badd (it|them|this|that|the code|my code) to\b/g, ' apply to '],
  [/\bgore[ -]?tex\b/g, ' waterproof '],
  [/\b(change|changing|update|updating)( my| the| your)? (password|passcode|pw)\b/g, ' reset password '],
  [
    /\b(we'?re|we are|i'?m|i am|we run|we own) an? (small |little |local |independent )?(\w+ )?(shop|store|boutique|business)\b/g,
    ' retailer ',
  ],
  [
    /\b(my |our |their |his |her |a |the )?(name|initials|monogram)s? (embroidered|printed|stitched|engraved)\b|\b(embroidered|printed|stitched|engraved) with (my |a |the )?(name|initials)\b/g,
    ' embroidered ',
  ],
  [/\bsize (up|down)( or (up|down))?\b/g, ' size larger smaller '],
  [
    /\bbetween (a |an |the |size )?(xxs|xs|s|m|l|xl|xxl|small|medium|large)( size)? (and|or|&) (a |an |the )?(xs|s|m|l|xl|xxl|small|medium|large)\b/g,
    ' between two sizes ',
  ],
  [
    /\b(for|get|send|want|need) (me )?(a |an )?(bigger|smaller|larger|different|another) (size|pair|one|colou?r)\b/g,
    ' exchange size ',
  ],
  // A threshold ("free over a certain amount") is not an amount of its own.
  [
    /\b(over|above|more than|at least) (a |an )?(certain |minimum |specific )?(amount|price|total|spend|value)\b|\bminimum (spend|order|purchase|amount|total)\b/g,
    ' ',
  ],
  [/\b(buy now,? )?pay later\b|\binstall?ments?\b|\bfinancing\b/g, ' paylater '],
  [
    /\b(hits?|hitting|shows? up (on|in)|appears? (on|in)|back (on|to)) (my |the )?(card|credit card|account|bank account|bank|statement)\b/g,
    ' show bank ',
  ],
  [
    /\b(isn'?t|is not|not|doesn'?t|does not|hasn'?t|has not)( \w+)? (showing|show|shown|updating|updated|moving|moved)\b|\bno (info|information|updates?|movement) yet\b/g,
    ' show scan ',
  ],
  [/\bgift[ -]?(cards?|certificates?|vouchers?)\b/g, ' giftcard '],
  [/\b(promo|promotional|coupon|voucher|discount|offer) ?codes?\b/g, ' discountcode discount '],
  [/\bpick(s|ing|ed)?[ -]?up\b|\bpickups?\b|\bclick and collect\b/g, ' pickup '],
  [/\bcheck(s|ing|ed)?[ -]?out\b/g, ' checkout '],
  [/\b(sign|log)(s|ging|ged)?[ -]?(in|on)\b|\blogins?\b/g, ' signin '],
  [/\bsign(s|ing|ed)?[ -]?up\b|\bregister(s|ing|ed)?\b|\bregistration\b/g, ' create '],
  // Switching an email, a phone number or an address is changing it, not an exchange.
  [
    /\b(switch|swap)(es|ing|ed|ped|ping)?\b(?=(?: [\w']+){0,4} (e-?mail|address(es)?|phone|number|password|account|settings?|details)\b)/g,
    ' change ',
  ],
  // "Personal" stems to "person" (someone on the team): personal data or a personal email is private,
  // and a personalised or monogrammed item is one made for its owner.
  [/\bpersonal\b/g, ' private '],
  [/\bpersonali[sz](e|es|ed|ing|ation)\b|\bmonogram(s|med|ming)?\b/g, ' monogram '],
  // Changing one's mind about an order is cancelling it; an inbox is email.
  [/\b(chang(e|ed|es|ing)|changin) (my|our|your|his|her|their) minds?\b/g, ' cancel '],
  [/\binbox(es)?\b/g, ' email '],
  [/\btoll[- ]?free\b/g, ' phone '],
  [/\bphone ?lines?\b/g, ' phone '],
  [/\bnotif(y|ied|ies|ication|ications)\b/g, ' email '],
  [
    /\bprocess(es|ed|ing)? (the |my |a |your )?refunds?\b|\brefunds? (goes|go|went|gone|going) through\b/g,
    ' issue refund ',
  ],
  [/\badd(s|ed|ing)?\b(?=(?: [\w']+){0,2} (discount|promo|coupon|voucher|codes?)\b)/g, ' apply '],
  [/\b(the )?most (i|you|we|one) can\b/g, ' maximum '],
  [/\b(staff|team|support|crew) members?\b/g, ' person '],
  [/\bstraight ?away\b|\bright away\b/g, ' immediately '],
  [/\b(\d+) ?(percent|per cent|pct)\b/g, ' $1% '],
  [/\b(ebay|amazon|etsy|craigslist|facebook marketplace)\b/g, ' marketplace '],
  [/\b(grams?|ounces?|oz|kilos?|kilograms?|kg|lbs?)\b/g, ' weigh '],
  [/\bdry[- ]?clean(ed|ing|ers?)?\b/g, ' dryclean '],
  [/\b(a |the )?tears? in\b|\btorn\b/g, ' damaged '],
  [/\b(shipping )?label (was |got |has been )?(created|printed|generated|made)\b/g, ' tracking label '],
  [/\b(shopping )?(cart|basket)s?\b/g, ' order '],
  [/\b(do|can|will|would) you (post|mail)\b/g, ' $1 you ship '],
  // Time zones: the question's "time zone" is the knowledge base's "Eastern Time".
  [/\btime ?zones?\b/g, ' timezone '],
  [
    /\b(eastern|pacific|central|mountain)( standard| daylight)? time\b|\b(est|edt|pst|pdt)\b/g,
    ' $& timezone ',
  ],
  // A reporter is the press; to report something is not ("how long do I have to report damage").
  [/\breporters?\b/g, ' journalist '],
  [/\b(shipping|delivery) address(es)?\b/g, ' address '],
  [/\bwithout (an |a )?(account|acount|acct|registering|signing up)\b|\bas a guest\b/g, ' guest account '],
  [
    /\b(need|have|required?)( to (make|create|open|set up|have))? (an |a )?(account|acount|acct) to (buy|order|shop|purchase|check ?out)\b|\b(account|acct) (required|needed|necessary)\b|\bwithout (making|creating|having|opening|setting up) (an |a )?(account|acount|acct)\b/g,
    ' guest account ',
  ],
  [
    /\b(make|open|set up|setup|start) (an|a|my|new|a new) (account|acount|acct|profile)\b/g,
    ' create account ',
  ],
  [/\b(opt|opting|opted)[ -]?out\b|\bunsubscrib\w*/g, ' stop '],
  [/\be-?mail address(es)?\b|\be-mails?\b/g, ' email '],
  [/\bprice[ -]?match(es|ed|ing)?\b/g, ' pricematch '],
  [/\b(\d+ ?%) off\b/g, ' $1 off discount '],
  [
    /\b(never|not|didn't|did not|hasn't|has not|haven't|have not) (arrived|arrive|come|came|received|receive|shown up|turned up|showed up|show up|turn up)\b/g,
    ' lost ',
  ],
  [/\b(cannot|can't|cant|could not|couldn't|unable to) (find|locate)\b/g, ' lost '],
  [/\bi (own|run|have|manage) an? (shop|store|boutique|business)\b/g, ' retailer '],
  [
    /\bsell(ing)? (your|northwind|northwind's)( \w+)? (gear|products|items|brand|clothing|range)\b/g,
    ' resell ',
  ],
  [
    /\bwhere('s| is| are)( my| our| the)? (order|parcel|package|shipment|delivery|stuff)s?\b/g,
    ' track order ',
  ],
  [
    /\b(order|parcel|package|shipment|stuff)s?\b([^.?!]{0,20}?)\b(arrive|arrives|get here|gets here|reach me|be delivered|come|show up|turn up)\b/g,
    ' $1 $2 delivery ',
  ],
  [
    /\b(it|they)\b([^.?!]{0,20}?)\b(arrive|arrives|get here|gets here|reach me|be delivered|show up|turn up)\b/g,
    ' $1 $2 delivery ',
  ],
  [
    /\b(order|parcel|package|delivery|shipment)s?\b([^.?!]{0,20}?)\b(is|are|was|seems|running|still) (late|delayed|overdue|not here( yet)?)\b/g,
    ' $1 $2 track ',
  ],
  [/\bcustoms\b/g, ' duties '],
  [/\bchange(s|d)?\b(?=[^.?!]{0,40}\b(sizes?|colou?rs?|for (a|an|another|the|one))\b)/g, ' exchange '],
  [/\b(post office|p\.? ?o\.?) box(es)?\b/g, ' pobox '],
  [
    /\b(out|outside)( of)? (the )?(us|usa|u\.s\.a?\.?|united states|states|country)\b|\babroad\b|\boverseas\b|\bworldwide\b/g,
    ' international ',
  ],
  [
    /\b(within|inside|in) (the )?(contiguous |continental |mainland )?(us|usa|u\.s\.a?\.?|united states|country)\b|\bdomestic(ally)?\b|\bnationwide\b/g,
    ' domestic ',
  ],
  [/\bcustomer (service|support|care)\b|\bhelp ?desk\b/g, ' support '],
  [/\b(phone|telephone|contact) numbers?\b/g, ' phone number '],
  [/\b(\d+) ?°\s?[cf]\b/g, ' $1 degrees temperature '],
  [/\bfinal[ -]sales?\b/g, ' finalsale '],
  [/\bnew year'?s eve\b/g, ' december 31 '],
  [/\bchristmas eve\b/g, ' december 24 '],
  [/\bafter hours\b|\bout of hours\b|\bovernight\b|\b(late )?at night\b|\bmidnight\b/g, ' afterhours '],
  [/\b(at )?no (extra |additional )?(charge|cost|fee)(s?)\b/g, ' free $3$4 '],
  [/\bfree of charge\b/g, ' free charge '],
  [/\bsales tax(es)?\b/g, ' salestax tax '],
  [/\bbank (statement|account)s?\b/g, ' bank '],
  // An umbrella word also names what it covers ("we do not ship on weekends" answers "Saturday?").
  [/\bweekends?\b/g, ' weekend saturday sunday '],
  // A cross-reference ("(see Pricing)") names another passage, not this one's topic.
  [/\(see [^)]*\)/g, ' '],
  [/\b(show|shows|showed|showing|turn|turns|turned|turning) up\b/g, ' appear '],
  [/\b(came|come|coming|fell|fall|falling) apart\b|\bfell off\b|\bstopped working\b/g, ' defect '],
  [/\bunworn\b/g, ' unworn worn '],
  [/\bsame[ -]day\b/g, ' sameday '],
  [/\bcut[ -]?off( time)?\b|\bdeadline\b/g, ' before '],
  [/\b(business|office|working|opening|open) hours\b/g, ' opening hours '],
  [/\b(4th|fourth) of july\b|\bjuly (4th|fourth)\b/g, ' july 4 '],
  [/\bwhere (are|r) (you|u|ya)( guys)?( located| based| at)?\b/g, ' where store address '],
  [/\bamex\b/g, ' american express '],
  [/\b(credit|debit) cards?\b|\b(visa|mastercard|american express|discover)\b/g, ' $& creditcard '],
  // An amount of money is a number, not a currency ("if I spend 80 dollars").
  [/\b(\d+(\.\d+)?) ?(us )?(dollars|bucks|usd)\b/g, ' $1 '],
  [
    /\b(canadian|australian|euro|british|mexican|foreign|local) (dollars?|pounds?|pesos?|currency|currencies)\b/g,
    ' currency ',
  ],
  [/\b(us )?dollars\b/g, ' $& currency '],
  [/\bby (it|them)sel(f|ves)\b/g, ' automatically '],
  // Another shop is a retailer ("do you match other stores?").
  [
    /\b(other|another|different|competing|competitors?'?) (stores?|shops?|retailers?|sellers?|websites?|sites?)\b/g,
    ' retailer ',
  ],
  // Asking whether something is covered is asking about the warranty.
  [/\b(is|are|was) (that|it|this|they|these) covered\b/g, ' warranty cover '],
  [
    /\b(carry|carrying|stock|stocking|sell|selling|resell|reselling)( your| northwind| northwind's)( \w+)? (brand|gear|products|line|range|clothing)\b/g,
    ' resell ',
  ],
  [/\b(look|looking|looked) after\b|\btake care of\b/g, ' care '],
  [/\b(says|shows|showing|marked( as)?) delivered\b/g, ' delivered lost '],
  [/\bsize (chart|guide|table)s?\b/g, ' size chart '],
  [
    /\b(close|closing|deactivate|deactivating|terminate|terminating|cancel|cancell?ing)( down)? (my|the|our|your|an|a) (account|acct|profile)\b/g,
    ' delete account ',
  ],
  [
    /\b(can'?t|cannot|can not|don'?t|do not|couldn'?t|could not) (remember|recall)\b|\blocked out\b/g,
    ' forgot ',
  ],
  [
    /\b(promotional|promo|marketing|advertising|sales) (e-?mails?|messages?|texts?|newsletters?)\b|\bnewsletters?\b/g,
    ' marketing email ',
  ],
  [/\bmatch(es|ing)? (the |a |your |their |other |competitors?'? )?prices?\b/g, ' pricematch '],
  [/\b(write|writes|writing|wrote|hear|hearing|heard) back\b/g, ' reply '],
  [/\bweekdays?\b|\bmon(day)?[ -]?(to|-|thru|through)[ -]?fri(day)?\b/g, ' monday friday '],
  [
    /\b(too|way too|a bit|a little|slightly) (small|big|large|tight|loose|short)\b|\b(doesn'?t|does not|don'?t|do not|didn'?t|did not) fit\b/g,
    ' wrong size ',
  ],
  // Places named in several words are one place (one term, not two).
  [
    /\b(the )?(uk|u\.k\.|united kingdom|great britain|britain|england|scotland|wales|london)\b/g,
    ' unitedkingdom ',
  ],
  [
    /\b(the )?(eu|e\.u\.|european union|europe|germany|france|spain|italy|ireland|portugal|netherlands|holland|belgium|austria|sweden|denmark|finland|poland|greece)\b/g,
    ' europeanunion ',
  ],
  [/\b(the )?(usa|u\.s\.a?\.?|united states( of america)?)\b/g, ' unitedstates '],
  [/\bpuerto rico\b/g, ' puertorico '],
  [/\bnew york\b/g, ' newyork '],
];

/**
 * Words that mean the same thing in a support question; the first word names the group. Listed as
 * written (each is stemmed like the index), so plurals and tenses follow.
 */
const SYNONYMS: readonly (readonly string[])[] = [
  ['ship', 'shipping', 'shipped', 'delivery', 'deliveries', 'deliver', 'delivers', 'delivered', 'postage'],
  ['ship', 'shipment', 'shipments', 'dispatch', 'dispatched'],
  ['refund', 'refunds', 'refunded', 'reimburse', 'reimbursed', 'reimbursement', 'repay', 'repayment'],
  ['exchange', 'exchanges', 'exchanged', 'swap', 'swapped', 'switch', 'trade'],
  ['person', 'people', 'staff', 'team', 'human', 'agent', 'someone', 'somebody', 'representative'],
  ['person', 'rep', 'employee', 'operator', 'colleague'],
  ['cost', 'costs', 'price', 'prices', 'priced', 'fee', 'fees', 'charge', 'charges', 'charged', 'rate'],
  ['cost', 'spend', 'spending', 'expensive', 'cheap', 'pricing'],
  ['order', 'orders', 'ordered', 'parcel', 'parcels', 'package', 'packages', 'purchase', 'purchases'],
  ['order', 'box', 'boxes'],
  ['store', 'stores', 'shop', 'shops', 'boutique', 'outlet'],
  ['hour', 'hours', 'open', 'opening', 'opens', 'close', 'closes', 'closing', 'closed'],
  ['phone', 'telephone', 'call', 'calls', 'calling', 'ring'],
  ['postal', 'mailing', 'post'],
  [
    'cancel',
    'cancels',
    'cancelled',
    'canceled',
    'cancelling',
    'canceling',
    'cancellation',
    'quit',
    'terminate',
  ],
  ['size', 'sizes', 'sizing', 'fit', 'fits', 'fitting'],
  ['jacket', 'jackets', 'coat', 'coats', 'parka', 'anorak', 'shell'],
  ['waterproof', 'rain', 'raincoat', 'rainproof', 'water-resistant', 'wet', 'reproof', 'proof', 'proofing'],
  ['waterproof', 'goretex', 'gore'],
  ['wash', 'washing', 'washed', 'clean', 'cleaning', 'launder', 'laundry'],
  ['dry', 'drying', 'dried', 'dryer', 'tumble'],
  ['boot', 'boots', 'shoe', 'shoes', 'footwear'],
  ['account', 'accounts', 'profile', 'acct'],
  ['password', 'passwords', 'passcode', 'pw', 'pwd'],
  ['cover', 'covers', 'covered', 'coverage'],
  ['enquiry', 'enquiries', 'inquiry', 'inquiries', 'request', 'requests', 'query', 'queries'],
  ['track', 'tracking', 'tracked', 'trace', 'tracing', 'follow', 'whereabouts'],
  ['international', 'foreign', 'overseas', 'abroad'],
  // The countries the knowledge base names as international destinations.
  [
    'international',
    'canada',
    'canadian',
    'australia',
    'australian',
    'unitedkingdom',
    'europeanunion',
    'countries',
  ],
  ['discount', 'discounts', 'promo', 'promotion', 'coupon', 'voucher', 'reduction'],
  ['warranty', 'warranties', 'guarantee', 'guaranteed', 'guaranty', 'warrantee'],
  ['defect', 'defects', 'defective', 'faulty', 'fault', 'faults', 'flaw', 'flawed'],
  ['defect', 'broke', 'snapped', 'malfunction', 'malfunctioned'],
  ['damage', 'damaged', 'broken', 'smashed', 'cracked', 'dented', 'torn', 'crushed', 'ripped', 'ruined'],
  ['damage', 'scratched', 'stained', 'squashed', 'busted', 'wrecked'],
  ['lost', 'missing', 'stolen', 'disappeared'],
  ['member', 'members', 'membership', 'memberships', 'club', 'subscription', 'subscriber'],
  ['member', 'perk', 'perks', 'benefit', 'benefits', 'advantage', 'advantages'],
  ['stop', 'stopping', 'unsubscribe'],
  ['delete', 'deleting', 'deleted', 'deletion', 'remove', 'erase', 'erasure'],
  ['press', 'journalist', 'journalists', 'media', 'magazine', 'blogger'],
  [
    'wholesale',
    'wholesaler',
    'retailer',
    'retailers',
    'reseller',
    'resellers',
    'stockist',
    'stock',
    'stocking',
  ],
  [
    'wholesale',
    'resell',
    'reselling',
    'distributor',
    'distributors',
    'seller',
    'sellers',
    'vendor',
    'vendors',
  ],
  ['express', 'expedited', 'faster', 'fastest', 'quicker', 'rush', 'priority'],
  ['reply', 'replies', 'replied', 'respond', 'responds', 'response', 'responses', 'answer', 'answers'],
  ['reply', 'type', 'typing'],
  ['reply', 'answered', 'answering'],
  ['message', 'messages', 'messaged', 'text', 'texts', 'texting', 'sms', 'chat', 'whatsapp'],
  ['tax', 'taxes', 'duty', 'duties', 'vat', 'import', 'imported'],
  ['free', 'complimentary', 'gratis'],
  ['create', 'creating', 'created', 'signup'],
  ['reset', 'resetting', 'recover', 'recovery'],
  ['forgot', 'forgotten', 'forget', 'forgetting'],
  ['expire', 'expires', 'expired', 'expiry', 'expiration', 'valid', 'validity'],
  ['weigh', 'weighs', 'weight', 'heavy'],
  ['holiday', 'holidays', 'vacation'],
  ['giftcard', 'giftcards'],
  ['window', 'limit', 'limits', 'timeframe', 'timeline', 'longer', 'extended', 'extension'],
  ['down', 'puffer', 'puffers', 'puffy', 'feather', 'feathers', 'insulated', 'goose'],
  ['marketing', 'newsletter', 'newsletters', 'advertising', 'ads', 'spam'],
  ['pickup', 'collect', 'collecting', 'collection', 'grab'],
  ['carrier', 'carriers', 'courier', 'couriers', 'ups', 'usps', 'fedex', 'dhl', 'paqueteria', 'mensajeria'],
  ['currency', 'currencies', 'euro', 'euros', 'pounds', 'sterling'],
  ['creditcard', 'creditcards'],
  ['pricematch', 'cheaper', 'match', 'matches', 'matching', 'beat'],
  ['postal', 'letter', 'letters', 'mail', 'mailing'],
  ['worn', 'wear', 'wore', 'wearing'],
  ['hold', 'holds', 'held', 'holding'],
  ['chart', 'charts', 'guide', 'table'],
  ['payment', 'payments', 'pay', 'paying', 'paid'],
  ['address', 'addresses', 'addressed'],
  [
    'change',
    'changing',
    'changed',
    'update',
    'updating',
    'updated',
    'edit',
    'editing',
    'modify',
    'amend',
    'fix',
  ],
  ['wrong', 'incorrect', 'mistake', 'mistakes', 'mistaken', 'typo', 'error'],
  ['trip', 'trips', 'trek', 'treks', 'trekking', 'hike', 'hikes', 'hiking', 'walk', 'walks'],
  ['apply', 'applied', 'applying', 'enter', 'entered'],
  ['repellent', 'repel', 'repels', 'repellency', 'bead', 'beads', 'beading', 'dwr'],
  ['heat', 'heater', 'heaters', 'radiator', 'radiators', 'fireplace', 'hairdryer'],
  ['amount', 'amounts', 'maximum', 'max', 'highest', 'biggest', 'largest', 'denomination', 'denominations'],
  ['department', 'departments', 'dept'],
  ['again', 'back', 'resume', 'resubscribe'],
  ['item', 'items', 'product', 'products', 'gear', 'goods', 'merchandise', 'clothes', 'clothing', 'garment'],
];

/**
 * Words that carry no topic in a support question: dropped from the key terms (they still help
 * nothing and hurt nothing).
 */
const GENERIC = new Set(
  (
    'want wanted need needed like get gets getting got make made know tell help question questions ask ' +
    'asking thing things something anything stuff way possible able offer offers provide available still ' +
    'really just also please enough use used using give given go going come happen happens actually maybe ' +
    'currently right now exactly normally usually typically mine policy policies rule rules info ' +
    'information detail details wonder wondering curious sure okay hello hey hi find look looking ' +
    'receive received arrive arrives arrived take takes taking long much many soon quickly fast quick ' +
    'does did doing done say says said mean means put keep customer customers northwind ' +
    'outfitters option options work works let lets try trying bought buy buying isnt arent wasnt ' +
    'werent doesnt didnt wont havent hasnt couldnt shouldnt wouldnt here there run ' +
    'until show shows showing shown appear appears under tip tips advice suggestion suggestions idea ideas ' +
    'sorry excuse pardon great cool awesome nice wonderful lovely btw thank thanks up ' +
    'send sends sent sending cannot cant over above below more less than dollar dollars usd located ' +
    'location situated contact contacting reach reaching touch write include includes included ' +
    'including pls plz thx ty ur u choose chose select extra additional off care physical online ' +
    'sort till til handle handles handled handling deal deals once ' +
    // How many of a thing, not what: "stack two codes", "combine discounts".
    'stack stacking combine combined combining multiple several bucks buck near nearby beside ' +
    'bot bots chatbot robot assistant outdoor outdoors style'
  ).split(' '),
);

/**
 * Words a passage may leave implicit: the time of day, "wrong", "new", "order"… are not required of
 * a passage that does not have them.
 */
const SOFT_WORDS = (
  'today tomorrow yesterday morning afternoon evening night week month year date day days time times ' +
  'later late early new old different other another first next two one three wrong incorrect ' +
  'card account order thing item items small smaller large larger big bigger little tiny huge ' +
  'mins hrs yrs wks secs'
).split(' ');

/**
 * Things a customer owns: a passage about "items" or "gear" covers them ("return my boots" is
 * answered by the passage about returning items); a passage that speaks of no items does not.
 */
const ITEM_WORDS = (
  'jacket jackets coat boot boots shoe shoes shirt shirts pants trousers bag bags backpack sock socks ' +
  'glove gloves hat hats fleece vest layer layers tent tents sweater hoodie stove stoves ' +
  // Parts of gear: a passage about items covers them ("the zipper broke").
  'zipper zippers zip zips strap straps buckle buckles sole soles lace laces pole poles'
).split(' ');

const groupOf = new Map<string, string>();
for (const group of SYNONYMS) {
  const head = termOf(group[0] as string) as string;
  for (const word of group) {
    const term = termOf(word.replace(/[^a-z]/g, ''));
    // The first group a word appears in wins: a word means one thing here.
    if (term && !groupOf.has(term)) groupOf.set(term, groupOf.get(head) ?? head);
  }
}
const GENERIC_TERMS = new Set([...GENERIC].map((word) => termOf(word) ?? word));

/** Lowercase, accents removed, support expressions rewritten to one word. */
export function rewritePhrases(text: string): string {
  let folded = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘]/g, "'");
  // Contractions written without the apostrophe ("cant", "dont", "doesnt").
  folded = folded.replace(
    /\b(can|don|doesn|didn|isn|aren|wasn|weren|haven|hasn|couldn|wouldn|shouldn|won)t\b/g,
    "$1't",
  );
  for (const [pattern, replacement] of PHRASES) folded = folded.replace(pattern, replacement);
  return folded;
}

/** The group a stemmed term belongs to (its own name when it has no synonyms). */
export function canonicalTerm(term: string): string {
  return groupOf.get(term) ?? term;
}

/** True for a stemmed term that says nothing about the topic. */
export function isGenericTerm(term: string): boolean {
  return GENERIC_TERMS.has(term);
}

const SOFT_TERMS = new Set(SOFT_WORDS.map((word) => canonicalTerm(termOf(word) ?? word)));
const ITEM_TERMS = new Set(ITEM_WORDS.map((word) => canonicalTerm(termOf(word) ?? word)));

/** The term that stands for items in general ("items", "products", "gear"). */
export const ITEM_TERM = canonicalTerm(termOf('item') as string);

/**
 * Whether a passage may leave a term implicit: `always` (time of day, "wrong", "order"…), `item`
 * (a thing the customer owns, implicit in a passage about items), or `never`.
 */
export function implicitness(term: string): 'always' | 'item' | 'never' {
  if (SOFT_TERMS.has(term)) return 'always';
  return ITEM_TERMS.has(term) ? 'item' : 'never';
}

/** Every word the lexicon knows, as written, for spelling correction. */
export function lexiconWords(): string[] {
  return [...SYNONYMS.flat(), ...GENERIC, ...SOFT_WORDS, ...ITEM_WORDS].filter((word) =>
    /^[a-z]+$/.test(word),
  );
}

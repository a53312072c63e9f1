/**
 * A generated knowledge base of about 1,000 passages, and labelled questions about it, for
 * retrieval tests and the `knowledge` bench. Deterministic: the same seed gives the same files and
 * questions.
 *
 * The knowledge base: 125 invented products (a name of two words from short lists, so many products
 * share a word, plus a category noun) with eight passages each (specifications, care, warranty,
 * repairs, what is in the box, materials, troubleshooting, and one category-specific fact), a
 * shipping article (one passage per country) and a stores article (one passage per city): 1,070. Every passage carries its own figures (price, weight,
 * temperature, days…).
 *
 * The questions are written from templates the passages never use: the passage says "Machine wash
 * the Kestrel Ridge jacket at 30 °C", a question asks "can my kestrel ridge jacket go in the washing
 * machine?". Two disjoint template sets: `tuning` (what `minScore` and the retrieval were tuned
 * on) and `heldout` (written before any tuning and never tuned on). Each split asks one question per
 * passage, plus questions the knowledge base does not cover and two-message follow-ups.
 */
import { KnowledgeBase, slugify } from '#core/knowledge.ts';
import { type KnowledgeSettings, retrievePassages } from '#core/knowledge-selection.ts';
import { seededRandom } from '../../local/seeded-random.ts';

/** One labelled question: `passage` is the id of the passage that answers it. */
export interface LabelledQuestion {
  text: string;
  passage: string;
  /** The customer message before it, for follow-ups. */
  previous?: string;
}

/** The questions of one split. */
export interface QuestionSet {
  /** One question per passage, worded differently from it. */
  answerable: LabelledQuestion[];
  /** Questions no passage answers (nothing relevant should be retrieved). */
  unanswerable: string[];
  /** A question about a product, then a follow-up about the same product that does not name it. */
  followUps: LabelledQuestion[];
  /** A question about one product, then a self-contained question about another. */
  topicSwitches: LabelledQuestion[];
}

/** The generated knowledge base and its question splits. */
export interface GeneratedKnowledge {
  files: { file: string; source: string }[];
  knowledge: KnowledgeBase;
  tuning: QuestionSet;
  heldout: QuestionSet;
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const between = (random: Random, min: number, max: number): number =>
  min + Math.floor(random() * (max - min + 1));

// biome-ignore format: a word list
const FIRST = [
  'Alder', 'Basalt', 'Cedar', 'Dunlin', 'Ember', 'Fjord', 'Granite', 'Heron', 'Ibex', 'Juniper',
  'Kestrel', 'Larch', 'Marten', 'Nimbus', 'Osprey', 'Pika', 'Quartz', 'Rowan', 'Sable', 'Tamarack',
  'Umber', 'Vireo', 'Wren', 'Yarrow', 'Zephyr', 'Aspen', 'Bramble', 'Corrie', 'Delta', 'Egret',
];
// biome-ignore format: a word list
const SECOND = [
  'Ridge', 'Crest', 'Pass', 'Trail', 'Summit', 'Hollow', 'Peak', 'Vale', 'Cirque', 'Tor',
  'Gorge', 'Mesa', 'Butte', 'Col', 'Fell', 'Knoll', 'Scree', 'Tarn', 'Moraine', 'Arete',
];

/** A product category: its noun, materials, and the one fact only it has (a passage of its own). */
interface Category {
  noun: string;
  materials: string[];
  priceRange: [number, number];
  weightRange: [number, number];
  /** The category-specific section: its heading and its text for one product. */
  special: (name: string, random: Random) => { title: string; text: string };
  /** Questions about the special section: [tuning templates, held-out templates]; `{p}` is the product. */
  specialQuestions: [string[], string[]];
  /** A follow-up about the special section that does not name the product. */
  specialFollowUp: string;
  care: (name: string, random: Random) => string;
}

const CATEGORIES: Category[] = [
  {
    noun: 'jacket',
    materials: ['three-layer recycled nylon', 'two-and-a-half-layer polyester', 'Gore-Tex Paclite'],
    priceRange: [120, 340],
    weightRange: [240, 520],
    special: (name, r) => ({
      title: 'Waterproofing',
      text: `The ${name} has a hydrostatic head of ${between(r, 10, 28)},000 mm and a breathability rating of ${between(r, 10, 25)},000 g/m²/24h. All seams are taped, and the front zip is a water-resistant ${pick(r, ['YKK AquaGuard', 'coated Vislon', 'laminated'])} zip.`,
    }),
    specialQuestions: [
      ['Is the {p} actually waterproof?', 'Will the {p} keep me dry in heavy rain?'],
      ['how much rain can the {p} handle', 'does water get through the {p} in a storm'],
    ],
    specialFollowUp: 'and will it keep me dry in a downpour?',
    care: (name, r) =>
      `Machine wash the ${name} at ${pick(r, [30, 40])} °C on a gentle cycle with a technical wash, and skip fabric softener. ${pick(r, ['Tumble dry on low heat to reactivate the water-repellent finish.', 'Hang it to dry, then iron on low without steam to restore the finish.'])} Re-proof it with a spray-on treatment every ${between(r, 4, 12)} washes.`,
  },
  {
    noun: 'backpack',
    materials: ['420D ripstop nylon', 'Dyneema composite fabric', 'recycled 600D polyester'],
    priceRange: [60, 280],
    weightRange: [480, 1900],
    special: (name, r) => ({
      title: 'Capacity and fit',
      text: `The ${name} holds ${between(r, 18, 65)} litres and fits torso lengths from ${between(r, 38, 43)} to ${between(r, 48, 54)} cm. The hip belt takes waists of ${between(r, 66, 76)} to ${between(r, 100, 120)} cm, and the hydration sleeve takes a reservoir of up to ${pick(r, [2, 3])} litres.`,
    }),
    specialQuestions: [
      ['How many litres is the {p}?', 'Will the {p} fit my back? I have a long torso.'],
      ['how big is the {p}, what volume', 'is the {p} roomy enough for a weekend, how much fits inside'],
    ],
    specialFollowUp: 'how much gear fits inside it?',
    care: (name, r) =>
      `Hand wash the ${name} in lukewarm water with a mild soap and a soft brush; never put it in a washing machine. Empty every pocket first and leave the buckles open. Let it air dry out of direct sun, which weakens the coating over ${between(r, 2, 6)} summers of use.`,
  },
  {
    noun: 'tent',
    materials: ['silicone-coated ripstop nylon', '30D polyester with a PU coating', 'Dyneema fabric'],
    priceRange: [180, 690],
    weightRange: [900, 3400],
    special: (name, r) => ({
      title: 'Sleeping space and pitching',
      text: `The ${name} sleeps ${between(r, 1, 4)} people, with an inner floor of ${between(r, 200, 230)} by ${between(r, 90, 210)} cm and ${pick(r, ['one door and one porch', 'two doors and two porches'])}. It pitches outer-first in about ${between(r, 3, 12)} minutes with ${between(r, 6, 14)} pegs, which are included.`,
    }),
    specialQuestions: [
      ['How many people can sleep in the {p}?', 'Is the {p} quick to put up?'],
      ['will me and two friends fit in the {p}', 'how long does setting up the {p} take'],
    ],
    specialFollowUp: 'how many people fit in it?',
    care: (name, r) =>
      `Never store the ${name} wet: pitch it again at home and let it dry fully within ${between(r, 24, 72)} hours, or mildew can form. Clean the fly with a sponge and plain water, never a washing machine or detergent. Keep the poles dry and wipe the zips with a damp cloth.`,
  },
  {
    noun: 'boots',
    materials: ['full-grain leather', 'suede and recycled mesh', 'synthetic microfibre'],
    priceRange: [110, 320],
    weightRange: [620, 1500],
    special: (name, r) => ({
      title: 'Sizes and width',
      text: `The ${name} come in EU sizes ${between(r, 35, 38)} to ${between(r, 46, 49)}, ${pick(r, ['with half sizes', 'in whole sizes only'])}, and in ${pick(r, ['regular and wide fittings', 'a regular fitting only'])}. They ${pick(r, ['run true to size', 'run half a size small, so order half a size up', 'run large, so order half a size down'])}.`,
    }),
    specialQuestions: [
      ['What size should I order in the {p}?', 'Do the {p} come in wide feet?'],
      ['are the {p} true to my shoe size', 'I have wide feet, will the {p} work'],
    ],
    specialFollowUp: 'should I size up or down in them?',
    care: (name, r) =>
      `Brush dirt off the ${name} after every walk, then rinse them with clean water. Let them dry at room temperature away from radiators, with the insoles out. ${pick(r, ['Treat the leather with wax every few months.', 'Spray them with a water-repellent treatment every few weeks of use.'])} They can be resoled after about ${between(r, 600, 1500)} km.`,
  },
  {
    noun: 'sleeping bag',
    materials: [
      '800-fill responsibly sourced down',
      'synthetic hollow-fibre insulation',
      '650-fill duck down',
    ],
    priceRange: [90, 560],
    weightRange: [700, 2100],
    special: (name, r) => ({
      title: 'Temperature rating',
      text: `The ${name} has a comfort rating of ${between(r, -12, 8)} °C and a limit rating of ${between(r, -20, 0)} °C under the ISO 23537 test. It packs down to ${between(r, 4, 14)} litres in its compression sack, and the zip is on the ${pick(r, ['left', 'right'])} side.`,
    }),
    specialQuestions: [
      ['How cold can it get before I freeze in the {p}?', 'Is the {p} warm enough for winter camping?'],
      ['what temperature is the {p} good down to', 'would the {p} be ok for frosty nights'],
    ],
    specialFollowUp: 'how cold a night can it handle?',
    care: (name, r) =>
      `Wash the ${name} in a front-loading machine at ${pick(r, [30, 40])} °C with a down or synthetic wash, never a top loader with an agitator. Tumble dry on low with ${between(r, 2, 3)} clean tennis balls for several hours until no clumps remain. Store it loose in the cotton storage sack, never compressed.`,
  },
  {
    noun: 'headlamp',
    materials: ['anodised aluminium', 'polycarbonate', 'glass-fibre reinforced nylon'],
    priceRange: [25, 140],
    weightRange: [45, 210],
    special: (name, r) => ({
      title: 'Brightness and battery life',
      text: `The ${name} gives up to ${between(r, 2, 12) * 50} lumens on high. Its ${pick(r, ['rechargeable 1,800 mAh battery charges over USB-C', 'three AAA batteries'])} last ${between(r, 3, 9)} hours on high and ${between(r, 40, 160)} hours on low. It is rated IPX${between(r, 4, 8)} against water.`,
    }),
    specialQuestions: [
      ['How long do the batteries last in the {p}?', 'How bright is the {p}?'],
      [
        'how many hours will the {p} run before it dies',
        'is the {p} strong enough to light a trail at night',
      ],
    ],
    specialFollowUp: 'how many hours does the battery last?',
    care: (name, r) =>
      `Take the batteries out of the ${name} before storing it for more than ${between(r, 2, 6)} weeks. Wipe the lens with a soft dry cloth, and rinse it in fresh water after use near the sea. Do not open the battery compartment in the rain.`,
  },
  {
    noun: 'stove',
    materials: ['titanium', 'stainless steel', 'aluminium alloy'],
    priceRange: [45, 230],
    weightRange: [70, 620],
    special: (name, r) => ({
      title: 'Fuel and boil time',
      text: `The ${name} runs on ${pick(r, ['screw-on isobutane-propane canisters', 'white gas and kerosene', 'isobutane canisters and white gas'])}. It brings one litre of water to the boil in ${between(r, 2, 6)} minutes ${between(r, 0, 5) * 10} seconds, and a 230 g canister lasts about ${between(r, 60, 110)} minutes at full power.`,
    }),
    specialQuestions: [
      ['What gas does the {p} take?', 'How fast does the {p} heat water?'],
      ['which canisters can I use with the {p}', 'how quickly will the {p} get my water boiling'],
    ],
    specialFollowUp: 'what fuel does it use?',
    care: (name, r) =>
      `Let the ${name} cool completely before packing it away. Clean the burner head with the brush from the kit every ${between(r, 5, 20)} uses and check the O-ring for cracks before each trip. Never use it inside a tent.`,
  },
  {
    noun: 'trekking poles',
    materials: ['carbon fibre', '7075 aluminium', 'carbon and aluminium'],
    priceRange: [50, 220],
    weightRange: [280, 620],
    special: (name, r) => ({
      title: 'Length and locking',
      text: `The ${name} adjust from ${between(r, 95, 110)} to ${between(r, 130, 145)} cm and fold to ${between(r, 36, 68)} cm for travel. They lock with ${pick(r, ['external lever locks', 'twist locks', 'a push-button and lever lock'])} and are recommended for walkers up to ${between(r, 175, 200)} cm tall.`,
    }),
    specialQuestions: [
      ['How long are the {p}?', 'Can the {p} be shortened to fit in a suitcase?'],
      ['will the {p} work for a really tall person', 'how small do the {p} get when folded down'],
    ],
    specialFollowUp: 'how short do they fold?',
    care: (name, r) =>
      `After a wet walk, take the ${name} apart and let every section dry before closing them. Wipe the locks clean, and never oil them. Replace the tips when the carbide is worn, usually after ${between(r, 400, 1200)} km.`,
  },
  {
    noun: 'water filter',
    materials: ['hollow-fibre membrane', 'ceramic and carbon', 'hollow fibre with activated carbon'],
    priceRange: [25, 160],
    weightRange: [55, 480],
    special: (name, r) => ({
      title: 'Filter life and flow',
      text: `The ${name} removes ${pick(r, ['99.9999 % of bacteria', '99.9999 % of bacteria and 99.9 % of protozoa'])} and filters about ${between(r, 1, 4)} litres per minute. The cartridge lasts ${between(r, 2, 20) * 500} litres; a replacement cartridge costs $${between(r, 12, 45)}.`,
    }),
    specialQuestions: [
      ['When do I need to swap the cartridge in the {p}?', 'Does the {p} remove viruses and bacteria?'],
      ['how many litres before the {p} is used up', 'is water from the {p} safe from germs'],
    ],
    specialFollowUp: 'when does the cartridge need replacing?',
    care: (name, r) =>
      `Backflush the ${name} with the included syringe after every trip, using clean water. Do not let it freeze once wet: a frozen membrane can crack without showing it. Store it dry, and sanitise it with a drop of bleach in ${between(r, 1, 2)} litres of water before long storage.`,
  },
  {
    noun: 'fleece',
    materials: ['Polartec 200 fleece', 'recycled grid fleece', 'brushed-back polyester'],
    priceRange: [45, 160],
    weightRange: [220, 560],
    special: (name, r) => ({
      title: 'Warmth and layering',
      text: `The ${name} is a ${pick(r, ['light', 'mid', 'heavy'])}weight layer of ${between(r, 100, 300)} g/m² fabric. It is meant to go under a shell in temperatures from ${between(r, -10, 2)} to ${between(r, 8, 16)} °C, and has ${pick(r, ['a full zip', 'a quarter zip', 'a hood and a full zip'])} and ${between(r, 1, 3)} zipped pockets.`,
    }),
    specialQuestions: [
      ['Is the {p} warm enough on its own in autumn?', 'Can I wear the {p} under a rain shell?'],
      ['how toasty is the {p}', 'what weather is the {p} made for'],
    ],
    specialFollowUp: 'how warm is it?',
    care: (name, r) =>
      `Wash the ${name} inside out at ${pick(r, [30, 40])} °C with similar colours, and use a laundry bag to cut shedding of microfibres. Do not iron it. Line dry; it is dry in about ${between(r, 2, 5)} hours indoors.`,
  },
];

const COLOURS = ['black', 'slate blue', 'moss green', 'rust', 'sand', 'graphite', 'glacier white', 'berry'];

/** The sections every product has (besides its category's own). */
type CommonSection = 'specs' | 'care' | 'warranty' | 'repairs' | 'box' | 'materials' | 'trouble';
const COMMON_SECTIONS: CommonSection[] = [
  'specs',
  'care',
  'warranty',
  'repairs',
  'box',
  'materials',
  'trouble',
];

/**
 * Templates of the questions every product gets, per section: [tuning, held-out]; `{p}` is the
 * product, `{part}` its spare part.
 */
const COMMON_QUESTIONS: Record<CommonSection, [string[], string[]]> = {
  specs: [
    [
      'How much is the {p}?',
      'What is the {p} made of and how heavy is it?',
      'what colours does the {p} come in',
    ],
    ['what would the {p} set me back', 'is the {p} light, how many grams', 'price of the {p}?'],
  ],
  care: [
    ['How do I wash my {p}?', 'Can the {p} go in the washing machine?'],
    ['what is the right way to clean the {p}', 'my {p} is dirty, how do I get it clean'],
  ],
  warranty: [
    ['What warranty does the {p} have?', 'Is my {p} guaranteed if it breaks?'],
    ['how many years is the {p} covered for', 'the {p} fell apart, is that under guarantee'],
  ],
  repairs: [
    ['Can you fix my {p}?', 'Where can I get spare parts for the {p}?'],
    ['is it possible to get the {p} mended', 'something on my {p} snapped, can I buy a replacement part'],
  ],
  box: [
    ['What comes with the {p}?', 'Does the {p} include a bag to carry it?'],
    ['what do I get when I buy the {p}', 'is there a carry case with the {p}'],
  ],
  materials: [
    ['Is the {p} eco-friendly?', 'Where is the {p} made?'],
    ['how green is the {p}', 'what country is the {p} manufactured in'],
  ],
  trouble: [
    ['The {part} on my {p} is stuck, what should I do?', 'My {p} {part} will not work properly'],
    ['help, the {part} of the {p} jammed', '{p}: {part} is stiff and hard to use, any fix'],
  ],
};

const FOLLOW_UPS: Record<CommonSection, string> = {
  specs: 'and how much does it cost?',
  care: 'and how should I wash it?',
  warranty: 'what is the warranty on it?',
  repairs: 'if it breaks can you repair it?',
  box: 'what comes in the box with it?',
  materials: 'is it made sustainably?',
  trouble: 'the {part} on it keeps sticking, help',
};

const FACTORIES = [
  'Vietnam',
  'Portugal',
  'Taiwan',
  'Romania',
  'Sri Lanka',
  'Lithuania',
  'Mexico',
  'Colorado',
];
const EXTRAS = [
  'a stuff sack',
  'a repair kit with two patches',
  'a printed user guide',
  'a spare cord',
  'a mesh storage bag',
  'a carabiner',
  'a hang tag with the care instructions',
];
const LUBRICANTS = ['candle wax', 'silicone spray', 'zip lubricant', 'a drop of dish soap'];

// biome-ignore format: a word list
const COUNTRIES = [
  'Canada', 'Mexico', 'United Kingdom', 'Ireland', 'France', 'Germany', 'Spain', 'Portugal', 'Italy',
  'Netherlands', 'Belgium', 'Denmark', 'Sweden', 'Norway', 'Finland', 'Poland', 'Austria', 'Switzerland',
  'Japan', 'South Korea', 'Australia', 'New Zealand', 'Singapore', 'Brazil', 'Chile', 'Argentina',
  'Iceland', 'Greece', 'Czechia', 'Israel',
];
const CARRIERS = ['DHL Express', 'UPS Worldwide', 'FedEx International', 'USPS Priority Mail International'];

// biome-ignore format: a word list
const CITIES = [
  'Portland', 'Denver', 'Boise', 'Seattle', 'Spokane', 'Bend', 'Eugene', 'Missoula', 'Bozeman', 'Flagstaff',
  'Tucson', 'Albuquerque', 'Santa Fe', 'Salt Lake City', 'Ogden', 'Reno', 'Sacramento', 'Fresno', 'Asheville',
  'Knoxville', 'Chattanooga', 'Burlington', 'Portsmouth', 'Bangor', 'Albany', 'Ithaca', 'Pittsburgh',
  'Madison', 'Duluth', 'Minneapolis', 'Anchorage', 'Juneau', 'Boulder', 'Durango', 'Jackson', 'Laramie',
  'Billings', 'Rapid City', 'Fargo', 'Omaha',
];
const STREETS = [
  'Pine Street',
  'Main Street',
  'River Road',
  'Summit Avenue',
  'Canyon Boulevard',
  'Lake Drive',
];

/** General questions the knowledge base does not cover: [tuning, held-out]. */
const UNANSWERABLE: [string[], string[]] = [
  [
    'What is the capital of France?',
    'Can you recommend a good restaurant near me?',
    'Who won the football match last night?',
    'Do you sell electric bikes?',
    'What will the weather be like tomorrow?',
    'Can I pay with bitcoin?',
    'Do you offer a student discount?',
    'Are you hiring at the moment?',
    'Can you help me with my maths homework?',
    'What is your CEO called?',
    'Do you have a loyalty app for my phone?',
    'How do I cook rice?',
  ],
  [
    'tell me a joke',
    'do you sell kayaks or canoes',
    'who is the president of brazil',
    'is there a military discount',
    'what stocks should I invest in',
    'can you book me a flight to Denver',
    'do you do gift wrapping for birthdays',
    'how many calories are in a banana',
    'are your employees unionised',
    'can I bring my dog to the office',
    'what is the meaning of life',
    'do you price match other shops',
  ],
];

/** Builds the knowledge base and its questions. `products` × 5 + 30 countries + 40 stores passages. */
export function generateKnowledge(options: { seed?: number; products?: number } = {}): GeneratedKnowledge {
  const random = seededRandom(options.seed ?? 20261202);
  const productCount = options.products ?? 125;
  const files: { file: string; source: string }[] = [];
  const splits = { tuning: emptySet(), heldout: emptySet() } as const;
  const ask = (split: 0 | 1, templates: string[], product: string, passage: string): void => {
    const text = pick(random, templates).replaceAll('{p}', product);
    (split === 0 ? splits.tuning : splits.heldout).answerable.push({ text, passage });
  };

  // Products: distinct (first, second) pairs, so two words and the category name one product.
  const pairs = FIRST.flatMap((first) => SECOND.map((second) => `${first} ${second}`));
  for (let i = pairs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pairs[i], pairs[j]] = [pairs[j] as string, pairs[i] as string];
  }
  const products: {
    name: string;
    file: string;
    part: string;
    ids: Record<CommonSection | 'special', string>;
    category: Category;
  }[] = [];
  for (let n = 0; n < productCount; n++) {
    const category = CATEGORIES[n % CATEGORIES.length] as Category;
    const name = `${pairs[n]} ${category.noun}`;
    const stem = slugify(name);
    const price = between(random, ...category.priceRange);
    const weight = between(random, ...category.weightRange);
    const colours = [pick(random, COLOURS), pick(random, COLOURS), pick(random, COLOURS)];
    const special = category.special(name, random);
    const years = between(random, 1, 6);
    const part = pick(random, ['buckle', 'zip slider', 'strap', 'toggle', 'clip', 'cap', 'cord lock']);
    const sections: [string, string][] = [
      [
        'Specifications',
        `The ${name} costs $${price} and weighs ${weight} g. It is made of ${pick(random, category.materials)} and is available in ${[...new Set(colours)].join(', ')}. Model number NW-${1000 + n}.`,
      ],
      ['Care and cleaning', category.care(name, random)],
      [
        'Warranty',
        `The ${name} carries a ${years}-year warranty against defects in materials and workmanship from the date of purchase. Wear and tear, accidents and ${pick(random, ['UV damage', 'misuse', 'alterations'])} are not covered. Claims need the order number and a photo of the fault.`,
      ],
      [
        'Repairs and spare parts',
        `Our workshop repairs the ${name} for a flat fee of $${between(random, 15, 60)} and returns it within ${between(random, 5, 21)} days. Spare ${part}s cost $${between(random, 3, 18)} each and are sold separately in the parts shop.`,
      ],
      [
        "What's in the box",
        `The ${name} comes with ${pick(random, EXTRAS)} and ${pick(random, EXTRAS.slice(2))}. ${pick(random, ['No carry bag is included; the matching pouch is sold separately.', 'It ships in a recycled cardboard box with no plastic.'])}`,
      ],
      [
        'Materials and sustainability',
        `The ${name} is ${between(random, 20, 100)} % recycled by weight, ${pick(random, ['bluesign approved', 'Fair Trade Certified sewn', 'made with PFC-free water repellency'])}, and is made in ${pick(random, FACTORIES)}. At the end of its life, send it back and we recycle it.`,
      ],
      [
        'Troubleshooting',
        `If the ${part} of the ${name} sticks or squeaks, clean it with warm water, let it dry and rub in a little ${pick(random, LUBRICANTS)}. If it still fails within ${between(random, 30, 90)} days of purchase, we send a new ${part} free of charge.`,
      ],
      [special.title, special.text],
    ];
    const source = [
      `# ${name}`,
      '',
      ...sections.flatMap(([title, text]) => [`## ${title}`, '', text, '']),
    ].join('\n');
    files.push({ file: `${stem}.md`, source });
    const ids = {
      specs: `${stem}#specifications`,
      care: `${stem}#care-and-cleaning`,
      warranty: `${stem}#warranty`,
      repairs: `${stem}#repairs-and-spare-parts`,
      box: `${stem}#what-s-in-the-box`,
      materials: `${stem}#materials-and-sustainability`,
      trouble: `${stem}#troubleshooting`,
      special: `${stem}#${slugify(special.title)}`,
    };
    products.push({ name, file: stem, part, ids, category });
    // Questions name the product in lowercase half the time, as people type.
    const said = (): string => (random() < 0.5 ? name.toLowerCase() : name);
    for (const split of [0, 1] as const) {
      for (const key of COMMON_SECTIONS) {
        const templates = COMMON_QUESTIONS[key][split].map((t) => t.replaceAll('{part}', part));
        ask(split, templates, said(), ids[key]);
      }
      ask(split, category.specialQuestions[split], said(), ids.special);
    }
  }

  // Shipping: one passage per country.
  const shipping = ['# International shipping', ''];
  for (const country of COUNTRIES) {
    const from = between(random, 3, 9);
    shipping.push(
      `## Shipping to ${country}`,
      '',
      `Orders to ${country} go with ${pick(random, CARRIERS)} and arrive in ${from} to ${from + between(random, 2, 7)} business days. Delivery costs $${between(random, 12, 45)}.95, and orders over $${between(random, 10, 30) * 10} ship free. ${pick(random, ['Import duties and taxes are included in the price.', 'Import duties and taxes are collected by the carrier on delivery.'])}`,
      '',
    );
    const id = `shipping#shipping-to-${slugify(country)}`;
    splits.tuning.answerable.push({
      text: pick(random, [
        `How long does delivery to ${country} take?`,
        `What does it cost to ship to ${country}?`,
      ]),
      passage: id,
    });
    splits.heldout.answerable.push({
      text: pick(random, [
        `do you deliver to ${country} and for how much`,
        `I live in ${country}, when would my parcel get here`,
      ]),
      passage: id,
    });
  }
  files.push({ file: 'shipping.md', source: shipping.join('\n') });

  // Stores: one passage per city.
  const stores = ['# Our stores', ''];
  for (const city of CITIES) {
    const opens = between(random, 8, 10);
    stores.push(
      `## ${city} store`,
      '',
      `Our ${city} store is at ${between(random, 10, 990)} ${pick(random, STREETS)}. It opens Monday to Saturday from ${opens}:00 to ${opens + between(random, 8, 10)}:00 and on Sundays from 11:00 to ${between(random, 16, 18)}:00. ${pick(random, ['Free parking is behind the building.', 'There is no parking on site; the nearest garage is one block away.'])} Call the store on (555) ${between(random, 200, 999)}-${between(random, 1000, 9999)}.`,
      '',
    );
    const id = `stores#${slugify(city)}-store`;
    splits.tuning.answerable.push({
      text: pick(random, [`What time does the ${city} store close?`, `Where is your ${city} shop?`]),
      passage: id,
    });
    splits.heldout.answerable.push({
      text: pick(random, [`is the ${city} branch open on sundays`, `address of the ${city} location?`]),
      passage: id,
    });
  }
  files.push({ file: 'stores.md', source: stores.join('\n') });

  // Out of scope.
  splits.tuning.unanswerable.push(...UNANSWERABLE[0]);
  splits.heldout.unanswerable.push(...UNANSWERABLE[1]);

  // Follow-ups and topic switches: 100 pairs per split, about products.
  for (const split of [0, 1] as const) {
    const set = split === 0 ? splits.tuning : splits.heldout;
    for (let k = 0; k < 100; k++) {
      const product = pick(random, products);
      const first = pick(random, COMMON_SECTIONS);
      const previous = pick(random, COMMON_QUESTIONS[first][split])
        .replaceAll('{p}', product.name)
        .replaceAll('{part}', product.part);
      const next = pick(random, [...COMMON_SECTIONS, 'special'] as const);
      if (next === first) continue;
      set.followUps.push({
        previous,
        text: (next === 'special' ? product.category.specialFollowUp : FOLLOW_UPS[next]).replaceAll(
          '{part}',
          product.part,
        ),
        passage: product.ids[next],
      });
      const other = pick(random, products);
      const topic = next === 'special' ? 'specs' : next;
      if (other === product) continue;
      set.topicSwitches.push({
        previous,
        text: pick(random, COMMON_QUESTIONS[topic][split])
          .replaceAll('{p}', other.name.toLowerCase())
          .replaceAll('{part}', other.part),
        passage: other.ids[topic],
      });
    }
  }

  return {
    files,
    knowledge: KnowledgeBase.fromMarkdown(files),
    tuning: splits.tuning,
    heldout: splits.heldout,
  };
}

function emptySet(): QuestionSet {
  return { answerable: [], unanswerable: [], followUps: [], topicSwitches: [] };
}

/** Retrieval figures of one question set (fractions, 0..1). */
export interface RetrievalFigures {
  /** Answerable questions whose passage is among the selected passages (at most `topK`). */
  recallAtK: number;
  /** Answerable questions whose passage is selected first. */
  recallAt1: number;
  /** Answerable questions for which nothing was selected (the model would be told nothing matched). */
  falseAbstention: number;
  /** Questions outside the knowledge base for which nothing was selected. */
  abstention: number;
  /** Follow-ups whose passage (named only by the previous message) is selected. */
  followUpRecallAtK: number;
  /** Self-contained questions after another topic whose passage is selected. */
  topicSwitchRecallAtK: number;
}

/** Runs `retrievePassages` over a question set, as the responder would (`previous` for two-message cases). */
export function evaluateRetrieval(
  knowledge: KnowledgeBase,
  set: QuestionSet,
  options: KnowledgeSettings,
): RetrievalFigures {
  const select = (question: LabelledQuestion): string[] =>
    retrievePassages(
      knowledge,
      { latest: question.text, ...(question.previous ? { previous: question.previous } : {}) },
      options,
    ).map((hit) => hit.passage.id);
  const share = <T>(items: T[], test: (item: T) => boolean): number =>
    items.length ? items.filter(test).length / items.length : 0;
  const answerable = set.answerable.map((question) => ({ question, ids: select(question) }));
  return {
    recallAtK: share(answerable, ({ question, ids }) => ids.includes(question.passage)),
    recallAt1: share(answerable, ({ question, ids }) => ids[0] === question.passage),
    falseAbstention: share(answerable, ({ ids }) => ids.length === 0),
    abstention: share(set.unanswerable, (text) => select({ text, passage: '' }).length === 0),
    followUpRecallAtK: share(set.followUps, (question) => select(question).includes(question.passage)),
    topicSwitchRecallAtK: share(set.topicSwitches, (question) => select(question).includes(question.passage)),
  };
}

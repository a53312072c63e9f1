/**
 * The escalation intents as weighted evidence over the concepts of `concepts.ts`: each rule names
 * concepts that must occur together and what that is worth; an intent fires at 1. Positive rules
 * say what the customer means ("a request cue, then a person"), negative ones what only looks like
 * it ("I already spoke to an agent", "are you a bot?", "my travel agent").
 */
import type { EscalationReason, Priority } from '../model.ts';
import type { Intent } from './evidence.ts';

/** An intent and the escalation it raises. */
export interface EscalationIntent extends Intent {
  reason: EscalationReason;
  priority: Priority;
  /** Human-readable detail for the agent's card. */
  detail: string;
}

/** Any wording of a person (staff or not). */
const PERSON = 'staff|someone';

/** What may follow a plan to "do it": thinking of it, courage, an ending. */
const DO_IT_CUES = 'contemplate|courage|end_it|end_things|farewell_weak';
/** Goodbyes. */
const GOODBYES = 'farewell|farewell_weak';
/** What makes "I won't be around" a goodbye rather than a holiday. */
const VEILED_CUES = 'pointless|despair|burden|end_it|decided';

/** Self-harm: urgent, ahead of everything else. Misses cost most, so single phrases suffice. */
export const SELF_HARM: EscalationIntent = {
  label: 'self_harm',
  reason: 'self_harm',
  priority: 'urgent',
  detail: 'the customer may be at risk of self-harm',
  rules: [
    { all: ['self_harm'], weight: 1, note: '"kill myself", "suicidal", "quitarme la vida"' },
    { all: ['death_wish'], weight: 1, note: '"I want to die", "no reason to live", "ya no quiero vivir"' },
    { all: ['self_injury'], weight: 1, note: '"I\'ve been cutting myself", "me estoy haciendo daño"' },
    { all: ['pointless|no_desire', 'living'], within: 4, weight: 1, note: '"what\'s the point of living"' },
    { all: ['wish', 'dead'], within: 3, weight: 1, note: '"I wish I was dead", "quisiera estar muerta"' },
    { all: ['self_injury', 'accident'], within: 2, weight: -1, note: '"I cut myself on the tent pole"' },
    { all: ['fall|failure', 'self_injury'], within: 4, weight: -1, note: '"I fell and hurt myself"' },
    { all: ['end_it'], weight: 0.6, note: '"I want to end it" needs despair too' },
    { all: ['request', 'end_it'], within: 2, weight: 0.3 },
    { all: ['despair'], anywhere: true, weight: 0.5, note: '"I can\'t take this anymore"' },
    {
      all: ['time_now', 'end_it|end_things'],
      anyOrder: true,
      within: 6,
      weight: 0.5,
      note: '"tonight is the night I end it"',
    },
    { all: ['gone_hyp'], weight: 0.4 },
    {
      all: ['better_off', 'gone_hyp'],
      anyOrder: true,
      within: 8,
      weight: 0.8,
      note: '"they would be better off if I wasn\'t around"',
    },
    { all: ['not_self_harm'], weight: -2, note: '"I want to die my hair", "me muero de frío"' },
    { all: ['brink'], weight: 1, note: '"I\'m standing on the bridge right now"' },
    {
      all: ['contemplate_strong', 'dying'],
      within: 3,
      weight: 1,
      note: '"I can\'t stop thinking about dying"',
    },
    { all: ['contemplate', 'dying'], within: 3, weight: 0.6 },
    { all: ['burden'], weight: 1, note: '"I\'m just a burden to everyone", "soy una carga"' },
    { all: ['farewell'], weight: 1, note: '"giving away my things", "cartas de despedida"' },
    { all: ['end_things'], weight: 0.6 },
    {
      all: ['contemplate', 'end_things|end_it|dead|self_injury'],
      within: 4,
      weight: 0.5,
      note: '"thinking of ending things", "pienso en hacerme daño"',
    },
    { all: ['contemplate', 'dead'], within: 4, weight: 0.5, note: '"I think about not being alive"' },
    {
      all: ['pills', 'take_all'],
      anyOrder: true,
      within: 8,
      weight: 1,
      note: '"I have pills saved up and I\'ll take them all"',
    },
    {
      all: ['took', 'quantity', 'pills'],
      anyOrder: true,
      within: 8,
      weight: 1,
      note: '"took 20 paracetamol"',
    },
    // Outweighs `accident` ("on", "con"): "burned my arm on purpose", "me rasguño hasta sangrar".
    { all: ['self_act|self_injury', 'deliberate'], anyOrder: true, within: 8, weight: 2 },
    { all: ['jump', 'height'], anyOrder: true, within: 6, weight: 1, note: '"tirarme a las vías del tren"' },
    { all: ['jump', 'height'], anywhere: true, weight: 0.6, note: '"the highest point? I want to jump"' },
    { all: ['wish|contemplate', 'jump'], within: 3, weight: 0.5 },
    { all: ['near_miss'], weight: 1, note: '"I almost stepped in front of it", "estuve a punto de tirarme"' },
    { all: ['into_water'], weight: 0.6 },
    { all: ['not_return'], weight: 0.6, note: '"not planning on coming back down"' },
    // "up the mountain alone and not coming back", "al bosque a no volver"
    { all: ['alone_wild|into_water|final_act', 'not_return'], anywhere: true, weight: 0.5 },
    { all: ['final_act'], weight: 0.5, note: '"my last hike", "mi última caminata"' },
    // "I've picked Saturday as my last day" (and a hatchet)
    { all: ['final_act', `decided|means|not_return|alone_wild|${GOODBYES}`], anywhere: true, weight: 0.5 },
    { all: ['do_it'], weight: 0.4 },
    // "I'm going to do it tonight", "pensando en cómo hacerlo y ya tengo un plan"
    { all: ['do_it', `someone_know|${DO_IT_CUES}`], anywhere: true, weight: 0.6 },
    { all: ['method_search'], weight: 1, note: '"painless ways to die", "morir sin dolor"' },
    { all: ['asphyxiate'], weight: 1, note: '"suffocate myself", "encerrarme en el coche con el hornillo"' },
    { all: ['means', 'self_target'], anywhere: true, weight: 0.6, note: '"the rope is for me"' },
    { all: ['means', 'secretive'], anywhere: true, weight: 0.5, note: '"don\'t ask why"' },
    { all: ['despair', 'dying'], within: 6, weight: 0.5, note: '"no way out except dying"' },
    // "I bought a gun… I don't plan on using it on anyone but me", "usarla en mí"
    { all: ['means', 'self_target_strong'], anywhere: true, weight: 1 },
    { all: ['means', 'noose|courage'], anywhere: true, weight: 1, note: '"la soga… falta el valor"' },
    { all: ['gone_hyp', 'unnoticed'], anywhere: true, weight: 1, note: '"if I disappear, no one…"' },
    { all: ['unnoticed'], weight: 0.5 },
    // "my brother's gone and I want to join him"
    { all: ['departed|mourning|death|loss', 'join_them'], anyOrder: true, within: 24, weight: 1 },
    // "texted me goodbye and isn't answering"
    { all: ['farewell_weak', 'unreachable|do_it'], anywhere: true, weight: 1 },
    { all: ['not_around'], weight: 0.6, note: '"I won\'t be around to use it", "where I\'m going"' },
    // "where I'm going I won't need money", "pronto no voy a ser problema de nadie"
    { all: ['not_around', `wont_need|doesnt_matter|${VEILED_CUES}`], anywhere: true, weight: 0.5 },
    { all: ['despair', 'life_word'], within: 4, weight: 1, note: '"no aguanto esta vida"' },
  ],
};

/** Fire, explosions, shocks and injuries caused by a product. */
export const SAFETY: EscalationIntent = {
  label: 'safety',
  reason: 'sensitive_topic',
  priority: 'high',
  detail: 'injury or product safety',
  rules: [
    { all: ['fire_event'], weight: 1, note: '"caught fire", "exploded", "se incendió"' },
    { all: ['device', 'hazard'], anyOrder: true, within: 6, weight: 1, note: '"the charger melted"' },
    { all: ['hazard'], weight: 0.6 },
    {
      all: ['charging', 'hazard'],
      anyOrder: true,
      within: 6,
      weight: 1,
      note: '"smoking while it charged", "echaba humo mientras cargaba"',
    },
    { all: ['injury'], weight: 1, note: '"my daughter was injured", "sangrando"' },
    { all: ['harm|harm_body', 'body'], anyOrder: true, within: 4, weight: 1, note: '"burned my hand"' },
    { all: ['harm_body', 'relative'], within: 3, weight: 0.5, note: '"hit my son"' },
    { all: ['failure', 'harm|harm_body|injury'], anyOrder: true, within: 6, weight: 0.5 },
    { all: ['harm', 'relative'], anyOrder: true, within: 4, weight: 0.7, note: '"mi hijo se cortó"' },
    { all: ['victim', 'harm'], within: 1, weight: 0.5 },
    { all: ['self_injury', 'accident'], within: 2, weight: 1, note: '"I cut myself on the edge"' },
    {
      all: ['failure', 'fall'],
      anyOrder: true,
      within: 6,
      weight: 1,
      note: '"the ladder collapsed and I fell"',
    },
    {
      all: ['failure', 'occupant'],
      anyOrder: true,
      within: 6,
      weight: 1,
      note: '"the high chair collapsed with him in it"',
    },
    { all: ['failure', 'relative'], anyOrder: true, within: 6, weight: 0.4 },
    { all: ['fall', 'harm|harm_body|injury|self_injury'], anyOrder: true, within: 4, weight: 0.6 },
    { all: ['choke'], weight: 0.6 },
    { all: ['choke', 'relative|body'], anyOrder: true, within: 6, weight: 0.6 },
    { all: ['not_safety'], weight: -1.5, note: '"these sneakers are fire", "is it safe to…"' },
  ],
};

/** Fraud, hacked accounts, data breaches, identity theft, phishing. */
export const SECURITY: EscalationIntent = {
  label: 'fraud',
  reason: 'sensitive_topic',
  priority: 'high',
  detail: 'fraud or account security',
  rules: [
    { all: ['breach'], weight: 1, note: '"data breach", "hacked", "phishing", "suplantación"' },
    {
      all: ['leak', 'data|my_account'],
      anyOrder: true,
      within: 4,
      weight: 1,
      note: '"my details were leaked"',
    },
    {
      all: ['unauthorized', 'money'],
      anyOrder: true,
      within: 5,
      weight: 1,
      note: '"charges I didn\'t make"',
    },
    { all: ['odd', 'money'], within: 2, weight: 1, note: '"a suspicious login", "un cargo desconocido"' },
    {
      all: ['odd|foreign', 'login'],
      anyOrder: true,
      within: 4,
      weight: 1,
      note: '"logins from another country"',
    },
    { all: ['login_from'], weight: 0.6 },
    {
      all: ['login_from', 'my_account'],
      anyOrder: true,
      within: 5,
      weight: 0.5,
      note: '"a login from Russia"',
    },
    {
      all: ['intruder', 'access', 'my_account'],
      within: 6,
      weight: 1,
      note: '"someone is using my account"',
    },
    {
      all: ['intruder', 'my_account', 'access'],
      within: 6,
      weight: 1,
      note: '"alguien con mi cuenta hizo…"',
    },
    {
      all: ['without_consent', 'my_account|data|money|access'],
      anyOrder: true,
      within: 6,
      weight: 1,
      note: '"my card was used without my permission"',
    },
    {
      all: ['they_did', 'my_account|data'],
      within: 4,
      weight: 1,
      note: '"usaron mis datos", "entraron a mi cuenta"',
    },
    {
      all: ['scam', 'message_channel'],
      anyOrder: true,
      within: 3,
      weight: 1,
      note: '"a scam email", "correo falso"',
    },
    { all: ['asking_secrets'], weight: 0.6 },
    { all: ['message_channel', 'asking_secrets'], anyOrder: true, within: 8, weight: 0.5 },
    {
      all: ['otp', 'unrequested'],
      anyOrder: true,
      within: 8,
      weight: 1,
      note: '"a login code I didn\'t request", "un código que no pedí"',
    },
    {
      all: ['charge_word', 'unrequested|unauthorized'],
      anyOrder: true,
      within: 8,
      weight: 1,
      note: '"a charge I didn\'t ask for", "me cobraron algo que nunca compré"',
    },
    {
      all: ['charge_word', 'unauthorized|bought_nothing'],
      anywhere: true,
      weight: 0.6,
      note: '"what is this charge? I didn\'t buy anything"',
    },
    { all: ['charge_word', 'bought_nothing'], anywhere: true, weight: 0.5 },
    {
      all: ['account_change', 'intruder|unauthorized|unrequested|locked_out'],
      anywhere: true,
      weight: 1,
      note: '"my password was changed but I didn\'t change it"',
    },
    { all: ['claims_you'], weight: 0.6, note: '"a man said he was from your company"' },
    {
      all: ['claims_you', 'asking_secrets|data|otp|my_account'],
      anywhere: true,
      weight: 0.6,
      note: '"…and wanted my security code"',
    },
    { all: ['extra_charges'], weight: 0.6, note: '"charged twice", "cobro duplicado"' },
    { all: ['extra_charges', 'unauthorized'], anywhere: true, weight: 0.5 },
    {
      all: ['extra_charges', 'attend'],
      anywhere: true,
      weight: -0.7,
      note: '"charged twice for shipping, can you fix it?" is billing',
    },
    {
      all: ['elsewhere', 'money', 'my_account'],
      anywhere: true,
      weight: 1,
      note: '"an order on my account shipping to Florida and I live in Ohio"',
    },
    { all: ['not_security'], weight: -1.5, note: '"hacked together", "el precio es un robo"' },
  ],
};

/** Lawsuits, lawyers, regulators. */
export const LEGAL: EscalationIntent = {
  label: 'legal',
  reason: 'sensitive_topic',
  priority: 'high',
  detail: 'legal threat',
  rules: [
    { all: ['legal_action'], weight: 1, note: '"I will sue", "small claims", "los voy a demandar"' },
    { all: ['legal_actor'], weight: 0.5 },
    { all: ['legal_involve', 'legal_actor'], anyOrder: true, within: 3, weight: 0.6, note: '"my lawyer"' },
    { all: ['regulator'], weight: 0.6 },
    { all: ['report', 'regulator'], within: 4, weight: 0.6, note: '"a complaint with the FTC"' },
    { all: ['law'], weight: 0.5, note: '"this is illegal", "mis derechos"' },
    { all: ['pursue'], weight: 0.4 },
    {
      all: ['law|legal_actor|regulator', 'pursue'],
      anywhere: true,
      weight: 0.5,
      note: '"a breach of consumer law and I will pursue it"',
    },
    { all: ['court_lookalike'], weight: -1.5, note: '"court shoes"' },
    { all: ['not_legal'], weight: -1.5, note: '"my lawyer friend", "soy abogada"' },
    { all: ['identity', 'legal_actor'], within: 2, weight: -1.5, note: '"I am a lawyer"' },
  ],
};

/** Allergic reactions, poisoning, hospital visits. */
export const MEDICAL: EscalationIntent = {
  label: 'medical',
  reason: 'sensitive_topic',
  priority: 'high',
  detail: 'medical situation',
  rules: [
    { all: ['symptom'], weight: 1, note: '"allergic reaction", "hives", "sarpullido"' },
    { all: ['mild_symptom'], weight: 0.4 },
    {
      all: ['mild_symptom', 'body'],
      anyOrder: true,
      within: 3,
      weight: 0.6,
      note: '"my throat is swelling"',
    },
    { all: ['care_place'], weight: 0.6 },
    {
      all: ['visit', 'care_place'],
      within: 3,
      weight: 0.6,
      note: '"had to go to the ER", "está en el hospital"',
    },
    { all: ['clinician'], weight: 0.3 },
    {
      all: ['visit', 'clinician'],
      within: 3,
      weight: 0.7,
      note: '"had to see a doctor", "tuve que ir al médico"',
    },
    { all: ['treatment'], weight: 0.6, note: '"needs surgery"' },
    { all: ['visit', 'treatment'], within: 3, weight: 0.5, note: '"had to take an antihistamine"' },
    { all: ['reaction'], weight: 0.4 },
    {
      all: ['reaction', 'body|mild_symptom|symptom'],
      anyOrder: true,
      within: 4,
      weight: 0.6,
      note: '"una reacción terrible en la piel"',
    },
    { all: ['ingest'], weight: 0.6, note: '"swallowed"' },
    { all: ['relative', 'ingest|ate'], within: 3, weight: 0.4, note: '"my son swallowed a button"' },
    { all: ['ill'], weight: 0.4 },
    { all: ['relative', 'ill'], within: 3, weight: 0.3 },
    {
      all: ['ill', 'product_ref'],
      anyOrder: true,
      within: 6,
      weight: 0.6,
      note: '"mi perro se enfermó con la comida que compré"',
    },
    { all: ['ate', 'ill'], anyOrder: true, within: 8, weight: 0.6, note: '"got sick after eating"' },
    {
      all: ['ate', 'symptom|mild_symptom|care_place|clinician|treatment'],
      anyOrder: true,
      within: 8,
      weight: 0.3,
    },
    { all: ['condition'], weight: 0.6, note: '"hypothermia", "mal de altura"' },
    // "my friend is hypothermic, shivering", "I think I have frostbite on my toes"
    { all: ['condition', 'sufferer|mild_symptom|symptom|relative|body'], anywhere: true, weight: 0.4 },
    {
      all: ['prevent', 'condition'],
      anyOrder: true,
      within: 4,
      weight: -1,
      note: '"a hat to avoid heatstroke"',
    },
    { all: ['not_medical'], weight: -1.5, note: '"my doctor recommended", "rash guard"' },
    { all: ['fed_up'], weight: -1, note: '"I\'m sick of your emails"' },
    { all: ['identity', 'clinician|care_place'], within: 2, weight: -1.5, note: '"I\'m a nurse"' },
  ],
};

/** A death in the family. */
export const BEREAVEMENT: EscalationIntent = {
  label: 'bereavement',
  reason: 'sensitive_topic',
  priority: 'high',
  detail: 'bereavement',
  rules: [
    { all: ['mourning'], weight: 1, note: '"funeral", "passed away", "estamos de luto"' },
    {
      all: ['relative', 'death'],
      anyOrder: true,
      within: 4,
      weight: 1,
      note: '"my wife died", "murió mi esposo"',
    },
    { all: ['loss', 'relative'], within: 2, weight: 1, note: '"lost my mum", "perdí a mi papá"' },
    { all: ['relative', 'passed'], within: 2, weight: 1, note: '"my son passed"' },
    { all: ['device', 'death'], anyOrder: true, within: 3, weight: -1.5, note: '"my phone died"' },
    { all: ['not_death'], weight: -1.5, note: '"dead on arrival", "passed her exam"' },
  ],
};

/** An explicit request for a person: a request cue and a person, or being called back. */
export const CUSTOMER_REQUEST: EscalationIntent = {
  label: 'customer_request',
  reason: 'customer_request',
  priority: 'normal',
  detail: 'the customer asked for a person',
  rules: [
    { all: ['talk', 'staff'], within: 4, weight: 1, note: '"talk to a human", "hablar con un asesor"' },
    {
      all: ['talk', 'someone'],
      anyOrder: true,
      within: 3,
      weight: 1,
      note: '"speak to someone", "someone to talk to"',
    },
    { all: ['transfer'], alone: true, weight: 1, note: '"transfer me", "pásame"' },
    { all: ['whom'], weight: 1, note: '"who can I speak to?", "¿con quién hablo?"' },
    {
      all: ['who_q', 'talk'],
      within: 4,
      weight: 1,
      note: '"who do I need to speak with about…", "¿con quién tengo que hablar?"',
    },
    { all: [PERSON, 'not_you'], anyOrder: true, within: 3, weight: 1, note: '"a person, not a bot"' },
    { all: [PERSON, 'available'], within: 2, weight: 0.6, note: '"is anyone available"' },
    { all: ['request', 'staff'], within: 5, weight: 1, note: '"I need a supervisor", "quiero un agente"' },
    { all: ['transfer', PERSON], within: 3, weight: 1, note: '"get me someone", "pásame con alguien"' },
    {
      all: ['real', 'someone'],
      anyOrder: true,
      within: 1,
      weight: 1,
      note: '"someone real", "persona real"',
    },
    { all: ['real', 'staff'], anyOrder: true, within: 1, weight: 0.5 },
    { all: ['contact'], weight: 1, note: '"call me back", "give me a ring", "llámenme"' },
    { all: ['contact_weak'], weight: 0.5, note: '"contact me" (maybe by email)' },
    {
      all: [PERSON, 'contact_weak'],
      anyOrder: true,
      within: 4,
      weight: 0.6,
      note: '"have a manager contact me"',
    },
    { all: [PERSON, 'by_phone'], anyOrder: true, within: 5, weight: 1, note: '"someone on the phone"' },
    {
      all: ['request', 'by_phone'],
      within: 6,
      weight: 1,
      note: '"I\'d prefer to sort it out over the phone"',
    },
    { all: ['staff'], weight: 0.4 },
    { all: ['staff'], alone: true, weight: 1, note: '"agent", "Human!", "un asesor por favor"' },
    { all: ['by_phone'], alone: true, weight: 1, note: '"a call please", "una llamada por favor"' },
    { all: ['someone'], alone: true, weight: 1, note: '"anyone?", "¿alguien?"' },
    { all: ['request', 'someone'], within: 4, weight: 0.5 },
    {
      all: [PERSON, 'attend'],
      within: 3,
      weight: 0.6,
      note: '"a human to look at it", "una persona revise"',
    },
    { all: ['someone', 'from_you'], within: 4, weight: 0.5, note: '"someone from your team"' },
    { all: ['is_there', PERSON], within: 3, weight: 0.6, note: '"is there anybody there"' },
    { all: ['enough|negation', 'bot'], within: 4, weight: 0.6, note: '"no more bots", "isn\'t a robot"' },
    { all: ['pass_to', `${PERSON}|business_unit`], within: 4, weight: 1, note: '"pásame con el área de…"' },
    { all: ['someone', 'served_me'], within: 3, weight: 0.5, note: '"busco a la persona que me vendió…"' },
    { all: ['request|transfer', 'speak_with', 'business_unit'], within: 5, weight: 1, note: '"…the shop"' },
    { all: ['request', 'contact_other'], within: 3, weight: 0.5, note: '"¿pueden marcarle?"' },
    {
      all: ['talk|transfer|pass_to|contact|contact_weak|contact_other|by_phone', 'served_me'],
      anywhere: true,
      weight: 1,
      note: '"can I talk to Daniel? he set up my account", "¿me comunicas con Lucía? ella me atendió"',
    },
    { all: [PERSON, 'contact_other'], anyOrder: true, within: 5, weight: 1, note: '"que alguien la llame"' },
    { all: ['relative', 'contact_other'], anywhere: true, weight: 0.5, note: '"my dad… can you call him"' },
    { all: [PERSON, 'contact'], anyOrder: true, within: 4, weight: 0.5, note: '"have the manager ring me"' },
    { all: ['call_them'], weight: 1, note: '"please ring her on her landline", "llámenle a mi mamá"' },
    { all: ['request', 'transfer'], alone: true, weight: 1, note: '"can you put me through?"' },
    { all: ['contact_details', `${PERSON}|business_unit`], anyOrder: true, within: 4, weight: 0.6 },
    { all: ['request', 'contact_details'], within: 4, weight: 0.5, note: '"I want their name and number"' },
    { all: ['in_charge'], weight: 0.6 },
    { all: ['in_charge', 'transfer|request|contact_details|available'], anywhere: true, weight: 0.5 },
    { all: ['request', PERSON, 'contact|contact_weak|contact_other'], within: 6, weight: 0.5 },
    {
      all: ['tell_them', `${PERSON}|staff|served_me|contact|contact_weak`],
      anyOrder: true,
      anywhere: true,
      weight: 0.5,
      note: '"a lady said she\'d follow up: could you let her know I\'m waiting?"',
    },
    { all: [PERSON, 'reading_msgs'], within: 4, weight: 0.6, note: '"is anyone there reading these"' },
    { all: ['reading_msgs', 'bot'], anywhere: true, weight: 0.5, note: '"…or is it all robots"' },
    { all: ['nobody_there'], weight: 1, note: '"¿no tienen gente trabajando ahí?"' },
    { all: ['nobody_there', 'bot'], anywhere: true, weight: 0.5, note: '"…or is it all robots"' },
    { all: ['escalate'], weight: 1, note: '"please escalate this"' },
    {
      all: ['escalate', 'policy'],
      anyOrder: true,
      within: 3,
      weight: -1.5,
      note: '"your escalation policy"',
    },
    { all: ['past_talk'], weight: -1, note: '"I already spoke to an agent"' },
    { all: ['identity_q', `bot|real|${PERSON}`], within: 4, weight: -1.5, note: '"are you a real person?"' },
    {
      all: ['identity', `real|${PERSON}`],
      within: 1,
      weight: -1.5,
      note: '"I\'m a real person asking about returns"',
    },
    { all: ['third_party'], weight: -1.5, note: '"my travel agent", "the delivery person"' },
    { all: ['praise'], weight: -0.6, note: '"real people with real care, love it"' },
    {
      all: ['negation', 'contact|contact_weak|by_phone'],
      within: 2,
      weight: -1.5,
      note: '"please don\'t call me", "no need for a call"',
    },
    { all: ['naming'], weight: -1.5, note: '"call me crazy", "you can call me Sam"' },
    { all: ['no_need', PERSON], within: 4, weight: -2, note: '"I don\'t need to talk to anyone"' },
    { all: ['negation', 'staff'], within: 2, weight: -1, note: '"no need for an agent"' },
    { all: ['no_handover'], anywhere: true, weight: -3, note: '"no me pases con nadie"' },
    {
      all: ['just_asking|how_it_works'],
      anywhere: true,
      weight: -3,
      note: '"does anyone read these? just curious", "if I text HELP does that go to a person?"',
    },
    { all: ['other_business'], anywhere: true, weight: -3, note: '"who do I contact about a job?"' },
    { all: ['trade_enquiry'], anywhere: true, weight: -0.5, note: '"who do I talk to about wholesale?"' },
    { all: ['store_visit'], anywhere: true, weight: -3, note: '"…at the store when I visit?"' },
    { all: ['no_visit', 'store_visit'], anywhere: true, weight: 3, note: '"I can\'t pop in, call me"' },
  ],
};

/** Severity order: self-harm, then the sensitive topics, then the request for a person. */
export const ESCALATION_INTENTS: readonly EscalationIntent[] = [
  SELF_HARM,
  SAFETY,
  SECURITY,
  LEGAL,
  MEDICAL,
  BEREAVEMENT,
  CUSTOMER_REQUEST,
];

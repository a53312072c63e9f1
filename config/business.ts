/**
 * Business settings for Tandem. This sample is what `npm run dev` uses as is.
 * Every field is checked against `businessSettingsSchema` at cold start; a bad value stops
 * start-up with a message naming it. Edit freely, then `npm test`.
 */
export default {
  // Your brand, as customers know it.
  brand: 'Northwind Outfitters',
  // How the AI speaks. Keep it short: it is part of every prompt.
  persona:
    'You are the Northwind Outfitters assistant. You are warm, concise and practical. ' +
    'You answer only from the knowledge base; when you are unsure you say so and offer a person.',
  // Rules the AI must follow. Guardrails in code enforce the critical ones as well.
  policies: [
    'Never promise refunds, discounts or delivery dates that the knowledge base does not state.',
    'Never ask for full card numbers, passwords or one-time codes.',
    'Keep replies under 3 short paragraphs; SMS customers pay per segment.',
  ],
  // Business hours, used to tell customers when people are back.
  hours: {
    timeZone: 'America/New_York',
    // Sunday .. Saturday; null = closed.
    week: [
      null,
      { open: '09:00', close: '18:00' },
      { open: '09:00', close: '18:00' },
      { open: '09:00', close: '18:00' },
      { open: '09:00', close: '18:00' },
      { open: '09:00', close: '18:00' },
      { open: '10:00', close: '14:00' },
    ],
  },
  sla: {
    reminderMinutes: 5, // unclaimed: a reminder in the thread
    escalateMinutes: 15, // unclaimed: mention the group, bump priority, tell the customer
    // mentionGroup: '<!subteam^S0123456>',
    idleResolveMinutes: 1440, // AI conversations idle this long are resolved automatically
  },
  escalation: {
    alwaysEscalateIntents: ['cancellation'],
    refundLimit: 100,
    negativeSentimentThreshold: -0.5,
    escalateOnAttachment: true,
    // A question these escalations ask that the knowledge base answers is answered while a person is brought in.
    answerAlongside: ['customer_request', 'business_rule'],
  },
  // Slack thread replies starting with this stay internal.
  notePrefix: 'note:',
  desk: {
    // Optional allowlist: only these Slack users (or members of this user group) may act at the desk.
    // agents: { userIds: ['U0123456'], userGroup: 'S0123456' },
  },
  // Desk routing (docs/desk.md): ordered rules, the first match sends the card to its channel (and
  // optionally an agent group, with auto-assignment). Without routes every card goes to
  // SLACK_ESCALATION_CHANNEL. DESK_ROUTING (JSON, same shape) replaces this per stage.
  routing: {
    routes: [
      // { name: 'spanish', match: { languages: ['es'] }, channel: 'C0SPANISH' },
      // { name: 'safety', match: { reasons: ['self_harm', 'abuse'] }, channel: 'C0SAFETY', agentGroup: 'S0LEADS' },
      // { name: 'whatsapp', match: { channels: ['whatsapp'], hours: 'open' }, channel: 'C0TEAM',
      //   agentGroup: 'S0TEAM', autoAssign: { capacity: 3, ackMinutes: 5 } },
    ],
    channels: {
      // C0SAFETY: { reminderMinutes: 2, escalateMinutes: 5, mentionGroup: '<!subteam^S0LEADS>' },
    },
  },
  // What the AI may remember about a customer (remember_customer_fact); other keys are refused.
  customerFacts: {
    allowedKeys: ['preferred_name', 'language', 'clothing_size', 'preferred_contact_time'],
    maxFacts: 8, // the oldest is replaced
    maxValueChars: 80,
  },
  // Messages, cases, lifecycle events and dedupe keys expire after this many days; profiles and
  // conversations this long after the customer's last contact. See docs/security.md.
  retention: { days: 90 },
  // Per deployment and clock hour: past either, the AI stops and conversations go to people.
  ceilings: {
    modelTokensPerHour: 2000000,
    outboundMessagesPerHour: 5000,
  },
  // The languages customers are answered in. Each message is checked against `supported` (a short
  // "ok" keeps the conversation's language); `messages` below are in `default`, `translations` hold the
  // others, complete. `desk` is the agents' language (the AI's escalation summaries are written in it).
  languages: { default: 'en', supported: ['en', 'es'], desk: 'en' },
  // Every fixed text customers get, in the default language. {{reopens}} is phrased with reopensToday,
  // reopensTomorrow or reopensOn ({{day}}: weekday name, {{time}}: HH:MM), or reopensSoon.
  messages: {
    help: 'Northwind Outfitters support: reply with your question, or "agent" for a person. Reply STOP to opt out.',
    escalated:
      "I'm bringing in a member of our team; they'll reply here shortly with everything you've told me.",
    escalatedAfterHours:
      "I've passed this to our team. We're closed right now and back {{reopens}}; they'll reply here then.",
    waitNotice:
      "Thanks for your patience: our team is busy, but you're in the queue and someone will be with you soon.",
    closing: "Thanks for contacting Northwind Outfitters. We're here if you need anything else.",
    satisfactionQuestion: 'How did we do? Reply with a number from 1 (poor) to 5 (excellent).',
    satisfactionThanks: 'Thank you for the feedback!',
    attachmentUnsupported:
      'I can\'t open attachments, but I can bring in a person who can. Would you like that? Reply "agent".',
    modelUnavailable: "Sorry, I'm having trouble right now. I've asked a member of our team to help you.",
    selfHarmSafety:
      "I'm really sorry you're feeling this way. You're not alone: in the US you can call or text 988 any time. I'm getting a person to talk with you now.",
    abuseBoundary: "I want to help, and I'll do that best if we keep things respectful.",
    injectionRefusal:
      'I can only help with questions about Northwind Outfitters orders, products and services.',
    fallback: 'I\'m not sure about that one. Would you like me to bring in a person? Reply "agent".',
    sensitiveDataRemoved:
      "For your safety, please don't send card numbers, social security numbers or bank details here. I've removed it from this chat.",
    reopensToday: 'today at {{time}}',
    reopensTomorrow: 'tomorrow at {{time}}',
    reopensOn: 'on {{day}} at {{time}}',
    reopensSoon: 'soon',
  },
  // The same texts per supported language (every key of `messages`; start-up names any missing one).
  // Spanish: neutral Latin American, "tú" throughout.
  translations: {
    es: {
      help: 'Soporte de Northwind Outfitters: escribe tu pregunta, o "agente" para hablar con una persona. Responde STOP para dejar de recibir mensajes.',
      escalated:
        'Te voy a pasar con alguien de nuestro equipo; te responderá aquí en breve, con todo lo que ya me contaste.',
      escalatedAfterHours:
        'Ya le pasé tu mensaje a nuestro equipo. En este momento estamos cerrados y volvemos {{reopens}}; te responderán aquí a esa hora.',
      waitNotice:
        'Gracias por tu paciencia: nuestro equipo está muy ocupado, pero ya estás en la fila y alguien te atenderá pronto.',
      closing: 'Gracias por escribir a Northwind Outfitters. Aquí estamos si necesitas algo más.',
      satisfactionQuestion: '¿Cómo te atendimos? Responde con un número del 1 (mal) al 5 (excelente).',
      satisfactionThanks: '¡Gracias por tu opinión!',
      attachmentUnsupported:
        'No puedo abrir archivos adjuntos, pero puedo pasarte con una persona que sí puede. ¿Te parece? Responde "agente".',
      modelUnavailable:
        'Lo siento, estoy teniendo problemas en este momento. Ya le pedí a alguien de nuestro equipo que te ayude.',
      selfHarmSafety:
        'Lamento mucho que te sientas así. No tienes que pasar por esto a solas: en EE. UU. puedes llamar o enviar un mensaje de texto al 988 a cualquier hora, también en español. Ya estoy buscando a una persona para que hable contigo.',
      abuseBoundary: 'Quiero ayudarte, y podré hacerlo mejor si mantenemos una conversación respetuosa.',
      injectionRefusal:
        'Solo puedo ayudarte con preguntas sobre pedidos, productos y servicios de Northwind Outfitters.',
      fallback: 'No estoy seguro de eso. ¿Quieres que te pase con una persona? Responde "agente".',
      sensitiveDataRemoved:
        'Por tu seguridad, no envíes por aquí números de tarjeta, de seguro social ni datos bancarios. Ya lo borré de este chat.',
      reopensToday: 'hoy a las {{time}}',
      reopensTomorrow: 'mañana a las {{time}}',
      reopensOn: 'el {{day}} a las {{time}}',
      reopensSoon: 'pronto',
    },
  },
  whatsapp: {
    // Approved template sent when the 24-hour window has closed.
    reopenTemplate: {
      contentSid: 'HX00000000000000000000000000000000',
      variables: { '1': '{{name}}', '2': '{{brand}}' },
    },
    // The same template approved in another language, per language; without one, reopenTemplate is sent.
    // reopenTemplates: { es: { contentSid: 'HX…', variables: { '1': '{{name}}', '2': '{{brand}}' } } },
  },
  guardrails: {
    maxInputChars: 2000,
    maxReplyChars: 1200,
    // Carrier tracking links of the sample orders API (config/actions.ts) are allowed in replies too.
    allowedLinkHosts: ['northwind.example', 'ups.com', 'tools.usps.com'],
    forbiddenPhrases: ['guaranteed refund', 'free of charge forever'],
    modelCallsPerHour: 30,
    tokensPerConversation: 200000,
    maxProfileNameChars: 60,
  },
  model: {
    id: 'claude-haiku-4-5',
    maxTokens: 400,
    timeoutMs: 10000,
    recentTurns: 8,
  },
  // How much of knowledge/ goes into a prompt. A knowledge base of up to promptTokenBudget tokens
  // (characters / 4) is sent whole in the cached part of every prompt. A larger one is searched for
  // each customer message (with the one before it, for follow-ups), and only the best topK passages
  // scoring at least minScore are sent, within the same budget; when none scores that high, the AI is
  // told nothing matched and says it is not sure and offers a person. `npm run knowledge -- import`
  // prints which case your knowledge base is in.
  knowledge: {
    promptTokenBudget: 6000,
    topK: 5,
    minScore: 8, // minisearch BM25 score; raise it to abstain more, lower it to retrieve more
  },
  metrics: { reopenWindowHours: 24 },
};

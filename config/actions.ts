/**
 * What the AI may do on the business's own systems, against `BUSINESS_API_URL` with the token of the
 * business-API secret (`BUSINESS_API_TOKEN` locally). Checked by `actionsConfigSchema` at cold start.
 * This sample targets the sample orders API that `npm run dev` emulates (local/fake-orders-api.ts).
 * `{{field}}` in a message is filled from the action's input and the API's answer.
 */
export default {
  enabled: true,
  // Before any action on an order: the order's phone must be the sender's, or the customer must give the
  // email on file. An order that is not theirs is never described.
  identity: {
    lookup: { method: 'GET', path: '/orders/{order_id}' },
    phoneField: 'phone',
    emailField: 'email',
  },
  // Refunds at or below escalation.refundLimit may run without approval. The sample keeps approval on.
  autoApproveRefunds: { enabled: false, action: 'refund_order', amountField: 'amount' },
  actions: [
    {
      name: 'lookup_order',
      description:
        "Look up one of the customer's orders by its number: status, items, total, carrier and tracking link.",
      input: {
        order_id: { type: 'string', description: 'The order number, digits only.', pattern: '[0-9]{3,12}' },
      },
      request: { method: 'GET', path: '/orders/{order_id}' },
      approval: 'none',
      orderField: 'order_id',
      resultFields: ['id', 'status', 'items', 'total', 'currency', 'carrier', 'trackingUrl', 'placedAt'],
      messages: {
        succeeded: { en: 'Order {{order_id}}: {{status}}.', es: 'Pedido {{order_id}}: {{status}}.' },
        failed: {
          en: "I couldn't look up that order just now. Please try again in a moment.",
          es: 'No pude consultar ese pedido ahora mismo. Inténtalo de nuevo en un momento.',
        },
      },
    },
    {
      name: 'refund_order',
      description:
        'Refund all or part of an order. A person on our team approves every refund before it is made.',
      input: {
        order_id: { type: 'string', description: 'The order number, digits only.', pattern: '[0-9]{3,12}' },
        amount: {
          type: 'number',
          description: 'The amount to refund, in the order currency; the order total when not given.',
          required: false,
          min: 0,
        },
        reason: { type: 'string', description: 'Why the customer wants the refund, in one sentence.' },
      },
      request: {
        method: 'POST',
        path: '/orders/{order_id}/refunds',
        body: ['amount', 'reason'],
        idempotencyKey: true,
      },
      approval: 'agent',
      orderField: 'order_id',
      resultFields: ['refundId', 'status'],
      messages: {
        proposed: {
          en: "I've asked our team to approve a refund of {{amount}} {{currency}} for order {{order_id}}. A person will confirm it here shortly.",
          es: 'He pedido a nuestro equipo que apruebe un reembolso de {{amount}} {{currency}} del pedido {{order_id}}. Una persona lo confirmará aquí en breve.',
        },
        succeeded: {
          en: 'Your refund of {{amount}} {{currency}} for order {{order_id}} has been issued (reference {{refundId}}).',
          es: 'Hemos emitido tu reembolso de {{amount}} {{currency}} del pedido {{order_id}} (referencia {{refundId}}).',
        },
        failed: {
          en: "We couldn't issue the refund for order {{order_id}}. A member of our team will follow up here.",
          es: 'No pudimos emitir el reembolso del pedido {{order_id}}. Alguien de nuestro equipo te escribirá aquí.',
        },
        denied: {
          en: "We can't refund order {{order_id}}. {{reason}}",
          es: 'No podemos reembolsar el pedido {{order_id}}. {{reason}}',
        },
      },
    },
    // Note: config/business.ts escalates every cancellation before the model (escalation.alwaysEscalateIntents
    // includes 'cancellation'), so the AI proposes cancel_order only once that intent is taken out of it.
    {
      name: 'cancel_order',
      description: 'Cancel an order that has not shipped yet. A person on our team approves it first.',
      input: {
        order_id: { type: 'string', description: 'The order number, digits only.', pattern: '[0-9]{3,12}' },
        reason: {
          type: 'string',
          description: 'Why the customer wants to cancel, in one sentence.',
          required: false,
        },
      },
      request: { method: 'POST', path: '/orders/{order_id}/cancel', idempotencyKey: true },
      approval: 'agent',
      orderField: 'order_id',
      resultFields: ['status'],
      messages: {
        proposed: {
          en: "I've asked our team to cancel order {{order_id}}. A person will confirm it here shortly.",
          es: 'He pedido a nuestro equipo que cancele el pedido {{order_id}}. Una persona lo confirmará aquí en breve.',
        },
        succeeded: {
          en: 'Order {{order_id}} is cancelled.',
          es: 'El pedido {{order_id}} está cancelado.',
        },
        failed: {
          en: "We couldn't cancel order {{order_id}}. A member of our team will follow up here.",
          es: 'No pudimos cancelar el pedido {{order_id}}. Alguien de nuestro equipo te escribirá aquí.',
        },
        denied: {
          en: "We can't cancel order {{order_id}}. {{reason}}",
          es: 'No podemos cancelar el pedido {{order_id}}. {{reason}}',
        },
      },
    },
  ],
};

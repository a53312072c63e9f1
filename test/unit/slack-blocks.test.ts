import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import {
  ACTION_IDS,
  decodeActionValue,
  encodeActionValue,
  escapeMrkdwn,
  formatMention,
  renderCaseCard,
  renderDeskMessage,
  renderHandBackModal,
  renderSentimentTrend,
  renderTranscript,
  truncateMrkdwn,
} from '#adapters/slack-blocks.ts';
import type { Case } from '#core/model.ts';
import type { CaseView } from '#core/ports.ts';
import { checkBlocks } from '#local/fake-slack.ts';
import { slackDeskRef } from '../../functions/adapters/slack-desk-ref.ts';

const HOSTILE = 'Hi <!channel> please <http://evil.example|click here> & <@U999> > now';

function caseView(overrides: Partial<Case> = {}, extra: Partial<CaseView> = {}): CaseView {
  const kase: Case = {
    caseId: 'case_1',
    conversationId: 'whatsapp|+15551231234|+15550000000',
    status: 'queued',
    version: 1,
    priority: 'high',
    openedAt: '2025-01-02T10:00:00.000Z',
    packet: {
      caseId: 'case_1',
      conversationId: 'whatsapp|+15551231234|+15550000000',
      channel: 'whatsapp',
      customerAddress: '+15551231234',
      customerName: 'Jane <Doe>',
      reason: 'customer_request',
      priority: 'high',
      summary: 'Wants a refund for order 42.',
      tried: 'Explained the refund policy.',
      sentimentTrend: [0.1, -0.3, -0.7],
      lastCustomerMessage: HOSTILE,
      suggestedNextStep: 'Offer a refund.',
      openedAt: '2025-01-02T10:00:00.000Z',
    },
    ...overrides,
  };
  return { kase, transcript: [], ...extra };
}

/** Every action_id in the blocks. */
function actionIds(blocks: KnownBlock[]): string[] {
  return blocks.flatMap((block) =>
    block.type === 'actions'
      ? block.elements.map((element) => String((element as { action_id?: string }).action_id))
      : [],
  );
}

/** All text the blocks would render, concatenated. */
function allText(blocks: KnownBlock[]): string {
  return JSON.stringify(blocks);
}

describe('escaping', () => {
  it('escapes &, < and > so hostile text cannot mention @channel or forge a link', () => {
    expect(escapeMrkdwn(HOSTILE)).toBe(
      'Hi &lt;!channel&gt; please &lt;http://evil.example|click here&gt; &amp; &lt;@U999&gt; &gt; now',
    );
  });

  it('renders the last customer message quoted and escaped on the card', () => {
    const { blocks } = renderCaseCard(caseView());
    const last = blocks.find((block) => block.block_id === 'last_message');
    const text = (last as { text: { text: string } }).text.text;
    expect(text).toContain(
      '>Hi &lt;!channel&gt; please &lt;http://evil.example|click here&gt; &amp; &lt;@U999&gt; &gt; now',
    );
    expect(allText(blocks)).not.toContain('<!channel>');
    expect(allText(blocks)).not.toContain('<http://evil');
  });

  it('escapes the customer name, profile facts and transcript text', () => {
    const view = caseView(
      {},
      {
        profile: {
          customerAddress: '+15551231234',
          facts: { '<!here>': '<http://x|y>' },
          pastCases: [{ caseId: 'c0', summary: '<!everyone> old', outcome: 'solved' }],
          optedOut: false,
          version: 1,
        },
        transcript: [{ author: 'customer', text: '<!channel> hello', at: '2025-01-02T10:00:00.000Z' }],
      },
    );
    const card = allText(renderCaseCard(view).blocks);
    expect(card).toContain('Jane &lt;Doe&gt;');
    expect(card).not.toMatch(/<!here>|<!everyone>|<http:\/\/x/);
    const transcript = allText(renderTranscript(view.transcript).flatMap((m) => m.blocks));
    expect(transcript).toContain('&lt;!channel&gt; hello');
    expect(transcript).not.toContain('<!channel>');
  });

  it('escapes thread text but keeps a mention of a user group as a real mention', () => {
    const message = renderDeskMessage('still waiting <!channel>', { mention: '<!subteam^S123>' });
    expect(message.text).toBe('<!subteam^S123> still waiting &lt;!channel&gt;');
    expect(formatMention('S0ABC')).toBe('<!subteam^S0ABC>');
    expect(formatMention('U0ABC')).toBe('<@U0ABC>');
    expect(formatMention('<http://evil|x>')).toBe('&lt;http://evil|x&gt;');
  });

  it('never posts a media URL, only the attachment type', () => {
    const [message] = renderTranscript([
      {
        author: 'customer',
        text: 'photo',
        at: '2025-01-02T10:00:00.000Z',
        media: [{ url: 'https://media.example/a|<!channel>', contentType: 'image/jpeg' }],
      },
    ]);
    const text = allText(message!.blocks);
    expect(text).toContain('📎 image/jpeg (attached in the thread)');
    expect(text).not.toContain('media.example');
  });
});

describe('the card', () => {
  it('shows priority and reason in the header, the masked number and the channel', () => {
    const { blocks, text } = renderCaseCard(caseView());
    const header = blocks[0] as { type: string; text: { text: string } };
    expect(header.type).toBe('header');
    expect(header.text.text).toContain('High');
    expect(header.text.text).toContain('Customer asked for a person');
    const card = allText(blocks);
    expect(card).toContain('+1•••••1234');
    expect(card).not.toContain('5551231234');
    expect(card).toContain('WhatsApp');
    expect(card).toContain('Wants a refund for order 42.');
    expect(card).toContain('Explained the refund policy.');
    expect(card).toContain('Offer a refund.');
    expect(text).toContain('+1•••••1234');
  });

  it('shows the sentiment trend as faces with a direction', () => {
    expect(renderSentimentTrend([0.1, -0.3, -0.7])).toBe('😐 → 🙁 → 😠 ↘ worsening');
    expect(renderSentimentTrend([-0.7, 0.5])).toContain('↗ improving');
  });

  it('shows the time left in the WhatsApp window, and none for SMS', () => {
    const whatsapp = allText(renderCaseCard(caseView({}, { windowMinutesLeft: 192 })).blocks);
    expect(whatsapp).toContain('3 h 12 min left in the WhatsApp 24-hour window');
    const sms = caseView({}, { windowMinutesLeft: 192 });
    sms.kase.packet.channel = 'sms';
    expect(allText(renderCaseCard(sms).blocks)).not.toContain('24-hour window');
  });

  it('a queued case has only a Claim button carrying the caseId', () => {
    const { blocks } = renderCaseCard(caseView());
    expect(actionIds(blocks)).toEqual([ACTION_IDS.claim]);
    const actions = blocks.find((block) => block.type === 'actions') as { elements: { value: string }[] };
    expect(decodeActionValue(actions.elements[0]!.value)).toEqual({ caseId: 'case_1' });
  });

  it('a claimed case names the owner and offers Release, Resolve and Hand back', () => {
    const { blocks } = renderCaseCard(caseView({ status: 'claimed', owner: { id: 'U123ABC', name: 'ana' } }));
    expect(allText(blocks)).toContain('Claimed by <@U123ABC>');
    expect(actionIds(blocks)).toEqual([
      ACTION_IDS.release,
      ACTION_IDS.resolve,
      ACTION_IDS.handBack,
      ACTION_IDS.eraseCustomer,
    ]);
    const select = blocks
      .flatMap((block) => (block.type === 'actions' ? block.elements : []))
      .find((element) => element.type === 'static_select') as { options: { value: string }[] };
    expect(select.options.map((option) => decodeActionValue(option.value)?.outcome)).toEqual([
      'solved',
      'not_solved',
      'duplicate',
      'spam',
    ]);
    expect(select.options.every((option) => decodeActionValue(option.value)?.caseId === 'case_1')).toBe(true);
  });

  it('the Erase customer data button of a claimed case asks for confirmation and carries the caseId', () => {
    const { blocks } = renderCaseCard(caseView({ status: 'claimed', owner: { id: 'U123ABC' } }));
    const erase = blocks
      .flatMap((block) => (block.type === 'actions' ? block.elements : []))
      .find((element) => element.action_id === ACTION_IDS.eraseCustomer) as {
      value: string;
      style?: string;
      confirm?: { title: { text: string }; confirm: { text: string }; deny: { text: string } };
    };
    expect(erase.style).toBe('danger');
    expect(erase.confirm?.title.text).toBe('Erase customer data?');
    expect(erase.confirm?.deny.text).toBe('Cancel');
    expect(decodeActionValue(erase.value)?.caseId).toBe('case_1');
  });

  it('a resolved case shows the outcome and asks the two feedback questions', () => {
    const { blocks } = renderCaseCard(
      caseView({
        status: 'resolved',
        outcome: 'solved',
        owner: { id: 'U123ABC' },
        resolvedAt: '2025-01-02T11:00:00Z',
      }),
    );
    const card = allText(blocks);
    expect(card).toContain('Solved');
    expect(card).toContain('Was this escalation needed?');
    expect(card).toContain('Was the summary accurate?');
    expect(actionIds(blocks)).toEqual([
      ACTION_IDS.feedbackNeededYes,
      ACTION_IDS.feedbackNeededNo,
      ACTION_IDS.feedbackAccurateYes,
      ACTION_IDS.feedbackAccurateNo,
    ]);
  });

  it('an answered feedback question is replaced by its answer', () => {
    const { blocks } = renderCaseCard(
      caseView({ status: 'resolved', outcome: 'solved', owner: { id: 'U123ABC' }, escalationNeeded: false }),
    );
    expect(allText(blocks)).toContain('Was this escalation needed? *No*');
    expect(actionIds(blocks)).toEqual([ACTION_IDS.feedbackAccurateYes, ACTION_IDS.feedbackAccurateNo]);
  });

  it('a case closed without an owner asks no feedback', () => {
    const { blocks } = renderCaseCard(caseView({ status: 'resolved', outcome: 'idle' }));
    expect(actionIds(blocks)).toEqual([]);
    expect(allText(blocks)).toContain('Closed automatically (idle)');
  });
});

describe('Block Kit limits', () => {
  it('a card with huge texts stays within section and field limits and passes the fake’s checks', () => {
    const huge = '&'.repeat(10_000);
    const view = caseView({ status: 'claimed', owner: { id: 'U1AB' } });
    view.kase.packet.summary = huge;
    view.kase.packet.lastCustomerMessage = `<!channel>${'x'.repeat(5000)}`;
    view.kase.packet.suggestedNextStep = huge;
    view.kase.packet.customerName = 'n'.repeat(3000);
    view.profile = {
      customerAddress: '+15551231234',
      facts: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, 'v'.repeat(500)])),
      pastCases: Array.from({ length: 20 }, (_, i) => ({ caseId: `c${i}`, summary: 's'.repeat(900) })),
      optedOut: false,
      version: 1,
    };
    const { blocks } = renderCaseCard(view);
    expect(checkBlocks(blocks)).toEqual([]);
    const summary = blocks.find((block) => block.block_id === 'summary') as { text: { text: string } };
    expect(summary.text.text.length).toBeLessThanOrEqual(3000);
    expect(summary.text.text.endsWith('&amp;…')).toBe(true);
  });

  it('truncation never cuts an escape entity in half', () => {
    const escaped = escapeMrkdwn('a'.repeat(8) + '<'.repeat(10));
    for (let max = 5; max < escaped.length; max++) {
      const cut = truncateMrkdwn(escaped, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
    }
  });

  it('a long transcript is split into messages of at most 50 blocks and 3000 characters per section', () => {
    const transcript = Array.from({ length: 400 }, (_, i) => ({
      author: (i % 2 ? 'ai' : 'customer') as 'ai' | 'customer',
      text: `message ${i} ${'y'.repeat(900)}`,
      at: '2025-01-02T10:00:00.000Z',
    }));
    const messages = renderTranscript(transcript);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(checkBlocks(message.blocks)).toEqual([]);
    const rendered = messages.map((message) => allText(message.blocks)).join('');
    expect(rendered).toContain('message 0 ');
    expect(rendered).toContain('message 399 ');
  });

  it('an empty transcript posts nothing', () => {
    expect(renderTranscript([])).toEqual([]);
  });
});

describe('thread buttons and values', () => {
  it('desk actions become Claim and Send buttons carrying the case, the suggestion and the thread', () => {
    const message = renderDeskMessage('Suggested reply: hello', {
      actions: [
        { kind: 'claim', caseId: 'case_1' },
        { kind: 'send_suggestion', caseId: 'case_1', suggestionId: 'sug_9' },
      ],
      ref: slackDeskRef('C1', '1700000000.000100'),
    });
    expect(actionIds(message.blocks!)).toEqual([ACTION_IDS.claim, ACTION_IDS.sendSuggestion]);
    const values = (message.blocks![1] as { elements: { value: string }[] }).elements.map((e) =>
      decodeActionValue(e.value),
    );
    expect(values).toEqual([
      { caseId: 'case_1', thread: '1700000000.000100' },
      { caseId: 'case_1', suggestionId: 'sug_9', thread: '1700000000.000100' },
    ]);
  });

  it('a message without actions has no blocks', () => {
    expect(renderDeskMessage('hello').blocks).toBeUndefined();
  });

  it('values round-trip; a bare caseId is accepted and garbage is not', () => {
    expect(decodeActionValue(encodeActionValue({ caseId: 'c1', outcome: 'spam' }))).toEqual({
      caseId: 'c1',
      outcome: 'spam',
    });
    expect(decodeActionValue('c1')).toEqual({ caseId: 'c1' });
    expect(decodeActionValue('{nope')).toBeUndefined();
  });

  it('the hand-back modal carries the case and thread in private_metadata and an optional instruction', () => {
    const modal = renderHandBackModal({ caseId: 'case_1', channel: 'C1', ts: '1.2' });
    expect(JSON.parse(modal.private_metadata!)).toEqual({ caseId: 'case_1', channel: 'C1', ts: '1.2' });
    const input = modal.blocks.find((block) => block.type === 'input') as { optional: boolean };
    expect(input.optional).toBe(true);
    expect(modal.title.text.length).toBeLessThanOrEqual(24);
  });
});

describe("the customer's language on the card", () => {
  function languageField(view: CaseView, options?: Parameters<typeof renderCaseCard>[1]): string | undefined {
    const customer = renderCaseCard(view, options).blocks.find((block) => block.block_id === 'customer');
    const fields = (customer as { fields?: { text: string }[] }).fields ?? [];
    return fields.find((field) => field.text.startsWith('*Language*'))?.text;
  }

  it('shows "Spanish (es)" and reminds an English desk to reply in Spanish', () => {
    expect(languageField(caseView({}, { language: 'es' }))).toBe(
      '*Language*\n🌐 Spanish (es) · reply in Spanish',
    );
  });

  it("shows the language plainly when it is the desk's own", () => {
    expect(languageField(caseView({}, { language: 'en' }))).toBe('*Language*\nEnglish (en)');
    expect(languageField(caseView({}, { language: 'es' }), { deskLanguage: 'es' })).toBe(
      '*Language*\nSpanish (es)',
    );
  });

  it('has no language field when the language is not known (cases opened before detection existed)', () => {
    expect(languageField(caseView())).toBeUndefined();
    expect(checkBlocks(renderCaseCard(caseView({}, { language: 'es' })).blocks)).toEqual([]);
  });
});

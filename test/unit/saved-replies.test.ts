import { describe, expect, it } from 'vitest';
import { loadSavedReplies } from '../../functions/adapters/saved-replies-loader.ts';
import {
  fillPlaceholders,
  parseSavedReply,
  type SavedReply,
  searchSavedReplies,
} from '../../functions/core/saved-replies.ts';

const reply = (id: string, title: string, tags: string[], text: string): SavedReply => ({
  id,
  title,
  tags,
  text,
});
const replies = [
  reply('refund', 'Refund on the way', ['refund', 'money'], 'Your refund for {{order_id}} is approved.'),
  reply('size', 'Size exchange', ['exchange', 'returns'], 'Happy to swap the size; a refund is not needed.'),
  reply('thanks', 'Thanks, anything else?', ['closing'], 'Thanks {{customer_name}}!'),
];

describe('saved replies', () => {
  it('parses front matter title and tags, and the text after it', () => {
    const parsed = parseSavedReply(
      'order-status',
      '---\ntitle: "Order status"\ntags: [Order, shipping]\n---\nHi {{customer_name}}.\n',
    );
    expect(parsed).toEqual({
      id: 'order-status',
      title: 'Order status',
      tags: ['order', 'shipping'],
      text: 'Hi {{customer_name}}.',
    });
  });

  it('refuses an unknown placeholder, an empty text and a file name that is not kebab-case', () => {
    expect(() => parseSavedReply('x', 'Hi {{first_name}}')).toThrow(/unknown placeholder \{\{first_name\}\}/);
    expect(() => parseSavedReply('x', '---\ntitle: A\n---\n  ')).toThrow(/empty/);
    expect(() => parseSavedReply('Bad Name', 'Hi')).toThrow(/kebab-case/);
  });

  it('search ranks title and tag hits above text hits, and every word must match', () => {
    expect(searchSavedReplies(replies, 'refund').map((r) => r.id)).toEqual(['refund', 'size']);
    expect(searchSavedReplies(replies, 'refund swap').map((r) => r.id)).toEqual(['size']);
    expect(searchSavedReplies(replies, 'REFUNDS')).toEqual([]);
    expect(searchSavedReplies(replies, 'ref').map((r) => r.id)[0]).toBe('refund');
  });

  it('an empty query lists every reply by title', () => {
    expect(searchSavedReplies(replies, '  ').map((r) => r.id)).toEqual(['refund', 'size', 'thanks']);
  });

  it('fills placeholders; an unknown customer name becomes "there" and a missing order id is reported', () => {
    expect(
      fillPlaceholders('Hi {{customer_name}}, order {{ order_id }} — {{agent_name}}', {
        customer_name: 'Maria',
        order_id: 'NW-1',
        agent_name: 'ana',
      }),
    ).toEqual({ text: 'Hi Maria, order NW-1 — ana', missing: [] });
    expect(fillPlaceholders('Hi {{customer_name}}, order {{order_id}}', { order_id: ' ' })).toEqual({
      text: 'Hi there, order {{order_id}}',
      missing: ['order_id'],
    });
  });

  it('the repository replies all load (a broken one would stop the start-up)', () => {
    const loaded = loadSavedReplies('knowledge/replies');
    expect(loaded.length).toBeGreaterThanOrEqual(3);
    expect(loaded.map((r) => r.id)).toContain('refund-on-the-way');
  });
});

describe('erasure of the desk keys issue 16 adds', () => {
  it('the keys of a translated message and of each uploaded attachment are derived for erase', async () => {
    const { customerOnceKeys } = await import('../../functions/core/use-cases/customer-data.ts');
    const conversationId = 'whatsapp|+15551234567|whatsapp:+15550000000';
    const keys = customerOnceKeys({
      customerAddress: '+15551234567',
      conversations: [{ id: conversationId } as never],
      messages: [
        {
          conversationId,
          messageId: 'SM9',
          author: 'customer',
          media: [
            { url: 'u1', contentType: 'image/png' },
            { url: 'u2', contentType: 'audio/ogg' },
          ],
        } as never,
      ],
      lifecycle: [],
      cases: [],
      providerIds: [],
    });
    expect(keys).toEqual(
      expect.arrayContaining([
        `translated#${conversationId}#SM9`,
        `forwarded-media#${conversationId}#SM9#0`,
        `forwarded-media#${conversationId}#SM9#1`,
      ]),
    );
  });
});

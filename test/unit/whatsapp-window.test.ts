import { describe, expect, it } from 'vitest';
import { whatsappWindow } from '#core/whatsapp-window.ts';

const last = '2025-03-01T10:00:00.000Z';

describe('whatsappWindow', () => {
  it('is open right after an inbound message with 24 hours left', () => {
    expect(whatsappWindow(last, new Date(last))).toEqual({
      open: true,
      closesAt: '2025-03-02T10:00:00.000Z',
      minutesLeft: 1440,
    });
  });

  it('counts whole minutes left', () => {
    const now = new Date('2025-03-02T09:58:30.000Z');
    expect(whatsappWindow(last, now)).toMatchObject({ open: true, minutesLeft: 1 });
  });

  it('closes exactly 24 hours after the last inbound message', () => {
    expect(whatsappWindow(last, new Date('2025-03-02T09:59:59.999Z')).open).toBe(true);
    expect(whatsappWindow(last, new Date('2025-03-02T10:00:00.000Z'))).toEqual({
      open: false,
      closesAt: '2025-03-02T10:00:00.000Z',
      minutesLeft: 0,
    });
  });

  it('is closed when the customer never wrote (or the time is unreadable)', () => {
    expect(whatsappWindow(undefined, new Date(last))).toEqual({ open: false, minutesLeft: 0 });
    expect(whatsappWindow('not a date', new Date(last))).toEqual({ open: false, minutesLeft: 0 });
  });
});

/**
 * The WhatsApp customer-service window: free-form messages are allowed for 24 hours after the
 * customer's last inbound message; outside it only approved templates may be sent.
 */

/** Length of the WhatsApp customer-service window. */
export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Whether the window is open at `now`, when it closes, and whole minutes left (0 when closed). */
export interface WhatsAppWindow {
  open: boolean;
  /** ISO time the window closes (or closed); absent when there was never a valid inbound message. */
  closesAt?: string;
  minutesLeft: number;
}

/** The WhatsApp window state given the ISO time of the last inbound message. */
export function whatsappWindow(lastInboundAt: string | undefined, now: Date): WhatsAppWindow {
  const last = lastInboundAt === undefined ? Number.NaN : Date.parse(lastInboundAt);
  if (Number.isNaN(last)) return { open: false, minutesLeft: 0 };
  const closes = last + WHATSAPP_WINDOW_MS;
  const left = closes - now.getTime();
  return {
    open: left > 0,
    closesAt: new Date(closes).toISOString(),
    minutesLeft: left > 0 ? Math.floor(left / 60_000) : 0,
  };
}

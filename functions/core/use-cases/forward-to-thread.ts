/**
 * forwardToThread — shows a customer message in its case's thread, exactly once.
 * Only the escalation notifier forwards (posting the card, and for each thread job the worker queues); jobs
 * overlap and are redelivered, so a one-time key per message keeps each message single.
 * 1. The text (PII redacted), each attachment named by type (never its URL), and, when the conversation's
 *    language is not the desk's, the translation under the original (or, once per thread, that translation
 *    is not available without a model).
 * 2. Each attachment is fetched from the messaging provider (with its credentials) and uploaded into the
 *    thread, once per attachment (its own key, so a failed upload is retried without posting the text again).
 */
import { MediaUnavailableError } from '../errors.ts';
import { redactPii } from '../guardrails/pii.ts';
import type { Media, Message } from '../model.ts';
import type { AgentDesk, ConversationStore, DeskRef, MediaFetcher, Translator } from '../ports.ts';
import { languageName, needsTranslation, translateText, translationUnavailableText } from '../translation.ts';

const FORWARD_TTL_SECONDS = 7 * 24 * 3600;
/** Largest attachment uploaded into a thread (WhatsApp allows 16 MB, MMS far less). */
export const MAX_MEDIA_BYTES = 20 * 1024 * 1024;

/** What forwarding to a thread uses. */
export interface ThreadDeps {
  store: ConversationStore;
  desk: AgentDesk;
  /** Fetches customer attachments; without it (or a desk without `uploadFile`) they are named, not shown. */
  media?: MediaFetcher;
  /** Translation for the desk: its language, and the model that translates (none offline). */
  translation?: { deskLanguage: string; translator?: Translator };
}

/**
 * Posts `message` (redacted, attachments named, translated when needed) in the thread at `ref` unless it
 * was posted before, then uploads its attachments. `language` is the conversation's.
 */
export async function forwardToThread(
  deps: ThreadDeps,
  ref: DeskRef,
  message: Message,
  options: { language?: string } = {},
): Promise<boolean> {
  const key = `forwarded#${message.conversationId}#${message.messageId}`;
  let posted = false;
  if (await deps.store.claimOnce(key, FORWARD_TTL_SECONDS)) {
    try {
      await deps.desk.postInThread(ref, await threadText(deps, ref, message, options.language));
    } catch (error) {
      await deps.store.releaseOnce(key);
      throw error;
    }
    posted = true;
  }
  await forwardMedia(deps, ref, message);
  return posted;
}

async function threadText(
  deps: ThreadDeps,
  ref: DeskRef,
  message: Message,
  language: string | undefined,
): Promise<string> {
  const text = redactPii(message.text).text;
  const shown = canShowMedia(deps) ? 'attached below' : 'cannot be shown here';
  const media = (message.media ?? []).map((item) => `\n📎 ${item.contentType || 'attachment'} (${shown})`);
  let translation = '';
  const desk = deps.translation?.deskLanguage;
  if (desk && language && needsTranslation(language, desk) && text.trim()) {
    translation = await translationLine(deps, ref, text, language, desk);
  }
  const head = text.trim() || !media.length ? `Customer: ${text}` : 'Customer sent:';
  return `${head}${media.join('')}${translation}`;
}

/** The line under the original: the translation, or why there is none. */
async function translationLine(
  deps: ThreadDeps,
  ref: DeskRef,
  text: string,
  from: string,
  to: string,
): Promise<string> {
  try {
    const outcome = await translateText(deps.translation?.translator, text, from, to);
    if (outcome.status === 'translated') return `\n🌐 ${languageName(to)}: ${outcome.text}`;
    if (outcome.status === 'refused')
      return '\n🌐 (the translation did not pass the checks; see the original)';
  } catch {
    return '\n🌐 (translation failed just now; see the original)';
  }
  await translationUnavailableOnce(deps, ref, from, to);
  return '';
}

/**
 * For a message the card's transcript already shows: its translation alone in the thread, once (the card
 * is rendered without translations). Nothing when no translation is needed or the message has no text.
 */
export async function translateEarlier(
  deps: ThreadDeps,
  ref: DeskRef,
  message: Message,
  language: string | undefined,
): Promise<void> {
  const desk = deps.translation?.deskLanguage;
  const text = redactPii(message.text).text;
  if (!desk || !language || !needsTranslation(language, desk) || !text.trim()) return;
  const key = `translated#${message.conversationId}#${message.messageId}`;
  if (!(await deps.store.claimOnce(key, FORWARD_TTL_SECONDS))) return;
  try {
    const line = await translationLine(deps, ref, text, language, desk);
    if (line) await deps.desk.postInThread(ref, `Customer (in the card above): ${text}${line}`);
  } catch (error) {
    await deps.store.releaseOnce(key);
    throw error;
  }
}

/** Says once per thread that translation is not available (no model). */
export async function translationUnavailableOnce(
  deps: Pick<ThreadDeps, 'store' | 'desk'>,
  ref: DeskRef,
  language: string,
  deskLanguage: string,
): Promise<void> {
  const key = `translation-unavailable#${ref}`;
  if (!(await deps.store.claimOnce(key, FORWARD_TTL_SECONDS))) return;
  try {
    await deps.desk.postInThread(ref, translationUnavailableText(language, deskLanguage));
  } catch (error) {
    await deps.store.releaseOnce(key);
    throw error;
  }
}

function canShowMedia(deps: ThreadDeps): boolean {
  return deps.media !== undefined && typeof deps.desk.uploadFile === 'function';
}

/**
 * Uploads each attachment of `message` into the thread, once each. Media that cannot be had (gone, too
 * large) is said in the thread instead; a transient failure is thrown so the job is retried.
 */
export async function forwardMedia(deps: ThreadDeps, ref: DeskRef, message: Message): Promise<number> {
  const { media } = deps;
  if (!media || !deps.desk.uploadFile || !message.media?.length) return 0;
  let uploaded = 0;
  for (const [index, item] of message.media.entries()) {
    const key = `forwarded-media#${message.conversationId}#${message.messageId}#${index}`;
    if (!(await deps.store.claimOnce(key, FORWARD_TTL_SECONDS))) continue;
    try {
      const filename = mediaFilename(item, message.messageId, index);
      try {
        const file = await media.fetch(item, { filename, maxBytes: MAX_MEDIA_BYTES });
        await deps.desk.uploadFile(ref, file, { comment: `📎 The customer sent ${describeMedia(item)}.` });
        uploaded++;
      } catch (error) {
        if (!(error instanceof MediaUnavailableError)) throw error;
        await deps.desk.postInThread(
          ref,
          `📎 The customer sent ${describeMedia(item)}, but it could not be fetched: ${error.message}.`,
        );
      }
    } catch (error) {
      await deps.store.releaseOnce(key);
      throw error;
    }
  }
  return uploaded;
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'application/pdf': 'pdf',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/amr': 'amr',
  'audio/mp4': 'm4a',
  'video/mp4': 'mp4',
  'text/vcard': 'vcf',
};

/** A file name for the desk (`image-3f9a1c-1.jpg`), never the provider's URL. */
export function mediaFilename(media: Media, messageId: string, index: number): string {
  const type = media.contentType.split(';')[0]!.trim().toLowerCase();
  const kind = /^(image|audio|video)\//.exec(type)?.[1] ?? 'file';
  const extension = EXTENSIONS[type] ?? 'bin';
  const suffix = messageId.replace(/[^A-Za-z0-9]/g, '').slice(-6);
  return `${kind}-${suffix}-${index + 1}.${extension}`;
}

/** "a photo (image/jpeg)", "a voice message (audio/ogg)", "a file (application/pdf)". */
function describeMedia(media: Media): string {
  const type = media.contentType || 'attachment';
  if (type.startsWith('image/')) return `a photo (${type})`;
  if (type.startsWith('audio/')) return `a voice message (${type})`;
  if (type.startsWith('video/')) return `a video (${type})`;
  return `a file (${type})`;
}

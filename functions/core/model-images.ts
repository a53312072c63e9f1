/**
 * Which of a customer's attachments go to the model as image input, and within what limits: the Messages
 * API takes JPEG, PNG, GIF and WebP up to 5 MB each; we send at most `MAX_MODEL_IMAGES` per turn, each fetched
 * through the `MediaFetcher` port. An image that cannot be had is left out (the model still sees the text,
 * and the agents get the file in the thread when the conversation is escalated).
 */
import type { Media } from './model.ts';
import type { MediaFetcher, ModelImage } from './ports.ts';

/** Largest image sent to the model (the Messages API's limit per image). */
export const MAX_MODEL_IMAGE_BYTES = 5 * 1024 * 1024;
/** Most images sent with one turn. */
export const MAX_MODEL_IMAGES = 3;

const MODEL_TYPES = new Set<ModelImage['mediaType']>(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

/** The attachments the model can look at (type allowed), at most `MAX_MODEL_IMAGES`. */
export function modelImageCandidates(media: readonly Media[] | undefined): Media[] {
  return (media ?? [])
    .filter((item) =>
      MODEL_TYPES.has(item.contentType.split(';')[0]!.trim().toLowerCase() as ModelImage['mediaType']),
    )
    .slice(0, MAX_MODEL_IMAGES);
}

/** Fetches the candidates; any that fails or is too large is left out. */
export async function loadModelImages(
  fetcher: MediaFetcher,
  media: readonly Media[] | undefined,
): Promise<ModelImage[]> {
  const images: ModelImage[] = [];
  for (const [index, item] of modelImageCandidates(media).entries()) {
    try {
      const file = await fetcher.fetch(item, {
        filename: `image-${index + 1}`,
        maxBytes: MAX_MODEL_IMAGE_BYTES,
      });
      const mediaType = file.contentType.toLowerCase() as ModelImage['mediaType'];
      if (MODEL_TYPES.has(mediaType)) images.push({ mediaType, data: file.data });
    } catch {
      // Left out: the turn goes on with the text.
    }
  }
  return images;
}

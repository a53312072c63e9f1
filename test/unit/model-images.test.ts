import { describe, expect, it } from 'vitest';
import { toMessagesParams } from '../../functions/adapters/anthropic-model.ts';
import { MediaUnavailableError } from '../../functions/core/errors.ts';
import {
  loadModelImages,
  MAX_MODEL_IMAGE_BYTES,
  MAX_MODEL_IMAGES,
  modelImageCandidates,
} from '../../functions/core/model-images.ts';
import type { MediaFetcher } from '../../functions/core/ports.ts';

const image = (n: number, type = 'image/jpeg') => ({
  url: `https://api.twilio.com/m/${n}`,
  contentType: type,
});

describe('images for the model', () => {
  it('only the types the Messages API takes, at most a few per turn', () => {
    expect(
      modelImageCandidates([image(1, 'application/pdf'), image(2, 'audio/ogg'), image(3, 'image/png')]),
    ).toEqual([image(3, 'image/png')]);
    expect(modelImageCandidates([1, 2, 3, 4, 5].map((n) => image(n)))).toHaveLength(MAX_MODEL_IMAGES);
  });

  it('fetches within the size limit and leaves out what cannot be had', async () => {
    const asked: number[] = [];
    const fetcher: MediaFetcher = {
      fetch: async (media, options) => {
        asked.push(options.maxBytes);
        if (media.url.endsWith('/2')) throw new MediaUnavailableError('too large');
        return { data: new Uint8Array([1, 2]), contentType: media.contentType, filename: options.filename };
      },
    };
    const images = await loadModelImages(fetcher, [image(1), image(2), image(3, 'image/webp')]);
    expect(images.map((i) => i.mediaType)).toEqual(['image/jpeg', 'image/webp']);
    expect(asked.every((max) => max === MAX_MODEL_IMAGE_BYTES)).toBe(true);
  });

  it('the Messages API request carries them as base64 image blocks before the newest user text only', () => {
    const params = toMessagesParams(
      {
        system: 'sys',
        turns: [
          { role: 'user', content: 'first' },
          { role: 'assistant', content: 'answer' },
          { role: 'user', content: 'is this the right label?' },
        ],
        maxTokens: 100,
        images: [{ mediaType: 'image/png', data: new Uint8Array([137, 80]) }],
      },
      'claude-haiku-4-5',
    );
    expect(params.messages[0]?.content).toBe('first');
    expect(params.messages[2]?.content).toEqual([
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVA=' } },
      { type: 'text', text: 'is this the right label?' },
    ]);
  });
});

/**
 * The file upload part of the emulated Slack Web API, in Slack's wire format, as `files.uploadV2` of
 * `@slack/web-api` drives it:
 * 1. `files.getUploadURLExternal` (`filename`, `length`) answers an `upload_url` on this fake and a `file_id`;
 * 2. the client POSTs the bytes there (multipart/form-data, or a raw body) and gets `200 OK - <length>`;
 * 3. `files.completeUploadExternal` (`files` as JSON `[{id, title}]`, `channel_id`, `thread_ts`,
 *    `initial_comment`) shares the uploaded files: a message with `files` appears in the channel or thread.
 * `GET /_fake/files/<id>` serves a file's bytes (the playground shows images with it).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A file uploaded to the fake. */
export interface FakeSlackFile {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  /** Bytes announced by `files.getUploadURLExternal`. */
  length: number;
  /** Bytes received at the upload URL (absent until uploaded). */
  data?: Uint8Array;
  /** Where it was shared by `files.completeUploadExternal`. */
  shared?: { channel: string; thread_ts?: string; ts: string };
}

/** What the files part needs from the fake it is part of. */
export interface FakeSlackFilesHost {
  /** `http://127.0.0.1:<port>` of the fake. */
  origin(): string;
  /** Adds a message to the channel model (the bot's, carrying `files`); returns its ts. */
  share(input: {
    channel: string;
    thread_ts?: string;
    text: string;
    files: Record<string, unknown>[];
  }): string;
}

type Answer = { status: number; body: Record<string, unknown> };

const MIME: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  pdf: 'application/pdf',
  ogg: 'audio/ogg',
  mp3: 'audio/mpeg',
  amr: 'audio/amr',
  m4a: 'audio/mp4',
  mp4: 'video/mp4',
  vcf: 'text/vcard',
};

/** The files part: `files.*` methods, the upload URL and the file server. */
export function createFakeSlackFiles(host: FakeSlackFilesHost) {
  const files = new Map<string, FakeSlackFile>();

  const ok = (body: Record<string, unknown> = {}): Answer => ({ status: 200, body: { ok: true, ...body } });
  const fail = (error: string): Answer => ({ status: 200, body: { ok: false, error } });

  /** Slack's public view of a file (what messages and `completeUploadExternal` carry). */
  const publicFile = (file: FakeSlackFile): Record<string, unknown> => ({
    id: file.id,
    name: file.name,
    title: file.title,
    mimetype: file.mimetype,
    filetype: file.name.split('.').pop() ?? 'binary',
    size: file.data?.byteLength ?? file.length,
    url_private: `${host.origin()}/_fake/files/${file.id}`,
  });

  /** Answers a `files.*` Web API method, or `undefined` for any other method. */
  function handle(method: string, args: Record<string, unknown>): Answer | undefined {
    if (method === 'files.getUploadURLExternal') {
      const filename = typeof args.filename === 'string' ? args.filename : '';
      const length = Number(args.length);
      if (!filename) return fail('invalid_arguments');
      if (!Number.isInteger(length) || length <= 0) return fail('invalid_arguments');
      const id = `F${randomBytes(5).toString('hex').toUpperCase()}`;
      const extension = filename.split('.').pop()?.toLowerCase() ?? '';
      files.set(id, {
        id,
        name: filename,
        title: filename,
        mimetype: MIME[extension] ?? 'application/octet-stream',
        length,
      });
      return ok({ upload_url: `${host.origin()}/upload/v1/${id}`, file_id: id });
    }
    if (method === 'files.completeUploadExternal') {
      let entries: { id?: unknown; title?: unknown }[];
      try {
        entries = typeof args.files === 'string' ? JSON.parse(args.files) : (args.files as typeof entries);
      } catch {
        return fail('invalid_arguments');
      }
      if (!Array.isArray(entries) || entries.length === 0) return fail('invalid_arguments');
      const chosen: FakeSlackFile[] = [];
      for (const entry of entries) {
        const file = typeof entry.id === 'string' ? files.get(entry.id) : undefined;
        if (!file) return fail('file_not_found');
        if (!file.data) return fail('file_upload_not_complete');
        if (typeof entry.title === 'string' && entry.title) file.title = entry.title;
        chosen.push(file);
      }
      const channel = typeof args.channel_id === 'string' ? args.channel_id : undefined;
      const threadTs = typeof args.thread_ts === 'string' && args.thread_ts ? args.thread_ts : undefined;
      if (threadTs && !channel) return fail('invalid_arguments');
      if (channel) {
        const ts = host.share({
          channel,
          ...(threadTs ? { thread_ts: threadTs } : {}),
          text: typeof args.initial_comment === 'string' ? args.initial_comment : '',
          files: chosen.map(publicFile),
        });
        for (const file of chosen)
          file.shared = { channel, ...(threadTs ? { thread_ts: threadTs } : {}), ts };
      }
      return ok({ files: chosen.map((file) => ({ id: file.id, title: file.title })) });
    }
    return undefined;
  }

  /** The upload URL (`POST /upload/v1/<id>`) and the file server (`GET /_fake/files/<id>`); false if neither. */
  async function route(request: IncomingMessage, response: ServerResponse, raw: Buffer): Promise<boolean> {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const upload = /^\/upload\/v1\/(F[0-9A-F]+)$/.exec(path);
    if (upload && request.method === 'POST') {
      const file = files.get(upload[1]!);
      if (!file) return text(response, 404, 'file not found');
      const contentType = request.headers['content-type'] ?? '';
      let data: Uint8Array = new Uint8Array(raw);
      if (contentType.startsWith('multipart/form-data')) {
        const form = await new Response(new Uint8Array(raw), {
          headers: { 'content-type': contentType },
        }).formData();
        const part = [...form.values()].find((value): value is File => typeof value !== 'string');
        if (!part) return text(response, 400, 'no file in the form');
        data = new Uint8Array(await part.arrayBuffer());
      }
      file.data = data;
      return text(response, 200, `OK - ${data.byteLength}`);
    }
    const served = /^\/_fake\/files\/(F[0-9A-F]+)$/.exec(path);
    if (served && request.method === 'GET') {
      const file = files.get(served[1]!);
      if (!file?.data) return text(response, 404, 'file not found');
      response.writeHead(200, {
        'content-type': file.mimetype,
        'content-length': file.data.byteLength,
        'access-control-allow-origin': '*',
      });
      response.end(Buffer.from(file.data));
      return true;
    }
    return false;
  }

  return { files, handle, route, publicFile };
}

function text(response: ServerResponse, status: number, body: string): true {
  response.writeHead(status, { 'content-type': 'text/plain' });
  response.end(body);
  return true;
}

/**
 * Help-centre import (`npm run knowledge -- import`): a folder of HTML or markdown articles becomes
 * `knowledge/` markdown files in the shape `core/knowledge.ts` chunks, one file per article:
 *
 *   # <the article's H1>
 *
 *   Source: <the article's URL>
 *
 *   <text before the first H2, if any>
 *
 *   ## <each H2>            one passage each; H3 and deeper stay inside their passage
 *   ## <H2> (part 2)        an over-long section is split, at H3 headings or paragraphs where it can
 *
 * The source URL is, first found: `<link rel="canonical">`, `<meta property="og:url">`, the front
 * matter's `url:`, or `--base-url` + the file's path without its extension. HTML becomes markdown with
 * `node-html-markdown`, from `<article>` (else `<main>`, else `<body>`), without navigation, scripts,
 * forms or images; relative links become absolute against the source URL. Tooling only: nothing here
 * is bundled into a Lambda function.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { NodeHtmlMarkdown } from 'node-html-markdown';
import { EXAMPLES_FILE, loadExamples, readKnowledgeFiles } from '../functions/adapters/knowledge-loader.ts';
import { chunkMarkdown, slugify } from '../functions/core/knowledge.ts';

/** Options of an import. */
export interface ImportOptions {
  /** The help centre's address: the source of an article with no canonical link, og:url or front matter url. */
  baseUrl?: string;
  /** Longest passage in estimated tokens (characters / 4); longer sections are split. @default 400 */
  maxPassageTokens?: number;
}

/** One converted article. */
export interface ImportedArticle {
  /** The input file, relative to the imported folder, with `/` separators. */
  input: string;
  /** The knowledge file to write, e.g. `billing-refunds.md` (flat: the Lambda bundle copies `knowledge/*.md`). */
  file: string;
  title: string;
  source?: string;
  /** The knowledge-base markdown. */
  markdown: string;
  /** Passages `chunkMarkdown` makes of it. */
  passages: number;
}

/** Default longest passage, in estimated tokens: five of them stay well within a prompt budget. */
export const DEFAULT_MAX_PASSAGE_TOKENS = 400;

const ARTICLE_EXTENSIONS = new Set(['.html', '.htm', '.md', '.markdown']);

/** Converts every article under `dir` (sorted); other files are ignored. */
export function importHelpCentre(dir: string, options: ImportOptions = {}): ImportedArticle[] {
  const inputs = (readdirSync(dir, { recursive: true }) as string[])
    .map((name) => relative(dir, join(dir, name)).split(sep).join('/'))
    .filter((name) => ARTICLE_EXTENSIONS.has(extname(name).toLowerCase()))
    .sort();
  const articles = inputs.map((input) =>
    convertArticle({ path: input, content: readFileSync(join(dir, input), 'utf8') }, options),
  );
  const byFile = new Map<string, string>();
  for (const article of articles) {
    const other = byFile.get(article.file);
    if (other) throw new Error(`${other} and ${article.input} would both be written to ${article.file}`);
    byFile.set(article.file, article.input);
  }
  return articles;
}

/** Writes the articles into `outDir` (created if needed; existing files of the same name are replaced). */
export function writeArticles(articles: ImportedArticle[], outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  return articles.map((article) => {
    const path = join(outDir, article.file);
    writeFileSync(path, article.markdown);
    return path;
  });
}

/** The passage ids of the knowledge files in `dir` (none when there is no such folder yet). */
export function passageIdsIn(dir: string): Set<string> {
  if (!existsSync(dir)) return new Set();
  return new Set(
    readKnowledgeFiles(dir).flatMap(({ file, source }) => chunkMarkdown(source, file).map((p) => p.id)),
  );
}

/**
 * The example phrasings of `dir`'s `examples.json` whose passage was there `before` an import and is not
 * any more (a re-imported article lost or renamed that section). The file is left as it is: the matcher
 * skips an example whose passage is gone, so it is only dead weight until someone moves or drops it.
 */
export function examplesOfRemovedPassages(
  dir: string,
  before: ReadonlySet<string>,
): { passages: string[]; phrasings: number } {
  const examples = loadExamples(join(dir, EXAMPLES_FILE));
  if (!examples) return { passages: [], phrasings: 0 };
  const now = passageIdsIn(dir);
  const passages = Object.keys(examples.passages)
    .filter((id) => before.has(id) && !now.has(id))
    .sort();
  const phrasings = passages.reduce((sum, id) => sum + (examples.passages[id]?.length ?? 0), 0);
  return { passages, phrasings };
}

/** Converts one article; `path` is relative to the imported folder and decides the file name and fallback URL. */
export function convertArticle(
  article: { path: string; content: string },
  options: ImportOptions = {},
): ImportedArticle {
  const path = article.path.replace(/\\/g, '/');
  const stem = path.replace(/\.[^./]+$/, '');
  const fallbackUrl = options.baseUrl ? urlFromBase(options.baseUrl, stem) : undefined;
  const isHtml = /\.html?$/i.test(path);
  const parsed = isHtml
    ? parseHtml(article.content, options.baseUrl)
    : parseMarkdownArticle(article.content, options.baseUrl);
  const source = parsed.source ?? fallbackUrl;
  const body = source ? absoluteLinks(parsed.markdown, source) : parsed.markdown;
  const { title: h1, rest } = takeTitle(body);
  const title = h1 ?? parsed.title ?? titleFromPath(stem);
  const markdown = renderArticle({
    title,
    ...(source ? { source } : {}),
    body: rest,
    maxChars: (options.maxPassageTokens ?? DEFAULT_MAX_PASSAGE_TOKENS) * 4,
  });
  const file = `${slugify(stem.replace(/\//g, ' ')) || 'article'}.md`;
  return {
    input: path,
    file,
    title,
    ...(source ? { source } : {}),
    markdown,
    passages: chunkMarkdown(markdown, file).length,
  };
}

/** `https://help.example.com` + `billing/refunds` → `https://help.example.com/billing/refunds` (`index` → its folder). */
function urlFromBase(baseUrl: string, stem: string): string {
  const path = stem.replace(/(^|\/)index$/i, '$1');
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return new URL(path.split('/').map(encodeURIComponent).join('/'), base).href;
}

/** An absolute http(s) URL from `href` (resolved against `base` when relative), or undefined. */
function absoluteUrl(href: string | undefined, base?: string): string | undefined {
  if (!href?.trim()) return undefined;
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Decodes the entities found in attribute values and titles. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** The attributes of every `<tag …>` in `html`, names lowercased. */
function tags(html: string, tag: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  for (const match of html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'gi'))) {
    const attributes: Record<string, string> = {};
    for (const attr of (match[1] ?? '').matchAll(/([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g)) {
      attributes[(attr[1] ?? '').toLowerCase()] = decodeEntities(attr[2] ?? attr[3] ?? attr[4] ?? '');
    }
    found.push(attributes);
  }
  return found;
}

/** Inner HTML of the first `<tag>` up to the last `</tag>`, if the page has one. */
function inner(html: string, tag: string): string | undefined {
  return new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*)</${tag}>`, 'i').exec(html)?.[1];
}

/** Elements that are page furniture, not article text. */
const IGNORED = ['nav', 'aside', 'footer', 'script', 'style', 'noscript', 'form', 'button', 'iframe', 'svg'];

function parseHtml(html: string, baseUrl?: string): { markdown: string; title?: string; source?: string } {
  const canonical = tags(html, 'link').find((a) =>
    (a.rel ?? '').toLowerCase().split(/\s+/).includes('canonical'),
  );
  const ogUrl = tags(html, 'meta').find((a) => (a.property ?? a.name ?? '').toLowerCase() === 'og:url');
  const source = absoluteUrl(canonical?.href, baseUrl) ?? absoluteUrl(ogUrl?.content, baseUrl);
  const pageTitle = /<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  const article = inner(html, 'article') ?? inner(html, 'main');
  // A page header (logo, search) is furniture; an <article>'s own <header> holds its H1.
  const content = article ?? inner(html, 'body') ?? html;
  const ignore = article ? IGNORED : [...IGNORED, 'header'];
  const markdown = NodeHtmlMarkdown.translate(content, {
    ignore,
    bulletMarker: '-',
    maxConsecutiveNewlines: 2,
  })
    // Images say nothing on WhatsApp or SMS.
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^.*$/gm, unescapeNumberDots);
  const title = pageTitle ? decodeEntities(pageTitle).replace(/\s+/g, ' ').trim() : undefined;
  return { markdown, ...(title ? { title } : {}), ...(source ? { source } : {}) };
}

/**
 * node-html-markdown escapes every "<digits>. " as if it started a list ("costs $29.95\\. Duties"):
 * only one at the start of a line needs it.
 */
function unescapeNumberDots(line: string): string {
  const lead = /^\s*\d+\\\./.exec(line)?.[0] ?? '';
  return lead + line.slice(lead.length).replace(/(\d)\\\./g, '$1.');
}

function parseMarkdownArticle(
  text: string,
  baseUrl?: string,
): { markdown: string; title?: string; source?: string } {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const front = /^---\n([\s\S]*?)\n---\n?/.exec(normalized);
  const fields: Record<string, string> = {};
  for (const line of front?.[1]?.split('\n') ?? []) {
    const field = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (field?.[1]) fields[field[1].toLowerCase()] = (field[2] ?? '').trim().replace(/^(["'])(.*)\1$/, '$2');
  }
  const markdown = front ? normalized.slice(front[0].length) : normalized;
  const source = absoluteUrl(fields.url ?? fields.canonical_url, baseUrl);
  return { markdown, ...(fields.title ? { title: fields.title } : {}), ...(source ? { source } : {}) };
}

/** Markdown links and autolinks with a relative target made absolute against `base`. */
function absoluteLinks(markdown: string, base: string): string {
  return markdown.replace(
    /(\]\()([^)\s]+)((?:\s+"[^"]*")?\))/g,
    (whole, open: string, href: string, close: string) => {
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('#')) return whole;
      const url = absoluteUrl(href, base);
      return url ? `${open}${url}${close}` : whole;
    },
  );
}

/** The first `# ` heading, when nothing but blank lines precede it, and the text without it. */
function takeTitle(markdown: string): { title?: string; rest: string } {
  const lines = markdown.split('\n');
  const first = lines.findIndex((line) => line.trim() !== '');
  const h1 = first >= 0 ? /^#\s+(.+?)\s*#*\s*$/.exec(lines[first] ?? '') : null;
  if (!h1?.[1]) return { rest: markdown };
  return { title: h1[1], rest: lines.slice(first + 1).join('\n') };
}

function titleFromPath(stem: string): string {
  const name =
    stem
      .split('/')
      .filter((part) => part && part.toLowerCase() !== 'index')
      .at(-1) ?? 'Article';
  const words = name.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Fenced code blocks (``` or ~~~) must not be split or have their `#` lines read as headings. */
const FENCE = /^\s*(```|~~~)/;

/** Splits markdown at `## ` headings (outside code fences): the text before the first, then each section. */
function sections(markdown: string): { intro: string; sections: { title: string; body: string }[] } {
  const out: { title: string; body: string[] }[] = [];
  const intro: string[] = [];
  let fenced = false;
  for (const raw of markdown.split('\n')) {
    // A second H1 in the body is a section like any H2.
    const heading = fenced ? null : /^#{1,2}\s+(.+?)\s*#*\s*$/.exec(raw);
    if (FENCE.test(raw)) fenced = !fenced;
    if (heading?.[1]) out.push({ title: heading[1], body: [] });
    else (out.at(-1)?.body ?? intro).push(raw);
  }
  return {
    intro: intro.join('\n').trim(),
    sections: out.map((s) => ({ title: s.title, body: s.body.join('\n').trim() })),
  };
}

/** Paragraph blocks (blank-line separated; a fenced code block stays one block). */
function blocks(text: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let fenced = false;
  for (const line of text.split('\n')) {
    if (FENCE.test(line)) fenced = !fenced;
    if (!fenced && line.trim() === '' && !FENCE.test(line)) {
      if (current.length) out.push(current.join('\n'));
      current = [];
    } else current.push(line);
  }
  if (current.length) out.push(current.join('\n'));
  return out;
}

/** A block too long for one passage, cut at sentence ends (or, failing that, at spaces). */
function cutBlock(block: string, maxChars: number): string[] {
  const pieces = block.split(/(?<=[.!?])\s+/);
  const out: string[] = [];
  let current = '';
  for (const piece of pieces) {
    let rest = piece;
    while (rest.length > maxChars) {
      const at = rest.lastIndexOf(' ', maxChars);
      const cut = at > maxChars / 2 ? at : maxChars;
      if (current) out.push(current);
      current = '';
      out.push(rest.slice(0, cut).trim());
      rest = rest.slice(cut).trim();
    }
    if (current && current.length + rest.length + 1 > maxChars) {
      out.push(current);
      current = rest;
    } else current = current ? `${current} ${rest}` : rest;
  }
  if (current) out.push(current);
  return out;
}

/**
 * A section body in parts of at most `maxChars`: paragraphs packed in order, a new part started at
 * an `###` heading once the current part is half full, a paragraph longer than a part cut at sentences.
 */
export function splitSection(body: string, maxChars: number): string[] {
  if (body.length <= maxChars) return [body];
  const parts: string[] = [];
  let current = '';
  for (const block of blocks(body).flatMap((b) => (b.length > maxChars ? cutBlock(b, maxChars) : [b]))) {
    const startsSubsection = /^#{3,6}\s/.test(block);
    const tooLong = current.length + block.length + 2 > maxChars;
    if (current && (tooLong || (startsSubsection && current.length > maxChars / 2))) {
      parts.push(current);
      current = block;
    } else current = current ? `${current}\n\n${block}` : block;
  }
  if (current) parts.push(current);
  return parts;
}

function renderArticle(input: { title: string; source?: string; body: string; maxChars: number }): string {
  const { title, source, body, maxChars } = input;
  const lines = [`# ${title}`, ''];
  if (source) lines.push(`Source: ${source}`, '');
  const { intro, sections: found } = sections(body);
  const all = [...found];
  // A short intro stays an intro (chunked as the `overview` passage); a long one is split like a section.
  if (intro && intro.length <= maxChars) lines.push(intro, '');
  else if (intro) all.unshift({ title: 'Overview', body: intro });
  for (const section of all) {
    if (!section.body) continue;
    splitSection(section.body, maxChars).forEach((part, i) => {
      lines.push(i === 0 ? `## ${section.title}` : `## ${section.title} (part ${i + 1})`, '', part, '');
    });
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

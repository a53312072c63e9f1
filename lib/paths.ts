/** Absolute paths of the repository, resolved from this file so synth works from any working directory. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (where package.json lives). */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, '');

/** The six Lambda handlers, by file name under `functions/handlers/`. */
export const handlerNames = [
  'twilio-webhook',
  'twilio-status',
  'slack-events',
  'conversation-worker',
  'escalation-notifier',
  'sla-sweeper',
] as const;

/** A handler's file name without extension. */
export type HandlerName = (typeof handlerNames)[number];

/** Absolute path of `functions/handlers/<name>.ts`. */
export function handlerEntry(name: HandlerName): string {
  return join(repoRoot, 'functions', 'handlers', `${name}.ts`);
}

/** Absolute path of the knowledge base directory. */
export const knowledgeDir = join(repoRoot, 'knowledge');

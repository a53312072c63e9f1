/**
 * `npm run dlq -- list | show <id> | redrive | purge [--queue events|escalations|all] [--stage <name>] [--yes]`:
 * inspect, redrive or purge the dead-letter queues. Options: see `bin/dlq-cli.ts`; commands and why a
 * redrive is idempotent: `bin/dlq-commands.ts`; runbook: docs/operations.md.
 */
import { runDlq } from './dlq-cli.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.exitCode = await runDlq(process.argv.slice(2));

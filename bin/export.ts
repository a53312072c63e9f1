/**
 * `npm run export -- <number> [--out file]`: everything held about a customer, as JSON. Options: see
 * `bin/customer-data-cli.ts`.
 */
import { runExport } from './customer-data-cli.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.exitCode = await runExport(process.argv.slice(2));

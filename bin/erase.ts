/**
 * `npm run erase -- <number>`: deletes everything held about a customer and replaces the bot's messages in
 * their Slack threads with "[erased]"; leaves an audit record with no personal data. Options: see
 * `bin/customer-data-cli.ts`.
 */
import { runErase } from './customer-data-cli.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.exitCode = await runErase(process.argv.slice(2));

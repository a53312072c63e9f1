/**
 * `npm run knowledge -- import <dir> [--out knowledge/] [--base-url https://help.example.com] [--max-tokens 400]`:
 * help-centre articles (HTML or markdown) into knowledge files. See `local/knowledge-cli.ts`.
 */
import businessSettings from '../config/business.ts';
import { parseBusinessSettings } from '../functions/shared/business-settings.ts';
import { runKnowledgeCli } from '../local/knowledge-cli.ts';

process.exitCode = await runKnowledgeCli(process.argv.slice(2), parseBusinessSettings(businessSettings));

/**
 * Loads zod's English error messages. The cold-start schemas use `zod/mini` (the same checks and
 * messages as classic `zod` in about a third of the bundled code: classic schemas carry every method,
 * JSON Schema conversion included; see bench/README.md, Bundles), which loads no locale, so without this
 * every message would be "Invalid input". Import it, for its effect, next to `zod/mini`.
 */
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

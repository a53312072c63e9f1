/**
 * Stand-in, in the Lambda bundles only, for `@aws-sdk/credential-provider-node` (the SDK's default
 * credential chain: environment, SSO, INI files, credential process, web identity, container and instance
 * metadata). Lambda always hands a function its role's credentials in AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, which the chain's first link (`fromEnv`) reads; the other
 * links, and the nested SSO/STS/sign-in clients they bring, never run there (~140 KB per bundle).
 * Tests and `npm run dev` run unbundled, with the real chain.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

/** The default chain reduced to its first link, as the SDK clients' runtime config calls it. */
export const defaultProvider = (init = {}) => fromEnv(init);

/**
 * Stand-in, in the Lambda bundles only, for `@aws-sdk/endpoint-cache`: the LRU cache (mnemonist) of the
 * endpoints DynamoDB's endpoint discovery finds. Discovery is off unless AWS_ENABLE_ENDPOINT_DISCOVERY (or
 * `endpoint_discovery_enabled` in a config file) turns it on, which Tandem never does; the client still
 * builds the cache and looks each request up in it, always empty. This cache is always empty and refuses
 * to be filled, so turning discovery on fails loudly (~7 KB less in every bundle that uses DynamoDB).
 * Tests and `npm run dev` run unbundled, with the real cache.
 */
export class EndpointCache {
  /** No discovered endpoint: the request keeps the endpoint it was resolved to. */
  getEndpoint() {
    return undefined;
  }

  get() {
    return undefined;
  }

  has() {
    return false;
  }

  set() {
    throw new Error(
      'DynamoDB endpoint discovery is not in the Lambda bundle (see lib/constructs/tandem-function.ts)',
    );
  }

  delete() {}

  clear() {}
}

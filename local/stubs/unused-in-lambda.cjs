/**
 * Stand-in, in the Lambda bundles only, for packages that Bolt `require`s at load time for receivers
 * Tandem never runs behind API Gateway (Express, Socket Mode, OAuth and their body parsers): the
 * functions use `AwsLambdaReceiver`. Any export is a class that throws when constructed, so loading
 * Bolt works and an accidental use fails loudly instead of misbehaving.
 */
'use strict';

const notBundled = (name) =>
  class NotInLambdaBundle {
    constructor() {
      throw new Error(`${name} is stubbed out of the Lambda bundle (see lib/constructs/tandem-function.ts)`);
    }
  };

module.exports = new Proxy(
  {},
  {
    get(_target, key) {
      // Not a thenable and not an ES module namespace: `await` and interop helpers see a plain object.
      if (typeof key !== 'string' || key === 'then' || key === '__esModule') return undefined;
      return notBundled(key);
    },
  },
);

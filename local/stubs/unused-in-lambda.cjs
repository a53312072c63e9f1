/**
 * Stand-in, in the Lambda bundles only, for packages that are loaded but never run there: those Bolt
 * `require`s at load time for receivers Tandem never runs behind API Gateway (Express, Socket Mode, OAuth
 * and their body parsers; the functions use `AwsLambdaReceiver`), and the AWS SDK's event-stream codec,
 * which only event-stream operations use (none of the clients the functions call has one). Any export is
 * a class that throws when constructed, so loading works and an accidental use fails loudly instead of
 * misbehaving.
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

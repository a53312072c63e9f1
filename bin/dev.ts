/**
 * `npm run dev`: the whole system on one machine.
 *   npm run dev -- [--reset] [--port 3000] [--in-memory] [--emulate-anthropic]
 * `--emulate-anthropic`: the model is the Anthropic API emulator instead of the offline responder (its AI
 * answers are a canned line, but it translates from a phrase table: the desk's translations can be tried).
 * Environment: PORT, DATA_DIR, LOG_LEVEL (INFO shows the handlers' JSON logs; default WARN),
 * CONSUMER_CONCURRENCY (batches each queue consumer runs at once; default 8), FUNCTION_THREADS (1 runs
 * the queue consumers and the sweeper in a worker thread of their own; default 0: one thread, the queue
 * consumers holding their receives while the gateway serves requests);
 * credentials (TWILIO_*, SLACK_*, ANTHROPIC_API_KEY) switch to the real services.
 */
import { parseArgs } from 'node:util';
import { createPlayground } from '../local/playground/server.ts';
import { HTTP_ROUTES, type LocalRuntime, startLocalRuntime } from '../local/runtime.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values } = parseArgs({
  options: {
    reset: { type: 'boolean', default: false },
    port: { type: 'string' },
    'in-memory': { type: 'boolean', default: false },
    'emulate-anthropic': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});

if (values.help) {
  console.log('usage: npm run dev -- [--reset] [--port <n>] [--in-memory] [--emulate-anthropic]');
  process.exit(0);
}

const port = values.port === undefined ? undefined : Number(values.port);
if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
  console.error(`--port must be a port number, got ${values.port}`);
  process.exit(2);
}

let runtime: LocalRuntime | undefined;
let stopping = false;
const playground = createPlayground();

async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  // During start-up there is nothing to stop yet: the code after start-up stops it.
  if (!runtime) return;
  playground.close();
  await runtime.stop();
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void shutdown(signal);
  });
}

try {
  // The Anthropic API emulator (see the usage above); stopped with the process.
  const anthropic = values['emulate-anthropic']
    ? await (await import('../local/fake-anthropic.ts')).startFakeAnthropic()
    : undefined;
  runtime = await startLocalRuntime({
    ...(port !== undefined ? { port } : {}),
    reset: values.reset,
    inMemory: values['in-memory'],
    fallback: playground.handler,
    ...(anthropic
      ? {
          env: {
            MODEL_PROVIDER: 'anthropic',
            ANTHROPIC_API_KEY: 'sk-ant-local-emulator',
            ANTHROPIC_BASE_URL: anthropic.url,
          },
        }
      : {}),
  });
  playground.attach(runtime);
} catch (error) {
  console.error(`could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(stopping ? 0 : 1);
}
if (stopping) {
  await runtime.stop();
  process.exit(0);
}

const { components } = await runtime.health();
const { services } = runtime;
const width = 12;
const line = (label: string, value: string) => console.log(`  ${label.padEnd(width)} ${value}`);
console.log(`\nTandem is running at ${runtime.url}\n`);
line('playground', `${runtime.url}/  (open it in a browser)`);
for (const [routeKey, handler] of Object.entries(HTTP_ROUTES))
  line(routeKey.split(' ')[0]!, `${runtime.url}${routeKey.split(' ')[1]} → ${handler}`);
line('GET', `${runtime.url}/health`);
console.log('');
line(
  'dynamodb',
  `${components.dynamodb}  ${services.dynamoEndpoint}${services.dataDir ? `  (data: ${services.dataDir})` : '  (in memory)'}`,
);
line('sqs', `${components.sqs}  ${services.sqsEndpoint}`);
line('twilio', `${components.twilio}  ${services.twilio.apiUrl}`);
line('slack', `${components.slack}  ${services.slack.apiUrl}  (channel ${services.slack.escalationChannel})`);
line('model', components.model);
// The business API of the AI's actions (config/actions.ts): the emulated sample orders API unless BUSINESS_API_URL.
line('orders api', `${services.orders.mode}  ${services.orders.apiUrl ?? '(none: no actions)'}`);
const notReady = Object.entries(components.handlers).filter(([, state]) => state !== 'ready');
line(
  'handlers',
  notReady.length === 0 ? 'all ready' : notReady.map(([name, state]) => `${name} ${state}`).join(', '),
);
console.log('\nCtrl+C to stop.\n');

/**
 * Entry of a function thread (local/function-thread-host.ts): a worker thread starts without the parent's
 * TypeScript loader when the parent was not started with it (vitest), so it registers tsx, then loads
 * the thread's TypeScript side.
 */
import { register } from 'tsx/esm/api';

register();
await import('./function-thread.ts');

/**
 * Optimistic concurrency: read, change, conditionally write; on a lost race read again and retry.
 */
import { ConflictError } from '../errors.ts';

/** Runs `attempt` until it does not throw `ConflictError`, at most `tries` times. */
export async function retryOnConflict<T>(attempt: () => Promise<T>, tries = 6): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConflictError) || i >= tries) throw error;
      // Small random pause so that racing writers do not collide again in lockstep.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * i));
    }
  }
}

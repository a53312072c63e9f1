/**
 * λ sla-sweeper — on a schedule: SLA reminders (per desk channel), WhatsApp window warnings, idle
 * auto-resolution, reassignment of auto-assigned cases nobody claimed in time.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { type SweepReport, sweepSla } from '../core/use-cases/sweep-sla.ts';
import { logger } from '../shared/logging.ts';
import { clock } from '../wiring/base.ts';
import { channel } from '../wiring/channel.ts';
import { desk } from '../wiring/desk.ts';
import { ledger } from '../wiring/ledger.ts';
import { assignDeps, routing } from '../wiring/routing.ts';
import { settings } from '../wiring/settings.ts';
import { store } from '../wiring/store.ts';

const assign = assignDeps(desk);

async function sweep(): Promise<SweepReport> {
  const report = await sweepSla({
    store,
    desk,
    channel,
    clock,
    settings,
    ledger,
    routing,
    ...(assign ? { assign } : {}),
  });
  logger.info('sla sweep', { ...report });
  return report;
}

/** Lambda entry point. */
export const handler = middy(sweep).use(injectLambdaContext(logger, { clearState: true }));

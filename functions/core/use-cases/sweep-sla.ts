/**
 * sweepSla — the scheduled sweeper.
 * 1. Unclaimed cases: a reminder in the thread after `reminderMinutes`; after `escalateMinutes` a mention
 *    of the configured group, a priority bump and (once) a wait notice to the customer, in the conversation's language.
 * 2. Claimed WhatsApp cases whose 24-hour window closes within an hour: one warning in the thread.
 * 3. AI conversations idle for `idleResolveMinutes`: resolved automatically (feeds first-interaction resolution).
 * 4. With `assign` (issue 16): an auto-assigned case not claimed within its route's `ackMinutes` goes to the
 *    next available agent; an auto-assign case nobody could take yet is assigned once someone is available.
 * Steps 1's minutes and mention group are the card's channel's (`routing.channels`), else `sla`'s.
 * Each step is recorded on the case, so a sweep that runs twice does nothing twice.
 */
import type { BusinessSettings } from '../../shared/business-settings.ts';
import { resolve } from '../conversation-state.ts';
import { messagesFor } from '../customer-messages.ts';
import type { Case, Priority } from '../model.ts';
import type { AgentDesk, Clock, ConversationStore, CustomerChannel, UsageLedger } from '../ports.ts';
import { channelSla, type DeskRouting, routeNamed } from '../routing.ts';
import { whatsappWindow } from '../whatsapp-window.ts';
import { type AssignDeps, announceAssignment, assignCase } from './assign-case.ts';
import { closingFigures, record, updateCase, updateConversation } from './conversations.ts';
import { sendToCustomer } from './send-to-customer.ts';

const bump: Record<Priority, Priority> = { low: 'normal', normal: 'high', high: 'urgent', urgent: 'urgent' };

/** What one sweep did. */
export interface SweepReport {
  reminders: number;
  mentions: number;
  windowWarnings: number;
  idleResolved: number;
  /** Cases (re)assigned by step 4. */
  reassigned: number;
}

/** Runs one sweep. */
export async function sweepSla(
  deps: {
    store: ConversationStore;
    desk: AgentDesk;
    channel: CustomerChannel;
    clock: Clock;
    settings: BusinessSettings;
    ledger?: UsageLedger;
    /** Per-channel SLA and mention group. */
    routing?: DeskRouting;
    /** Auto-assignment (reassignment of unacknowledged cases). */
    assign?: AssignDeps;
  },
  options: { limit?: number } = {},
): Promise<SweepReport> {
  const now = deps.clock.now();
  const report: SweepReport = {
    reminders: 0,
    mentions: 0,
    windowWarnings: 0,
    idleResolved: 0,
    reassigned: 0,
  };
  const cases = await deps.store.listOpenCases(options.limit ?? 200);

  for (const kase of cases) {
    if (!kase.deskRef) continue; // the card is not posted yet
    const waitedMinutes = (now.getTime() - Date.parse(kase.openedAt)) / 60_000;
    const sla = channelSla(deps.routing, deps.settings.sla, deps.desk.channelOf(kase.deskRef));
    if (kase.status === 'queued' && deps.assign && (await reassign(deps.assign, kase, now))) {
      report.reassigned++;
    }
    if (kase.status === 'queued') {
      const stage = kase.slaStage ?? 0;
      if (stage < 2 && waitedMinutes >= sla.escalateMinutes) {
        const updated = await updateCase(deps.store, kase.caseId, (current) =>
          (current.slaStage ?? 0) >= 2 || current.status !== 'queued'
            ? undefined
            : { slaStage: 2, priority: bump[current.priority] },
        );
        if (updated.slaStage === 2 && stage < 2) {
          await deps.desk.postInThread(
            kase.deskRef,
            `Still unclaimed after ${Math.floor(waitedMinutes)} minutes; priority raised to ${updated.priority}.`,
            sla.mentionGroup ? { mention: sla.mentionGroup } : undefined,
          );
          report.mentions++;
          if (!kase.customerToldWait) {
            const conversation = await deps.store.getConversation(kase.conversationId);
            if (conversation && conversation.caseId === kase.caseId) {
              await sendToCustomer(deps, {
                conversation,
                text: messagesFor(deps.settings, conversation.language).waitNotice,
                author: 'system',
                idempotencyKey: `wait#${kase.caseId}`,
              });
            }
            await updateCase(deps.store, kase.caseId, () => ({ customerToldWait: true }));
          }
        }
      } else if (stage < 1 && waitedMinutes >= sla.reminderMinutes) {
        const updated = await updateCase(deps.store, kase.caseId, (current) =>
          (current.slaStage ?? 0) >= 1 || current.status !== 'queued' ? undefined : { slaStage: 1 },
        );
        if (updated.slaStage === 1 && stage < 1) {
          await deps.desk.postInThread(
            kase.deskRef,
            `Reminder: this ${kase.priority}-priority case has waited ${Math.floor(waitedMinutes)} minutes for an agent.`,
          );
          report.reminders++;
        }
      }
    } else if (kase.status === 'claimed' && kase.packet.channel === 'whatsapp' && !kase.windowWarned) {
      const conversation = await deps.store.getConversation(kase.conversationId);
      const window = whatsappWindow(conversation?.lastInboundAt, now);
      if (window.open && window.minutesLeft <= 60) {
        await updateCase(deps.store, kase.caseId, () => ({ windowWarned: true }));
        await deps.desk.postInThread(
          kase.deskRef,
          `:hourglass: The WhatsApp window closes in ${window.minutesLeft} minutes; after that only the approved template can be sent.`,
          kase.owner ? { mention: kase.owner.id } : undefined,
        );
        report.windowWarnings++;
      }
    }
  }

  const idleBefore = new Date(now.getTime() - deps.settings.sla.idleResolveMinutes * 60_000).toISOString();
  for (const idle of await deps.store.listIdleConversations(idleBefore, options.limit ?? 200)) {
    // A conversation whose only messages since the last resolution were keywords or a survey answer has
    // no open request to resolve.
    if (idle.mode !== 'ai' || (idle.customerTurns ?? 0) === 0) continue;
    const figures = await closingFigures(deps.store, idle);
    const resolved = await updateConversation(deps, idle.id, (current) =>
      current.mode === 'ai' && (current.customerTurns ?? 0) > 0 && current.updatedAt <= idleBefore
        ? resolve(current, now)
        : undefined,
    );
    if (resolved.version !== idle.version && resolved.lastResolvedAt === now.toISOString()) {
      await record(deps, resolved, 'resolved', { data: { by: 'idle', outcome: 'idle', ...figures } });
      report.idleResolved++;
    }
  }
  return report;
}

/**
 * Step 4 for one unclaimed case: reassigns it when its assignee let `ackMinutes` pass, or assigns it when
 * nobody could take it before. A busy route or an unreadable directory waits for the next sweep.
 */
async function reassign(deps: AssignDeps, kase: Case, now: Date): Promise<boolean> {
  const route = routeNamed(deps.routing, kase.route);
  if (!route.autoAssign) return false;
  try {
    if (
      kase.assignedAt &&
      now.getTime() - Date.parse(kase.assignedAt) < route.autoAssign.ackMinutes * 60_000
    ) {
      // Not due: only make sure the assignee was told (a mention that failed is posted now).
      await announceAssignment(deps, kase);
      return false;
    }
    const outcome = await assignCase(
      deps,
      kase.caseId,
      kase.assignedAt ? { expectAssignedAt: kase.assignedAt } : {},
    );
    return outcome === 'assigned';
  } catch {
    return false;
  }
}

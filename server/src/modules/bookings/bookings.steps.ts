import type { Executor } from "../../platform/db/database.js";
import type { BookingsContext, StepKey } from "./bookings.context.js";
import type { Messages } from "./bookings.messages.js";
import type { BookingRow } from "./bookings.repository.js";
import { stepsFor } from "./bookings.rules.js";
import type { Settlement } from "./bookings.settlement.js";

/**
 * A booking's timed steps (reminders, the warning and the end of the reader's on-demand reading,
 * the no-show check): scheduled with the booking, found when due by every node's timer, and run
 * once each by a pg-boss job keyed by booking, step and version.
 */
export function createSteps(ctx: BookingsContext, messages: Messages, settlement: Settlement) {
  const { db, repository, now } = ctx;
  const deps = ctx;
  const { notifyBoth, emailBoth, describe } = messages;
  const { noShowUnopened } = settlement;

  /** Inserts a booking's timed steps for its current start. */
  async function scheduleSteps(tx: Executor, row: BookingRow, version: number, at: Date) {
    await repository.insertSteps(
      tx,
      stepsFor(row.startsAt, at).map(({ step, dueAt }) => ({ bookingId: row.id, step, version, dueAt })),
    );
  }

  /** Runs one timed step of a booking, once (the step row is locked and marked done with it). */
  async function runStep(key: StepKey) {
    const after: (() => Promise<void>)[] = [];
    await db.transaction(async (tx) => {
      const step = await repository.lockStep(tx, key);
      if (!step || step.doneAt) return;
      const row = await repository.lock(tx, key.bookingId);
      const at = now();
      await repository.markStepDone(tx, key, at);
      if (row?.status !== "confirmed") return;
      switch (key.step) {
        case "remind_24h":
        case "remind_15m": {
          const when = key.step === "remind_24h" ? "tomorrow" : "in 15 minutes";
          await notifyBoth(
            tx,
            row,
            "booking-reminder",
            `Your booked reading starts ${when}`,
            `The ${row.lengthMinutes}-minute ${row.modality} reading: ${row.readerName ?? "the reader"} with ${row.clientName ?? "the client"}. Join from 5 minutes before the start.`,
          );
          after.push(() =>
            emailBoth(
              row,
              "booking-reminder",
              `Reminder: your SoulSeer reading starts ${when}`,
              (zone) => `A reminder: your ${describe(row, zone)}.\nJoin from 5 minutes before the start.`,
            ),
          );
          return;
        }
        case "warn_on_demand": {
          for (const reading of await deps.readings.openOnDemandOf(row.readerUserId))
            for (const userId of [reading.clientUserId, reading.readerUserId])
              await deps.notifications.notify(tx, {
                userId,
                kind: "booking-ending-on-demand",
                title: "This reading ends in 5 minutes",
                body: `${reading.readerName ?? "The reader"} has a booked reading starting at ${row.startsAt.toISOString().slice(11, 16)} UTC: this reading will end (billed to the second) 5 minutes before it.`,
                link: null,
              });
          return;
        }
        case "clear_on_demand":
          await deps.readings.endOnDemandFor(tx, row.readerUserId);
          return;
        case "no_show":
          await noShowUnopened(tx, row, at);
          return;
      }
    });
    for (const task of after) await task();
  }

  /** Queues every due step's job (each node's timer; SKIP LOCKED keeps nodes apart). */
  async function queueDueSteps(limit = 200) {
    const due = await repository.claimDueSteps(db, now(), limit);
    for (const key of due) await deps.queueStep(key);
    return due.length;
  }

  return { scheduleSteps, runStep, queueDueSteps };
}

import type { Clock } from "../../platform/clock.js";
import type { Database } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { UsersService } from "../users/users.service.js";
import type { PayoutsRepository } from "./payouts.repository.js";
import { EARNING_SOURCES, type EarningSource, type SourceCents, sourceOf } from "./payouts.view.js";

/** The first year a statement can be asked for. */
export const FIRST_STATEMENT_YEAR = 2000;

const SOURCE_LABEL: Record<EarningSource, string> = {
  readings: "Readings",
  bookings: "Bookings",
  paidReplies: "Paid replies",
  gifts: "Gifts",
  tickets: "Tickets",
  tips: "Tips",
  other: "Other",
};

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

export interface StatementRow {
  month: string;
  sources: SourceCents;
  earnedCents: number;
  takenBackCents: number;
  netCents: number;
  paidOutCents: number;
}

const zeroSources = () => Object.fromEntries(EARNING_SOURCES.map((source) => [source, 0])) as SourceCents;

/** Dollars from integer cents, with two decimals and no float arithmetic ("-12.05"). */
export function dollarsOf(cents: number) {
  const sign = cents < 0 ? "-" : "";
  const whole = Math.abs(cents);
  return `${sign}${Math.floor(whole / 100)}.${String(whole % 100).padStart(2, "0")}`;
}

/** A CSV cell: quoted when needed, and a leading = + - @ neutralised (spreadsheet formula injection). */
function cell(value: string) {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-\d/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * A reader's yearly earnings statement, month by month (UTC): what they earned by source, what
 * refunds and lost disputes took back, the net, and what was paid out to them. Every amount is
 * read from the ledger (earnings and receivable entries) and the payouts the provider confirmed.
 */
export function createStatements(deps: {
  db: Database;
  clock: Clock;
  repository: PayoutsRepository;
  ledger: Pick<LedgerService, "earningsByMonth">;
  users: Pick<UsersService, "contactsOf">;
}) {
  async function statement(principal: Principal, year: number) {
    const now = deps.clock.now();
    if (!Number.isInteger(year) || year < FIRST_STATEMENT_YEAR || year > now.getUTCFullYear())
      throw new DomainError(
        "VALIDATION_FAILED",
        `A statement is for a year from ${FIRST_STATEMENT_YEAR} to this year.`,
        [{ path: "/year", message: `between ${FIRST_STATEMENT_YEAR} and ${now.getUTCFullYear()}` }],
      );
    const from = new Date(Date.UTC(year, 0, 1));
    const to = new Date(Date.UTC(year + 1, 0, 1));
    const [movements, paid, contacts] = await Promise.all([
      deps.ledger.earningsByMonth(principal.userId, from, to),
      deps.repository.paidByMonth(deps.db, principal.userId, from, to),
      deps.users.contactsOf([principal.userId]),
    ]);
    const months: StatementRow[] = MONTH_NAMES.map((_, index) => {
      const month = `${year}-${String(index + 1).padStart(2, "0")}`;
      const sources = zeroSources();
      let takenBackCents = 0;
      for (const row of movements) {
        if (row.month !== month) continue;
        sources[sourceOf(row.code)] += row.creditedCents;
        takenBackCents += row.takenCents;
      }
      const earnedCents = Object.values(sources).reduce((sum, cents) => sum + cents, 0);
      return {
        month,
        sources,
        earnedCents,
        takenBackCents,
        netCents: earnedCents - takenBackCents,
        paidOutCents: paid.get(month)?.cents ?? 0,
      };
    });
    const totalSources = zeroSources();
    for (const row of months)
      for (const source of EARNING_SOURCES) totalSources[source] += row.sources[source];
    const sum = (pick: (row: StatementRow) => number) => months.reduce((total, row) => total + pick(row), 0);
    return {
      year,
      readerName: contacts.get(principal.userId)?.displayName ?? null,
      generatedAt: now.toISOString(),
      months,
      totals: {
        sources: totalSources,
        earnedCents: sum((row) => row.earnedCents),
        takenBackCents: sum((row) => row.takenBackCents),
        netCents: sum((row) => row.netCents),
        paidOutCents: sum((row) => row.paidOutCents),
      },
    };
  }

  return {
    statement,

    /** The statement as CSV: one row per month and a total row, amounts in dollars. */
    async statementCsv(principal: Principal, year: number) {
      const data = await statement(principal, year);
      const header = [
        "Month",
        ...EARNING_SOURCES.map((source) => SOURCE_LABEL[source]),
        "Earned",
        "Refunds and disputes",
        "Net",
        "Paid out",
      ];
      const line = (label: string, row: Omit<StatementRow, "month">) =>
        [
          label,
          ...EARNING_SOURCES.map((source) => dollarsOf(row.sources[source])),
          dollarsOf(row.earnedCents),
          dollarsOf(row.takenBackCents),
          dollarsOf(row.netCents),
          dollarsOf(row.paidOutCents),
        ]
          .map(cell)
          .join(",");
      const lines = [
        header.map(cell).join(","),
        ...data.months.map((row, index) => line(`${MONTH_NAMES[index]} ${year}`, row)),
        line(`Total ${year}`, data.totals),
      ];
      return `${lines.join("\r\n")}\r\n`;
    },
  };
}

import type { ReactNode } from "react";
import type { ConversationReport } from "./queries";

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** A date and time as the admin reads it ("12 May 2026, 14:03" in their locale). */
export function formatWhen(iso: string): string {
  return dateTime.format(new Date(iso));
}

/** A small outlined tag beside a name or on a message. */
export function Tag({ tone, children }: { tone: "pink" | "gold" | "muted" | "red"; children: ReactNode }) {
  const styles = {
    pink: "border-pink/60 text-pink",
    gold: "border-gold/60 text-gold-soft",
    muted: "border-white/25 text-white/70",
    red: "border-red-400/70 text-red-200",
  }[tone];
  return (
    <span className={`inline-block rounded-full border px-2 py-0.5 text-xs font-semibold ${styles}`}>
      {children}
    </span>
  );
}

/** Who reported, and on whom: "Ana (client) reported Madame Rose (reader)". */
export function reportedWho(report: ConversationReport): { reporter: string; reported: string } {
  return report.side === "client"
    ? { reporter: `${report.reporterName} (client)`, reported: `${report.readerName} (reader)` }
    : { reporter: `${report.reporterName} (reader)`, reported: `${report.clientName} (client)` };
}

/** The report's state as a tag: open, or resolved. */
export function ReportStateTag({ report }: { report: ConversationReport }) {
  return report.resolvedAt ? <Tag tone="muted">Resolved</Tag> : <Tag tone="gold">Open</Tag>;
}

import { type ReactNode, useState } from "react";
import { Link } from "react-router";
import { Button } from "../../components/ui";
import { formatCents } from "../../lib/api/client";
import { AccountActionButtons } from "./account-action-dialog";
import { EditReaderForm } from "./edit-reader-form";
import type { AccountAction, AdminReader } from "./queries";
import { RATE_FIELDS } from "./reader-profile-fields";

function Badge({ tone, children }: { tone: "pink" | "gold" | "muted" | "red"; children: ReactNode }) {
  const styles = {
    pink: "border-pink/60 text-pink",
    gold: "border-gold/60 text-gold-soft",
    muted: "border-white/25 text-white/70",
    red: "border-red-400/70 text-red-200",
  }[tone];
  return (
    <span className={`rounded-full border px-2 py-0.5 text-xs font-semibold ${styles}`}>{children}</span>
  );
}

/** One reader in the admin list: account state, rates, and edit / suspend / ban / restore. */
export function ReaderRow({
  reader,
  onAction,
}: {
  reader: AdminReader;
  onAction: (action: AccountAction) => void;
}) {
  const [editing, setEditing] = useState(false);
  const rates = RATE_FIELDS.filter(([key]) => reader.rates[key] !== null)
    .map(([key, label]) => `${label} ${formatCents(reader.rates[key] ?? 0)}`)
    .join(" · ");
  return (
    <li className="py-4">
      <div className="flex flex-col gap-3 lg:flex-row lg:items-start lg:justify-between">
        <div className="min-w-0">
          <p className="flex flex-wrap items-center gap-2">
            <Link
              to={`/readers/${reader.slug}`}
              className="text-lg font-semibold text-pink underline-offset-4 hover:underline"
            >
              {reader.displayName}
            </Link>
            <Badge tone={reader.status === "online" ? "pink" : "muted"}>{reader.status}</Badge>
            {reader.account.role !== "reader" && (
              <Badge tone="red">{`account: ${reader.account.role}`}</Badge>
            )}
            {reader.account.status !== "active" && (
              <Badge tone="red">{`account ${reader.account.status}`}</Badge>
            )}
            {reader.noShowCount > 0 && (
              <Badge tone="gold">{`${reader.noShowCount} booking no-show${reader.noShowCount === 1 ? "" : "s"}`}</Badge>
            )}
          </p>
          <p className="text-sm text-white/70 [overflow-wrap:anywhere]">
            {reader.account.email} · /{reader.slug}
          </p>
          <p className="text-sm text-white/60">{rates || "No rates set"}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button variant="ghost" aria-expanded={editing} onClick={() => setEditing(!editing)}>
            {editing ? "Close editor" : "Edit"}
            <span className="sr-only"> {reader.displayName}</span>
          </Button>
          <AccountActionButtons
            status={reader.account.status}
            displayName={reader.displayName}
            onAction={onAction}
          />
        </div>
      </div>
      {editing && <EditReaderForm reader={reader} onDone={() => setEditing(false)} />}
    </li>
  );
}

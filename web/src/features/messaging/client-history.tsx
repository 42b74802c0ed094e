import { useId, useState } from "react";
import { Alert, Spinner } from "../../components/ui";
import { formatCents, friendlyMessage } from "../../lib/api/client";
import { MODALITY_LABEL } from "../readings/reading-format";
import { formatLength } from "./format";
import { type ClientHistory as History, useClientHistory } from "./queries";

const PRICING_LABEL: Record<string, string> = { per_unit: "by the minute", flat: "booked" };

/**
 * For the reader: the client's past readings with them (date, kind, length, amount) and the notes
 * the reader left. `collapsible` shows it folded (phones and narrow screens), with its count.
 */
export function ClientHistoryPanel({
  conversationId,
  clientName,
  collapsible,
}: {
  conversationId: string;
  clientName: string;
  collapsible: boolean;
}) {
  const history = useClientHistory(conversationId, true);
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const count = history.data?.readings.length;
  const title = `Readings with ${clientName}`;
  const body = (
    <>
      {history.isLoading && <Spinner label="Loading their readings" />}
      {history.error && <Alert>{friendlyMessage(history.error)}</Alert>}
      {history.data && <Readings history={history.data} />}
    </>
  );
  if (!collapsible)
    return (
      <section aria-label={title} className="card p-4">
        <h2 className="text-3xl text-gold">Client history</h2>
        <p className="mb-3 text-sm text-white/65">{title}, latest first, with your notes.</p>
        {body}
      </section>
    );
  return (
    <div className="border-b border-white/10 px-3 py-2 sm:px-5">
      <button
        type="button"
        className="flex min-h-11 w-full items-center justify-between gap-2 text-left text-sm font-semibold text-gold-soft"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        <span>
          Client history
          {count !== undefined && (
            <span className="font-normal text-white/65">
              {" "}
              · {count} {count === 1 ? "reading" : "readings"}
            </span>
          )}
        </span>
        <span aria-hidden="true">{open ? "▴" : "▾"}</span>
      </button>
      <div id={panelId} hidden={!open} className="pb-3">
        {body}
      </div>
    </div>
  );
}

function Readings({ history }: { history: History }) {
  if (history.readings.length === 0)
    return (
      <p className="rounded-lg border border-dashed border-white/20 px-3 py-4 text-center text-sm text-white/60">
        No readings with {history.clientName} yet.
      </p>
    );
  return (
    <ul className="flex flex-col gap-3">
      {history.readings.map((reading) => {
        const when = reading.startedAt ?? reading.endedAt;
        return (
          <li key={reading.readingId} className="rounded-xl border border-white/10 bg-night/40 p-3 text-sm">
            <p className="flex flex-wrap items-baseline justify-between gap-x-2">
              <span className="font-semibold text-white">
                {MODALITY_LABEL[reading.modality] ?? reading.modality}
                {PRICING_LABEL[reading.pricing] ? (
                  <span className="font-normal text-white/60"> · {PRICING_LABEL[reading.pricing]}</span>
                ) : null}
              </span>
              <span className="text-gold-soft">{formatCents(reading.chargedCents)}</span>
            </p>
            <p className="text-white/65">
              {when ? new Date(when).toLocaleDateString(undefined, { dateStyle: "medium" }) : "Not started"} ·{" "}
              {formatLength(reading.billedMs)}
            </p>
            {reading.readerNote ? (
              <p className="mt-2 whitespace-pre-line border-l-2 border-pink/60 pl-2 text-white/85">
                <span className="sr-only">Your note: </span>
                {reading.readerNote}
              </p>
            ) : (
              <p className="mt-1 text-xs text-white/45">No note.</p>
            )}
          </li>
        );
      })}
    </ul>
  );
}

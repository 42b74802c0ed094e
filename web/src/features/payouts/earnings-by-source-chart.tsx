import { useState } from "react";
import { EmptyState } from "../../components/ui";
import { formatCents } from "../../lib/api/client";
import type { MyPayouts } from "./queries";

type Period = keyof MyPayouts["chart"];
type Bucket = MyPayouts["chart"]["days"][number];
type Source = keyof Bucket["sources"];

/** Each source with its words and colour (pink and gold first: the most common ones). */
const SOURCES: { key: Source; label: string; fill: string; dot: string }[] = [
  { key: "readings", label: "Readings", fill: "fill-pink", dot: "bg-pink" },
  { key: "tips", label: "Tips", fill: "fill-gold", dot: "bg-gold" },
  { key: "bookings", label: "Bookings", fill: "fill-fuchsia-300", dot: "bg-fuchsia-300" },
  { key: "paidReplies", label: "Paid replies", fill: "fill-amber-200", dot: "bg-amber-200" },
  { key: "gifts", label: "Gifts", fill: "fill-rose-300", dot: "bg-rose-300" },
  { key: "tickets", label: "Tickets", fill: "fill-white", dot: "bg-white" },
  { key: "other", label: "Other", fill: "fill-white/40", dot: "bg-white/40" },
];

const PERIODS: { key: Period; label: string; caption: string }[] = [
  { key: "days", label: "By day", caption: "the last 30 days" },
  { key: "weeks", label: "By week", caption: "the last 12 weeks" },
  { key: "months", label: "By month", caption: "the last 12 months" },
];

const short = (start: string, period: Period) =>
  period === "months"
    ? new Date(`${start}T00:00:00Z`).toLocaleDateString(undefined, {
        month: "short",
        year: "2-digit",
        timeZone: "UTC",
      })
    : new Date(`${start}T00:00:00Z`).toLocaleDateString(undefined, {
        month: "short",
        day: "numeric",
        timeZone: "UTC",
      });

/**
 * Earnings by day, week or month, stacked by where they came from; screen readers get the same
 * numbers as a table.
 */
export function EarningsBySourceChart({ chart }: { chart: MyPayouts["chart"] }) {
  const [period, setPeriod] = useState<Period>("days");
  const buckets = chart[period];
  const caption = PERIODS.find((entry) => entry.key === period)?.caption ?? "";
  const total = buckets.reduce((sum, bucket) => sum + bucket.totalCents, 0);
  const max = Math.max(1, ...buckets.map((bucket) => bucket.totalCents));
  const used = SOURCES.filter((source) => buckets.some((bucket) => bucket.sources[source.key] > 0));
  const width = 600;
  const height = 170;
  const slot = width / buckets.length;
  return (
    <div className="mt-3">
      <fieldset className="flex flex-wrap gap-2">
        <legend className="sr-only">Chart period</legend>
        {PERIODS.map((entry) => (
          <button
            key={entry.key}
            type="button"
            aria-pressed={period === entry.key}
            onClick={() => setPeriod(entry.key)}
            className={`rounded-full border px-3 py-1 text-sm ${
              period === entry.key
                ? "border-pink bg-pink/20 text-white"
                : "border-white/20 text-white/70 hover:border-pink"
            }`}
          >
            {entry.label}
          </button>
        ))}
      </fieldset>
      {total === 0 ? (
        <EmptyState>No earnings in {caption} yet.</EmptyState>
      ) : (
        <figure className="mt-3">
          <svg
            viewBox={`0 0 ${width} ${height + 20}`}
            className="w-full"
            role="img"
            aria-labelledby="source-chart-title"
          >
            <title id="source-chart-title">{`Your earnings ${PERIODS.find((entry) => entry.key === period)?.label.toLowerCase()} over ${caption}, ${formatCents(total)} in all`}</title>
            {buckets.map((bucket, index) => {
              let top = height;
              return (
                <g key={bucket.start}>
                  {bucket.totalCents === 0 && (
                    <rect
                      x={index * slot + 2}
                      y={height - 1}
                      width={slot - 4}
                      height={1}
                      className="fill-white/10"
                    />
                  )}
                  {SOURCES.map((source) => {
                    const cents = bucket.sources[source.key];
                    if (cents <= 0) return null;
                    const barHeight = Math.max(2, (cents / max) * height);
                    top -= barHeight;
                    return (
                      <rect
                        key={source.key}
                        x={index * slot + 2}
                        y={top}
                        width={slot - 4}
                        height={barHeight}
                        rx={2}
                        className={source.fill}
                      >
                        <title>{`${short(bucket.start, period)}: ${source.label} ${formatCents(cents)}`}</title>
                      </rect>
                    );
                  })}
                </g>
              );
            })}
            <text x={0} y={height + 16} className="fill-white/60 text-[11px]">
              {buckets[0] ? short(buckets[0].start, period) : ""}
            </text>
            <text x={width} y={height + 16} textAnchor="end" className="fill-white/60 text-[11px]">
              {buckets.at(-1) ? short(buckets.at(-1)?.start ?? "", period) : ""}
            </text>
          </svg>
          <p className="mt-1 flex flex-wrap gap-4 text-xs text-white/70" aria-hidden="true">
            {used.map((source) => (
              <span key={source.key}>
                <span className={`mr-1 inline-block h-2 w-2 rounded-full ${source.dot}`} />
                {source.label}
              </span>
            ))}
          </p>
          <figcaption className="sr-only">
            <table>
              <thead>
                <tr>
                  <th scope="col">Period starting</th>
                  <th scope="col">Total</th>
                  {used.map((source) => (
                    <th scope="col" key={source.key}>
                      {source.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {buckets
                  .filter((bucket) => bucket.totalCents > 0)
                  .map((bucket) => (
                    <tr key={bucket.start}>
                      <th scope="row">{bucket.start}</th>
                      <td>{formatCents(bucket.totalCents)}</td>
                      {used.map((source) => (
                        <td key={source.key}>{formatCents(bucket.sources[source.key])}</td>
                      ))}
                    </tr>
                  ))}
              </tbody>
            </table>
          </figcaption>
        </figure>
      )}
    </div>
  );
}

import { useId } from "react";
import { Link, useSearchParams } from "react-router";
import { Alert, Button, Card, EmptyState, Spinner } from "../../components/ui";
import { formatCents, friendlyMessage } from "../../lib/api/client";
import { AdminShell } from "./admin-shell";
import {
  FIGURES_PERIODS,
  type FiguresBucket,
  type FiguresPeriod,
  type KeyFigures,
  useKeyFigures,
} from "./figures-queries";

type MoneyKey =
  | "moneyInCents"
  | "platformRevenueCents"
  | "readerEarningsCents"
  | "payoutsCents"
  | "refundsCents"
  | "disputesCents";

const MONEY: readonly { key: MoneyKey; label: string; hint: string; tone: "pink" | "gold" }[] = [
  { key: "moneyInCents", label: "Money in", hint: "Top-ups into wallets", tone: "pink" },
  { key: "platformRevenueCents", label: "Platform revenue", hint: "Net, after refunds", tone: "gold" },
  { key: "readerEarningsCents", label: "Readers' earnings", hint: "Their share of charges", tone: "pink" },
  { key: "payoutsCents", label: "Payouts", hint: "Confirmed by the provider", tone: "gold" },
  { key: "refundsCents", label: "Refunds", hint: "Back to clients' wallets", tone: "pink" },
  { key: "disputesCents", label: "Disputes", hint: "Taken back by card disputes", tone: "gold" },
];

const PERIOD_LABEL: Record<FiguresPeriod, { button: string; range: string }> = {
  day: { button: "Day", range: "the last 30 days" },
  week: { button: "Week", range: "the last 12 weeks" },
  month: { button: "Month", range: "the last 12 months" },
};

const utc = (options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat("en-US", { ...options, timeZone: "UTC" });
const SHORT_DAY = utc({ month: "short", day: "numeric" });
const MONTH = utc({ month: "short", year: "numeric" });

/** How a bucket is named: its day, the Monday of its week, or its month (all UTC). */
function bucketLabel(period: FiguresPeriod, start: string) {
  const date = new Date(`${start}T00:00:00Z`);
  if (period === "month") return MONTH.format(date);
  return period === "week" ? `Week of ${SHORT_DAY.format(date)}` : SHORT_DAY.format(date);
}

const isPeriod = (value: string | null): value is FiguresPeriod =>
  FIGURES_PERIODS.includes(value as FiguresPeriod);

/** The admin home: money by period from the ledger, sign-ups, readings in progress, the books' check. */
export function AdminFiguresPage() {
  const [params, setParams] = useSearchParams();
  const requested = params.get("period");
  const period: FiguresPeriod = isPeriod(requested) ? requested : "day";
  const figures = useKeyFigures(period);
  return (
    <AdminShell
      title="Key figures"
      subtitle="Every amount is read from the ledger's entries (UTC), so it adds up with the ledger check."
    >
      <div className="grid gap-6 [&>*]:min-w-0">
        <nav aria-label="Period" className="flex flex-wrap gap-2">
          {FIGURES_PERIODS.map((choice) => (
            <button
              key={choice}
              type="button"
              aria-pressed={choice === period}
              onClick={() => setParams({ period: choice })}
              className={`min-h-11 rounded-full px-5 py-2 text-sm ${choice === period ? "bg-gold text-night" : "border border-gold/50 text-gold hover:bg-gold/10"}`}
            >
              {PERIOD_LABEL[choice].button}
            </button>
          ))}
        </nav>
        {figures.isLoading && <Spinner label="Loading the key figures" />}
        {figures.error && !figures.data && (
          <Alert>
            {friendlyMessage(figures.error)}{" "}
            <Button variant="ghost" className="ml-2" onClick={() => figures.refetch()}>
              Try again
            </Button>
          </Alert>
        )}
        {figures.data && <Figures data={figures.data} stale={figures.isPlaceholderData} />}
      </div>
    </AdminShell>
  );
}

function Figures({ data, stale }: { data: KeyFigures; stale: boolean }) {
  const range = PERIOD_LABEL[data.period].range;
  return (
    <div className={`grid gap-6 transition-opacity ${stale ? "opacity-60" : ""}`} aria-busy={stale}>
      <section aria-label={`Totals over ${range}`} className="grid grid-cols-2 gap-3 lg:grid-cols-3">
        {MONEY.map((figure) => (
          <Stat
            key={figure.key}
            label={figure.label}
            value={formatCents(data.totals[figure.key])}
            hint={`${figure.hint}, ${range}`}
            tone={figure.tone}
          />
        ))}
        <Stat label="Readings now" value={String(data.activeReadingsNow)} hint="In progress" tone="pink" />
        <Stat
          label="New accounts"
          value={String(data.totals.newUsers)}
          hint={`${data.totals.newReaders} of them readers, ${range}`}
          tone="gold"
        />
        <LastCheck check={data.lastLedgerCheck} />
      </section>
      <div className="grid gap-6 md:grid-cols-2 [&>*]:min-w-0">
        {MONEY.map((figure) => (
          <Card key={figure.key} className="min-w-0">
            <h2 className={`text-4xl ${figure.tone === "gold" ? "text-gold" : "text-pink"}`}>
              {figure.label}
            </h2>
            <p className="text-sm text-white/70">
              {figure.hint} per {data.period}, {range}: {formatCents(data.totals[figure.key])} in all.
            </p>
            <BarChart
              period={data.period}
              buckets={data.buckets}
              title={`${figure.label} per ${data.period} over ${range}`}
              series={[{ name: figure.label, tone: figure.tone, value: (bucket) => bucket[figure.key] }]}
              format={formatCents}
            />
          </Card>
        ))}
        <Card className="min-w-0">
          <h2 className="text-4xl text-pink">New accounts</h2>
          <p className="text-sm text-white/70">
            Sign-ups per {data.period}, {range}; readers in gold.
          </p>
          <BarChart
            period={data.period}
            buckets={data.buckets}
            title={`New accounts and new readers per ${data.period} over ${range}`}
            series={[
              { name: "New accounts", tone: "pink", value: (bucket) => bucket.newUsers },
              { name: "New readers", tone: "gold", value: (bucket) => bucket.newReaders },
            ]}
            format={String}
          />
        </Card>
      </div>
    </div>
  );
}

function Stat({
  label,
  value,
  hint,
  tone,
}: {
  label: string;
  value: string;
  hint: string;
  tone: "pink" | "gold";
}) {
  return (
    <div className="card flex min-w-0 flex-col gap-1 p-4">
      <span className="text-sm text-white/75">{label}</span>
      <span className={`break-words text-2xl font-semibold ${tone === "gold" ? "text-gold" : "text-pink"}`}>
        {value}
      </span>
      <span className="text-xs text-white/60">{hint}</span>
    </div>
  );
}

function LastCheck({ check }: { check: KeyFigures["lastLedgerCheck"] }) {
  return (
    <div className="card col-span-2 flex min-w-0 flex-col gap-1 p-4 lg:col-span-1">
      <span className="text-sm text-white/75">Last ledger check</span>
      {check ? (
        <span className={`text-lg font-semibold ${check.ok ? "text-emerald-300" : "text-red-300"}`}>
          {check.ok ? "The books balance" : `${check.violations} problem(s) found`}
        </span>
      ) : (
        <span className="text-lg font-semibold text-white/80">Not run on this server yet</span>
      )}
      <span className="text-xs text-white/60">
        {check ? `${new Date(check.at).toLocaleString()} · ` : ""}
        <Link to="/admin/money" className="text-pink underline-offset-4 hover:underline">
          Check now
        </Link>
      </span>
    </div>
  );
}

interface Series {
  name: string;
  tone: "pink" | "gold";
  value: (bucket: FiguresBucket) => number;
}

/**
 * Bars per bucket from a zero line (amounts below zero hang under it); a second series is drawn
 * narrower in front of the first. Screen readers get every bucket's figures as a table.
 */
function BarChart({
  period,
  buckets,
  title,
  series,
  format,
}: {
  period: FiguresPeriod;
  buckets: FiguresBucket[];
  title: string;
  series: Series[];
  format: (value: number) => string;
}) {
  const titleId = useId();
  const values = buckets.flatMap((bucket) => series.map((one) => one.value(bucket)));
  if (values.every((value) => value === 0))
    return <EmptyState>Nothing in {PERIOD_LABEL[period].range}.</EmptyState>;
  const width = 600;
  const height = 160;
  const top = Math.max(0, ...values);
  const bottom = Math.min(0, ...values);
  const scale = height / Math.max(1, top - bottom);
  const zeroY = top * scale;
  const slot = width / buckets.length;
  return (
    <figure className="mt-3">
      <svg viewBox={`0 0 ${width} ${height + 20}`} className="w-full" role="img" aria-labelledby={titleId}>
        <title id={titleId}>{title}</title>
        <line x1={0} x2={width} y1={zeroY} y2={zeroY} className="stroke-white/15" />
        {buckets.map((bucket, index) =>
          series.map((one, rank) => {
            const value = one.value(bucket);
            if (value === 0) return null;
            const barHeight = Math.max(2, Math.abs(value) * scale);
            const inset = 2 + rank * Math.min(6, slot / 5);
            return (
              <rect
                key={`${bucket.start}-${one.name}`}
                x={index * slot + inset}
                y={value > 0 ? zeroY - barHeight : zeroY}
                width={Math.max(1, slot - inset * 2)}
                height={barHeight}
                rx={2}
                className={one.tone === "gold" ? "fill-gold" : value < 0 ? "fill-pink/50" : "fill-pink"}
              >
                <title>{`${bucketLabel(period, bucket.start)}: ${one.name} ${format(value)}`}</title>
              </rect>
            );
          }),
        )}
        <text x={0} y={height + 16} className="fill-white/60 text-[11px]">
          {buckets[0] ? bucketLabel(period, buckets[0].start) : ""}
        </text>
        <text x={width} y={height + 16} textAnchor="end" className="fill-white/60 text-[11px]">
          {buckets.at(-1) ? bucketLabel(period, buckets.at(-1)?.start ?? "") : ""}
        </text>
      </svg>
      <figcaption className="sr-only">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{PERIOD_LABEL[period].button}</th>
              {series.map((one) => (
                <th key={one.name} scope="col">
                  {one.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {buckets.map((bucket) => (
              <tr key={bucket.start}>
                <th scope="row">{bucketLabel(period, bucket.start)}</th>
                {series.map((one) => (
                  <td key={one.name}>{format(one.value(bucket))}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </figcaption>
    </figure>
  );
}

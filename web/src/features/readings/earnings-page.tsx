import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { RequireUser } from "../../app/require-user";
import { Alert, Card, EmptyState, PageTitle, Spinner } from "../../components/ui";
import { api, formatCents, friendlyMessage, unwrap } from "../../lib/api/client";
import { formatClock, MODALITY_LABEL } from "./reading-format";

type Earnings = Awaited<ReturnType<typeof fetchEarnings>>;

function fetchEarnings() {
  return unwrap(api.GET("/api/v1/readers/me/earnings"));
}

export function EarningsPage() {
  const earnings = useQuery({ queryKey: ["earnings"], queryFn: fetchEarnings, refetchInterval: 30_000 });
  return (
    <RequireUser requiredRole="reader">
      {() => (
        <div className="mx-auto grid max-w-4xl gap-6 [&>*]:min-w-0">
          <PageTitle subtitle="Your share of every paid minute and every tip, paid out daily once it reaches the payout threshold.">
            Earnings
          </PageTitle>
          {earnings.isLoading && <Spinner label="Loading your earnings" />}
          {earnings.error && <Alert>{friendlyMessage(earnings.error)}</Alert>}
          {earnings.data && <EarningsView data={earnings.data} />}
        </div>
      )}
    </RequireUser>
  );
}

function EarningsView({ data }: { data: Earnings }) {
  return (
    <>
      <dl className="grid min-w-0 grid-cols-2 gap-4 sm:grid-cols-4">
        {(
          [
            ["Payable now", data.payableCents, "text-pink"],
            ["Today", data.todayCents, "text-gold"],
            ["This week", data.weekCents, "text-gold"],
            ["This month", data.monthCents, "text-gold"],
          ] as const
        ).map(([label, cents, color]) => {
          const tips =
            label === "Today"
              ? data.tips.todayCents
              : label === "This week"
                ? data.tips.weekCents
                : label === "This month"
                  ? data.tips.monthCents
                  : 0;
          return (
            <Card key={label}>
              <dt className="text-sm text-white/60">{label}</dt>
              <dd className={`font-heading text-4xl ${color}`} data-testid={`earnings-${label}`}>
                {formatCents(cents)}
              </dd>
              {tips > 0 && <dd className="text-xs text-white/60">incl. {formatCents(tips)} in tips</dd>}
            </Card>
          );
        })}
      </dl>
      <Card>
        <h2 className="text-4xl text-gold">Last 30 days</h2>
        <DailyChart days={data.days} />
      </Card>
      <Card className="min-w-0">
        <h2 className="text-4xl text-gold">Paid readings</h2>
        {data.readings.length === 0 ? (
          <EmptyState>No paid readings yet. Go online from your dashboard to take requests.</EmptyState>
        ) : (
          <div className="mt-3 overflow-x-auto">
            <table className="w-full min-w-[32rem] text-left text-sm">
              <caption className="sr-only">Your recent paid readings</caption>
              <thead className="text-white/60">
                <tr>
                  <th scope="col" className="py-2">
                    Ended
                  </th>
                  <th scope="col">Type</th>
                  <th scope="col">Billed</th>
                  <th scope="col">Client paid</th>
                  <th scope="col">Your share</th>
                  <th scope="col">Tips</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-white/10">
                {data.readings.map((reading) => (
                  <tr key={reading.id}>
                    <td className="py-2">
                      <Link to={`/readings/${reading.id}`} className="text-pink underline">
                        {new Date(reading.endedAt).toLocaleString()}
                      </Link>
                    </td>
                    <td>{MODALITY_LABEL[reading.modality] ?? reading.modality}</td>
                    <td>{formatClock(reading.billedSeconds * 1000)}</td>
                    <td>{formatCents(reading.chargedCents)}</td>
                    <td className="font-semibold text-gold">{formatCents(reading.readerShareCents)}</td>
                    <td>{reading.tipCents > 0 ? formatCents(reading.tipCents) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}

/** Bars per day (readings in pink, tips in gold on top); screen readers get the same numbers as a table. */
function DailyChart({ days }: { days: Earnings["days"] }) {
  const max = Math.max(1, ...days.map((day) => day.cents));
  const total = days.reduce((sum, day) => sum + day.cents, 0);
  if (total === 0) return <EmptyState>Nothing in the last 30 days yet.</EmptyState>;
  const width = 600;
  const height = 160;
  const bar = width / days.length;
  return (
    <figure className="mt-3">
      <svg
        viewBox={`0 0 ${width} ${height + 20}`}
        className="w-full"
        role="img"
        aria-labelledby="earnings-chart-title"
      >
        <title id="earnings-chart-title">{`Your share per day over the last 30 days, ${formatCents(total)} in all`}</title>
        {days.map((day, index) => {
          const barHeight = Math.max(day.cents > 0 ? 2 : 0, (day.cents / max) * height);
          const tipHeight = day.cents > 0 ? (day.tipCents / day.cents) * barHeight : 0;
          const label = `${day.day}: ${formatCents(day.cents)}${day.tipCents > 0 ? `, ${formatCents(day.tipCents)} in tips` : ""}`;
          return (
            <g key={day.day}>
              <rect
                x={index * bar + 2}
                y={height - barHeight}
                width={bar - 4}
                height={barHeight}
                rx={3}
                className={day.cents > 0 ? "fill-pink" : "fill-white/10"}
              >
                <title>{label}</title>
              </rect>
              {tipHeight > 0 && (
                <rect
                  x={index * bar + 2}
                  y={height - barHeight}
                  width={bar - 4}
                  height={tipHeight}
                  rx={3}
                  className="fill-gold"
                >
                  <title>{label}</title>
                </rect>
              )}
            </g>
          );
        })}
        <text x={0} y={height + 16} className="fill-white/60 text-[11px]">
          {days[0]?.day}
        </text>
        <text x={width} y={height + 16} textAnchor="end" className="fill-white/60 text-[11px]">
          {days.at(-1)?.day}
        </text>
      </svg>
      {days.some((day) => day.tipCents > 0) && (
        <p className="mt-1 flex gap-4 text-xs text-white/70" aria-hidden="true">
          <span>
            <span className="mr-1 inline-block h-2 w-2 rounded-full bg-pink" />
            Readings
          </span>
          <span>
            <span className="mr-1 inline-block h-2 w-2 rounded-full bg-gold" />
            Tips
          </span>
        </p>
      )}
      <figcaption className="sr-only">
        <table>
          <tbody>
            {days
              .filter((day) => day.cents > 0)
              .map((day) => (
                <tr key={day.day}>
                  <th scope="row">{day.day}</th>
                  <td>{formatCents(day.cents)}</td>
                  <td>{day.tipCents > 0 ? `${formatCents(day.tipCents)} in tips` : ""}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </figcaption>
    </figure>
  );
}

import { Link } from "react-router";
import { RequireUser } from "../../app/require-user";
import { Alert, Card, EmptyState, PageTitle, Spinner } from "../../components/ui";
import { formatCents, friendlyMessage } from "../../lib/api/client";
import { formatClock, MODALITY_LABEL } from "../readings/reading-format";
import { DailyChart } from "./daily-chart";
import { type Earnings, useMyEarnings } from "./queries";

export function EarningsPage() {
  const earnings = useMyEarnings();
  return (
    <RequireUser requiredRole="reader">
      {() => (
        <div className="mx-auto grid max-w-4xl gap-6 [&>*]:min-w-0">
          <PageTitle
            subtitle={
              <>
                Your share of every paid minute and every tip.{" "}
                <Link to="/reader/payouts" className="text-pink underline">
                  See your payouts
                </Link>
                {" · "}
                <Link to="/reader/earnings/statement" className="text-pink underline">
                  Yearly statement
                </Link>
              </>
            }
          >
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

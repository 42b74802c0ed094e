import { Link, useSearchParams } from "react-router";
import { RequireUser } from "../../app/require-user";
import { Alert, Button, Card, PageTitle, Select, Spinner } from "../../components/ui";
import { formatCents, friendlyMessage } from "../../lib/api/client";
import { type Statement, useStatement } from "./queries";

const FIRST_YEAR = 2000;
const YEARS_SHOWN = 7;

const SOURCES = [
  ["readings", "Readings"],
  ["bookings", "Bookings"],
  ["paidReplies", "Paid replies"],
  ["gifts", "Gifts"],
  ["tickets", "Tickets"],
  ["tips", "Tips"],
  ["other", "Other"],
] as const;

const MONTH = new Intl.DateTimeFormat(undefined, { month: "long", timeZone: "UTC" });

/** A reader's yearly earnings statement: a table by month, a CSV download and a printable page. */
export function StatementPage() {
  const [params, setParams] = useSearchParams();
  const thisYear = new Date().getUTCFullYear();
  const asked = Number(params.get("year"));
  const year = Number.isInteger(asked) && asked >= FIRST_YEAR && asked <= thisYear ? asked : thisYear;
  const statement = useStatement(year);
  const years = Array.from({ length: YEARS_SHOWN }, (_, index) => thisYear - index).filter(
    (option) => option >= FIRST_YEAR,
  );
  return (
    <RequireUser requiredRole="reader">
      {() => (
        <div className="mx-auto grid max-w-5xl gap-6 [&>*]:min-w-0 print:max-w-none print:text-black">
          <PageTitle
            subtitle={
              <span data-print="hide">
                Month by month (UTC), from the ledger: what you earned, what refunds and disputes took back,
                and what was paid out to you.{" "}
                <Link to="/reader/earnings" className="text-pink underline">
                  Back to earnings
                </Link>
              </span>
            }
          >
            Earnings statement {year}
          </PageTitle>
          <div data-print="hide" className="flex flex-wrap items-end gap-3">
            <Select
              label="Year"
              value={String(year)}
              onChange={(event) => setParams({ year: event.target.value })}
              className="w-40"
            >
              {years.map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </Select>
            <a
              href={`/api/v1/readers/me/earnings/statements/${year}/csv`}
              download={`soulseer-earnings-${year}.csv`}
              className="flex min-h-11 items-center rounded-full border border-gold/60 px-5 py-2 text-gold hover:bg-gold/10"
            >
              Download CSV
            </a>
            <Button variant="gold" onClick={() => window.print()} disabled={!statement.data}>
              Print
            </Button>
          </div>
          {statement.isLoading && <Spinner label="Loading the statement" />}
          {statement.error && <Alert>{friendlyMessage(statement.error)}</Alert>}
          {statement.data && <StatementTable data={statement.data} />}
        </div>
      )}
    </RequireUser>
  );
}

function StatementTable({ data }: { data: Statement }) {
  const empty =
    data.totals.earnedCents === 0 && data.totals.paidOutCents === 0 && data.totals.takenBackCents === 0;
  const used = SOURCES.filter(([key]) => data.totals.sources[key] !== 0);
  const shown = used.length > 0 ? used : SOURCES.slice(0, 1);
  return (
    <Card className="min-w-0 print:p-0">
      <p className="text-sm text-white/70 print:text-black">
        {data.readerName ?? "Reader"} · generated {new Date(data.generatedAt).toLocaleString()} · amounts in
        US dollars
      </p>
      {empty && (
        <p className="mt-3 text-white/70 print:text-black" role="status">
          Nothing was earned or paid out in {data.year}.
        </p>
      )}
      <div className="mt-4 overflow-x-auto">
        <table className="w-full min-w-[40rem] text-right text-sm tabular-nums print:min-w-0 print:text-black">
          <caption className="sr-only">
            Earnings statement {data.year}, by month: earned by source, taken back, net and paid out
          </caption>
          <thead className="text-white/60 print:text-black">
            <tr className="border-b border-white/15 print:border-black">
              <th scope="col" className="py-2 text-left">
                Month
              </th>
              {shown.map(([key, label]) => (
                <th key={key} scope="col">
                  {label}
                </th>
              ))}
              <th scope="col">Earned</th>
              <th scope="col">Refunds and disputes</th>
              <th scope="col">Net</th>
              <th scope="col">Paid out</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-white/10 print:divide-black/30">
            {data.months.map((row) => (
              <tr key={row.month}>
                <th scope="row" className="py-2 text-left font-normal">
                  {MONTH.format(new Date(`${row.month}-01T00:00:00Z`))}
                </th>
                {shown.map(([key]) => (
                  <td key={key}>{formatCents(row.sources[key])}</td>
                ))}
                <td>{formatCents(row.earnedCents)}</td>
                <td>{row.takenBackCents > 0 ? `−${formatCents(row.takenBackCents)}` : formatCents(0)}</td>
                <td className="text-gold print:text-black">{formatCents(row.netCents)}</td>
                <td>{formatCents(row.paidOutCents)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="border-t border-gold/50 font-semibold print:border-black">
              <th scope="row" className="py-2 text-left">
                Total {data.year}
              </th>
              {shown.map(([key]) => (
                <td key={key}>{formatCents(data.totals.sources[key])}</td>
              ))}
              <td>{formatCents(data.totals.earnedCents)}</td>
              <td>
                {data.totals.takenBackCents > 0
                  ? `−${formatCents(data.totals.takenBackCents)}`
                  : formatCents(0)}
              </td>
              <td className="text-gold print:text-black">{formatCents(data.totals.netCents)}</td>
              <td>{formatCents(data.totals.paidOutCents)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      {used.length < SOURCES.length && used.length > 0 && (
        <p className="mt-3 text-xs text-white/60 print:text-black">
          Sources with no earnings this year are left out; the CSV has every column.
        </p>
      )}
    </Card>
  );
}

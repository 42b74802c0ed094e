import { EmptyState } from "../../components/ui";
import { formatCents } from "../../lib/api/client";
import type { Earnings } from "./queries";

/** Bars per day (readings in pink, tips in gold on top); screen readers get the same numbers as a table. */
export function DailyChart({ days }: { days: Earnings["days"] }) {
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

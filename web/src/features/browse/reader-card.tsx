import { Link } from "react-router";
import { formatCents } from "../../lib/api/client";
import type { ResponseOf } from "../../lib/api/types";
import { LiveStatusBadge } from "../readers/live-status";
import { ReaderAvatar } from "../readers/reader-avatar";
import { SPECIALTY_LABELS } from "../readers/specialties";

export type ListedReader = ResponseOf<"/api/v1/readers">["items"][number];

function lowestRate(reader: Pick<ListedReader, "rates">) {
  const rates = [reader.rates.chat, reader.rates.voice, reader.rates.video].filter(
    (rate): rate is number => rate !== null,
  );
  return rates.length ? Math.min(...rates) : null;
}

/** A reader in the browse list: photo, name, live status, specialties, rating and lowest rate. */
export function ReaderCard({ reader }: { reader: ListedReader }) {
  const from = lowestRate(reader);
  return (
    <li className="card flex flex-col gap-3 p-5">
      <div className="flex items-start justify-between gap-3">
        <ReaderAvatar name={reader.displayName} photoUrl={reader.photoUrl} />
        <div className="mr-auto">
          <Link to={`/readers/${reader.slug}`} className="font-heading text-4xl text-pink hover:underline">
            {reader.displayName}
          </Link>
          <p className="text-white/80">{reader.headline}</p>
        </div>
        <LiveStatusBadge readerUserId={reader.userId} status={reader.status} />
      </div>
      <p className="text-sm text-gold-soft">
        {reader.specialties.map((value) => SPECIALTY_LABELS[value] ?? value).join(" · ")}
      </p>
      <p className="mt-auto text-sm text-white/70">
        {reader.ratingCount > 0
          ? `★ ${reader.ratingAverage.toFixed(1)} (${reader.ratingCount})`
          : "New reader"}
        {from !== null && ` · from ${formatCents(from)}/min`}
      </p>
    </li>
  );
}

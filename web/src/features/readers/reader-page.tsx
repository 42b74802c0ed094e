import { useParams } from "react-router";
import { Alert, Card, Spinner } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { useMe } from "../../lib/session";
import { BookReading } from "../bookings/book-reading";
import { MessageReaderButton } from "../messaging/message-reader-button";
import { StartReading } from "../readings/start-reading";
import { ReaderReviews } from "../reviews/reader-reviews";
import { AutomaticDemoNotice } from "./automatic-demo-notice";
import { FavoriteControls } from "./favorite-controls";
import { LiveStatusBadge } from "./live-status";
import { useReaderProfile } from "./queries";
import { ReaderAvatar } from "./reader-avatar";
import { SPECIALTY_LABELS } from "./specialties";

/** A reader's public page: profile, live status, start buttons, booking and reviews. */
export function ReaderPage() {
  const { slug = "" } = useParams();
  const { data: me } = useMe();
  const reader = useReaderProfile(slug);
  if (reader.isLoading) return <Spinner label="Loading the reader" />;
  if (reader.error || !reader.data) return <Alert>{friendlyMessage(reader.error)}</Alert>;
  const data = reader.data;
  return (
    <div className="mx-auto grid max-w-5xl gap-6 lg:grid-cols-[1.4fr_1fr]">
      <Card>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <ReaderAvatar name={data.displayName} photoUrl={data.photoUrl} size="lg" />
          <h1 className="mr-auto text-6xl text-pink">{data.displayName}</h1>
          <LiveStatusBadge readerUserId={data.userId} status={data.status} announce />
        </div>
        <p className="mt-2 text-xl text-gold-soft">{data.headline}</p>
        {data.automaticDemo && <AutomaticDemoNotice name={data.displayName} />}
        <p className="mt-2 text-sm text-white/70">
          {data.ratingCount > 0
            ? `★ ${data.ratingAverage.toFixed(1)} from ${data.ratingCount} reviews`
            : "No reviews yet"}{" "}
          · {data.yearsOfExperience} {data.yearsOfExperience === 1 ? "year" : "years"} of experience · speaks{" "}
          {data.languages.join(", ").toUpperCase()}
        </p>
        <p className="mt-5 whitespace-pre-line leading-7 text-white/85">{data.bio}</p>
        <h2 className="mt-6 text-3xl text-gold">Specialties</h2>
        <ul className="mt-2 flex flex-wrap gap-2">
          {data.specialties.map((value) => (
            <li key={value} className="rounded-full border border-pink/40 px-3 py-1 text-sm">
              {SPECIALTY_LABELS[value] ?? value}
            </li>
          ))}
        </ul>
        {data.tools.length > 0 && (
          <p className="mt-4 text-sm text-white/70">Tools: {data.tools.join(", ")}</p>
        )}
        {me?.role === "client" && <FavoriteControls readerUserId={data.userId} name={data.displayName} />}
        <MessageReaderButton reader={data} />
      </Card>
      <StartReading reader={data} />
      <BookReading reader={data} />
      <ReaderReviews slug={data.slug} readerUserId={data.userId} />
    </div>
  );
}

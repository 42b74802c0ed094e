import { useParams } from "react-router";
import { RequireUser } from "../../app/require-user";
import { Alert, Button, Card, PageTitle, Spinner } from "../../components/ui";
import { formatCents, friendlyMessage } from "../../lib/api/client";
import { useLiveTopic } from "../../lib/live";
import type { User } from "../../lib/session";
import { AfterReading } from "./after-reading";
import { BookedMeter, BookedWaiting } from "./booked-reading";
import { MediaCall } from "./media-call";
import { useEndReading, useLiveReading } from "./queries";
import { ReadingChat } from "./reading-chat";
import { MODALITY_LABEL, OPEN_STATES, type ReadingView, RUNNING_STATES } from "./reading-format";
import { ReadingMeter } from "./reading-meter";
import { ReadingSummary } from "./reading-summary";

/** A reading from the first ring to the review: both sides, live. */
export function ReadingRoomPage() {
  const { readingId = "" } = useParams();
  return <RequireUser>{(me) => <ReadingRoom readingId={readingId} me={me} />}</RequireUser>;
}

function ReadingRoom({ readingId, me }: { readingId: string; me: User }) {
  const reading = useLiveReading(readingId);
  const data = reading.data;
  const open = data ? OPEN_STATES.has(data.state) : false;
  // Being in the room is what the meter counts as connected: subscribe while the reading is open.
  useLiveTopic(open ? `reading:${readingId}` : null, () => {});
  if (reading.isLoading) return <Spinner label="Opening your reading" />;
  if (reading.error || !data) return <Alert>{friendlyMessage(reading.error)}</Alert>;
  const role = data.clientUserId === me.id ? "client" : "reader";
  const other = role === "client" ? data.readerName : data.clientName;
  const booked = data.pricing === "flat";
  const price = booked
    ? `booked, ${formatCents(data.ratePerUnitCents)} for ${Math.round(data.unitMs / 60_000)} minutes`
    : `${formatCents(data.ratePerUnitCents)}/min, locked`;
  return (
    <div className="mx-auto grid max-w-5xl gap-6">
      <PageTitle subtitle={`${MODALITY_LABEL[data.modality]} reading with ${other} · ${price}`}>
        Your reading
      </PageTitle>
      {data.state === "created" && <Ringing reading={data} role={role} />}
      {data.state === "waiting" &&
        (booked ? (
          <BookedWaiting reading={data} other={other} />
        ) : (
          <Card>
            <p className="text-lg" role="status">
              Accepted. Connecting you both… Billing starts only when both of you are here.
            </p>
          </Card>
        ))}
      {RUNNING_STATES.has(data.state) &&
        (booked ? (
          <BookedMeter reading={data} role={role} other={other} />
        ) : (
          <ReadingMeter reading={data} role={role} other={other} />
        ))}
      {data.state === "active" && data.modality !== "chat" && (
        <MediaCall readingId={readingId} myUserId={me.id} role={role} video={data.modality === "video"} />
      )}
      {(data.state === "ended" || data.state === "finalized") && (
        <ReadingSummary reading={data} role={role} />
      )}
      {data.state === "finalized" && data.billedMs > 0 && (
        <AfterReading readingId={readingId} role={role} showSummary={false} />
      )}
      {data.state !== "created" && (data.state !== "finalized" || data.startedAt) && (
        <ReadingChat
          readingId={readingId}
          myUserId={me.id}
          myCountry={me.country}
          otherName={other}
          canSend={data.state === "active"}
          ended={data.state === "ended" || data.state === "finalized"}
          pausedReason={
            data.state === "paused"
              ? "Paused until funds arrive"
              : data.state === "reconnecting"
                ? `Paused while ${other} reconnects`
                : data.state === "waiting"
                  ? "The chat opens when you are both here"
                  : "This reading has ended; the transcript is kept here"
          }
        />
      )}
    </div>
  );
}

function Ringing({ reading, role }: { reading: ReadingView; role: "client" | "reader" }) {
  const cancel = useEndReading(reading.id);
  return (
    <Card>
      <p className="text-lg motion-safe:animate-pulse" role="status">
        {role === "client"
          ? `Calling ${reading.readerName}… they have up to a minute to answer.`
          : `${reading.clientName} is calling you.`}
      </p>
      <p className="mt-1 text-sm text-white/70">Nothing is charged until you are both connected.</p>
      {role === "client" && (
        <Button variant="ghost" className="mt-4" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
          Cancel request
        </Button>
      )}
    </Card>
  );
}

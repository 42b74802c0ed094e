import type { ReactNode } from "react";
import { Alert, Card, Spinner } from "../../components/ui";
import { formatCents, friendlyMessage } from "../../lib/api/client";
import { MessageClientButton } from "../messaging/message-client-button";
import { useReadingAfter } from "../reviews/queries";
import { PrivateNotes, ReaderNoteForm, ReaderNoteView } from "../reviews/reading-notes";
import { ClientReviewForReader, ReviewPanel } from "../reviews/review-panel";
import { TipPanel } from "../reviews/tip-panel";
import { useReading } from "./queries";
import type { ReadingView } from "./reading-format";

type Role = "client" | "reader";

function formatDuration(seconds: number) {
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min ${seconds % 60} s` : `${seconds} s`;
}

/** What follows a reading: its summary, a tip, the review, the reader's note and the client's private notes. */
export function AfterReading({
  readingId,
  role,
  showSummary = true,
}: {
  readingId: string;
  role: Role;
  /** False where the page shows its own summary (the reading room). */
  showSummary?: boolean;
}) {
  const reading = useReading(readingId);
  const after = useReadingAfter(readingId);
  if (reading.isLoading || after.isLoading) return <Spinner label="Loading your reading" />;
  if (reading.error || after.error || !reading.data || !after.data)
    return <Alert>{friendlyMessage(reading.error ?? after.error)}</Alert>;
  const finished = reading.data.state === "ended" || reading.data.state === "finalized";
  if (!finished)
    return <Alert kind="info">This reading is still going on; come back when it has ended.</Alert>;
  return (
    <div className="flex flex-col gap-6">
      {showSummary && <ReadingFacts reading={reading.data} role={role} />}
      {role === "client" ? (
        <>
          {after.data.readerNote && <ReaderNoteView note={after.data.readerNote} />}
          {after.data.canTip && <TipPanel readingId={readingId} />}
          <ReviewPanel readingId={readingId} after={after.data} />
          <PrivateNotes readingId={readingId} readerUserId={reading.data.readerUserId} after={after.data} />
        </>
      ) : (
        <>
          <ClientReviewForReader after={after.data} />
          <ReaderNoteForm readingId={readingId} current={after.data.readerNote?.text ?? ""} />
          <MessageClientButton
            client={{ userId: reading.data.clientUserId, name: reading.data.clientName }}
          />
        </>
      )}
    </div>
  );
}

function ReadingFacts({ reading, role }: { reading: ReadingView; role: Role }) {
  return (
    <Card>
      <h2 className="text-4xl text-gold">Your reading</h2>
      <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Fact label="Type" value={<span className="capitalize">{reading.modality}</span>} />
        <Fact label="Billed time" value={formatDuration(reading.billedSeconds)} />
        <Fact label={role === "client" ? "You paid" : "Charged"} value={formatCents(reading.chargedCents)} />
        {role === "reader" && reading.readerShareCents !== null && (
          <Fact label="Your share" value={formatCents(reading.readerShareCents)} />
        )}
      </dl>
    </Card>
  );
}

function Fact({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div>
      <dt className="text-xs uppercase tracking-wide text-white/60">{label}</dt>
      <dd className="text-lg font-semibold text-white">{value}</dd>
    </div>
  );
}

import { Link, useNavigate } from "react-router";
import { Alert, Button, Card } from "../../components/ui";
import { ApiError, formatCents, friendlyMessage } from "../../lib/api/client";
import { useReaderStatus } from "../../lib/live";
import { useMe } from "../../lib/session";
import { BOOK_SECTION_ID } from "../bookings/booking-draft";
import { useBookingOptions } from "../bookings/queries";
import { JoinWaitlist } from "../waitlist/join-waitlist";
import { MyPlaceInLine } from "../waitlist/my-waitlist";
import { useMyWaitlist } from "../waitlist/queries";
import { useWallet } from "../wallet/queries";
import { type Modality, useStartReading } from "./queries";
import { MODALITY_LABEL } from "./reading-format";

const LOW_BALANCE_MINUTES = 5;

interface StartableReader {
  userId: string;
  displayName: string;
  status: string;
  rates: { chat: number | null; voice: number | null; video: number | null };
}

const UNAVAILABLE: Record<string, string> = {
  busy: "is in a reading right now",
  away: "is away",
  offline: "is offline",
};

/** The reader page's start buttons: locked rate, what the balance buys, and why a start is not possible. */
export function StartReading({ reader }: { reader: StartableReader }) {
  const navigate = useNavigate();
  const { data: me } = useMe();
  const status = useReaderStatus(reader.userId, reader.status);
  const wallet = useWallet({ enabled: me?.role === "client" });
  const waitlist = useMyWaitlist();
  const inLine = waitlist.data?.items.some(
    (item) => item.readerUserId === reader.userId && (item.status === "waiting" || item.status === "offered"),
  );
  const start = useStartReading(reader.userId);
  // A booked reading starts within 20 minutes: no on-demand readings until it is over.
  const bookedSoon = useBookingOptions(reader.userId).data?.bookedSoon === true;
  const begin = (modality: Modality, expectedRatePerUnitCents: number) =>
    start.mutate(
      { modality, expectedRatePerUnitCents },
      { onSuccess: (data) => navigate(`/readings/${data.reading.id}`) },
    );
  const modalities = (["chat", "voice", "video"] as const).filter(
    (modality) => reader.rates[modality] !== null,
  );
  const balance = wallet.data?.balanceCents ?? null;
  const blocked = !me
    ? "Sign in as a client to start a reading."
    : me.role !== "client"
      ? "Readings are started from a client account."
      : bookedSoon
        ? `${reader.displayName} has a booked reading starting soon, so on-demand readings are paused until it is over. Book a time below instead.`
        : status !== "online"
          ? `${reader.displayName} ${UNAVAILABLE[status] ?? "is not available"}. Ask for a callback, or star them to hear when they are back.`
          : null;
  // A client may join the line of a reader who is not free (or has others waiting first).
  const canQueue = me?.role === "client" && !inLine && status !== "online";
  const startError = start.error instanceof ApiError ? start.error : null;
  return (
    <Card>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-4xl text-gold">Start a reading</h2>
        {bookedSoon && (
          <span className="rounded-full border border-gold/60 bg-gold/10 px-3 py-1 text-sm font-semibold text-gold-soft">
            Booked soon
          </span>
        )}
      </div>
      <MyPlaceInLine readerUserId={reader.userId} readerName={reader.displayName} />
      {modalities.length === 0 && (
        <p className="mt-2 text-white/70">This reader has not set per-minute rates yet.</p>
      )}
      <ul className="mt-3 flex flex-col gap-3">
        {modalities.map((modality) => {
          const rate = reader.rates[modality] ?? 0;
          const minutes = balance === null ? null : Math.floor(balance / rate);
          const tooLittle = minutes !== null && minutes < 1;
          return (
            <li key={modality} className="rounded-lg border border-white/10 p-3">
              <div className="flex items-center justify-between">
                <span>{MODALITY_LABEL[modality]}</span>
                <span className="font-semibold">{formatCents(rate)}/min</span>
              </div>
              {minutes !== null && (
                <p className={`text-xs ${minutes < LOW_BALANCE_MINUTES ? "text-gold" : "text-white/60"}`}>
                  Your balance buys {minutes} {minutes === 1 ? "minute" : "minutes"}
                  {minutes > 0 && minutes < LOW_BALANCE_MINUTES ? " — consider adding funds first." : "."}
                </p>
              )}
              {tooLittle && !blocked ? (
                <Link
                  to="/wallet"
                  className="mt-2 block rounded-full border border-gold px-4 py-2 text-center font-semibold text-gold hover:bg-gold/10"
                >
                  Add funds to start a {modality} reading
                </Link>
              ) : (
                <Button
                  className="mt-2 w-full"
                  disabled={Boolean(blocked) || start.isPending}
                  aria-describedby={blocked ? "start-reason" : undefined}
                  onClick={() => begin(modality, rate)}
                >
                  {start.isPending && start.variables?.modality === modality
                    ? "Calling…"
                    : `Start ${modality} reading`}
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      {blocked && modalities.length > 0 && (
        <p id="start-reason" className="mt-3 text-sm text-white/70" role="status">
          {blocked}
        </p>
      )}
      {canQueue &&
        modalities.map((modality) => (
          <JoinWaitlist
            key={modality}
            readerUserId={reader.userId}
            readerName={reader.displayName}
            modality={modality}
          />
        ))}
      {startError?.code === "READER_BOOKED_SOON" ? (
        <Alert kind="info">
          {startError.message}{" "}
          <a href={`#${BOOK_SECTION_ID}`} className="font-semibold underline">
            See open times
          </a>
        </Alert>
      ) : (
        startError && (
          <Alert>
            {friendlyMessage(startError)}{" "}
            {(startError.code === "INSUFFICIENT_FUNDS" || startError.code === "SPENDING_LIMIT_REACHED") && (
              <Link to="/wallet" className="underline">
                Go to your wallet
              </Link>
            )}
          </Alert>
        )
      )}
      {startError?.code === "QUEUE_AHEAD" && start.variables && !inLine && (
        <JoinWaitlist
          readerUserId={reader.userId}
          readerName={reader.displayName}
          modality={start.variables.modality}
        />
      )}
    </Card>
  );
}

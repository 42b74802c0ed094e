import { useEffect, useId, useRef, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { Alert, Button, Card, TextArea } from "../../components/ui";
import { ApiError, formatCents, friendlyMessage } from "../../lib/api/client";
import { useMe } from "../../lib/session";
import { MODALITY_LABEL } from "../readings/reading-format";
import { useWallet } from "../wallet/queries";
import { walletWithReturn } from "../wallet/return-to";
import {
  BOOK_SECTION_ID,
  type BookingChoice,
  choiceFromUrl,
  choiceUrl,
  savedQuestion,
  saveQuestion,
} from "./booking-draft";
import { BookingError, SLOT_GONE_CODES } from "./booking-error";
import { type BookingOptions, isLength, useBook, useBookingOptions } from "./queries";
import { SlotPicker } from "./slot-picker";
import { formatDateTime, viewerTimeZone, zoneLabel } from "./time";

const QUESTION_MAX = 1000;

interface BookableReader {
  userId: string;
  displayName: string;
  slug: string;
}

/** The reader page's "Book a reading": shown only when the reader takes bookings. */
export function BookReading({ reader }: { reader: BookableReader }) {
  const options = useBookingOptions(reader.userId);
  if (options.error)
    return (
      <Card className="lg:col-span-2">
        <h2 className="text-4xl text-gold">Book a reading</h2>
        <Alert>{friendlyMessage(options.error)}</Alert>
      </Card>
    );
  if (!options.data?.bookable) return null;
  return <BookingPanel reader={reader} options={options.data} />;
}

function BookingPanel({ reader, options }: { reader: BookableReader; options: BookingOptions }) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { data: me } = useMe();
  const [initial] = useState(() => choiceFromUrl(params, options));
  const [choice, setChoice] = useState<BookingChoice>(initial);
  const [zone, setZone] = useState(viewerTimeZone);
  const [question, setQuestion] = useState(() => savedQuestion(reader.userId));
  const book = useBook(reader.userId);
  const isClient = me?.role === "client";
  const wallet = useWallet({ enabled: isClient });
  const rate = options.ratePerMinuteCents ?? 0;
  const priceCents = rate * choice.lengthMinutes;
  const returnTo = choiceUrl(reader.slug, choice);
  const lengths = options.lengthsMinutes.filter(isLength);
  const short = wallet.data && wallet.data.balanceCents < priceCents;

  // Back from signing in or topping up: bring the chosen time into view.
  useEffect(() => {
    if (!initial.startsAt) return;
    heading.current?.scrollIntoView({ block: "start" });
    heading.current?.focus({ preventScroll: true });
  }, [initial.startsAt]);

  const choose = (next: Partial<BookingChoice>) => {
    book.reset();
    setChoice((current) => ({ ...current, startsAt: null, ...next }));
  };
  const confirm = () => {
    if (!choice.startsAt) return;
    book.mutate(
      {
        modality: choice.modality,
        lengthMinutes: choice.lengthMinutes,
        startsAt: choice.startsAt,
        expectedPriceCents: priceCents,
        timeZone: viewerTimeZone(),
        question: question.trim() || undefined,
      },
      {
        onSuccess: (data) => {
          saveQuestion(reader.userId, "");
          navigate(`/bookings?booked=${encodeURIComponent(data.booking.id)}`);
        },
        onError: (error) => {
          if (error instanceof ApiError && SLOT_GONE_CODES.has(error.code))
            setChoice((current) => ({ ...current, startsAt: null }));
        },
      },
    );
  };

  return (
    <Card className="lg:col-span-2">
      <section id={BOOK_SECTION_ID} aria-labelledby={headingId} className="scroll-mt-24">
        <h2 id={headingId} ref={heading} tabIndex={-1} className="text-4xl text-gold">
          Book a reading
        </h2>
        <p className="mt-1 text-white/75">
          Pick a time that suits you; {reader.displayName} will be there. The price is fixed —{" "}
          {formatCents(rate)} a minute — and held from your wallet when you book.
        </p>
        <div className="mt-5 grid gap-6 lg:grid-cols-[1.1fr_1fr]">
          <div className="flex min-w-0 flex-col gap-5">
            <ChoiceButtons
              legend="Type of reading"
              values={options.modalities}
              current={choice.modality}
              label={(value) => MODALITY_LABEL[value] ?? value}
              onChoose={(modality) => choose({ modality })}
            />
            <ChoiceButtons
              legend="Length"
              values={lengths}
              current={choice.lengthMinutes}
              label={(value) => `${value} min · ${formatCents(rate * value)}`}
              onChoose={(lengthMinutes) => choose({ lengthMinutes })}
            />
            <SlotPicker
              readerUserId={reader.userId}
              modality={choice.modality}
              lengthMinutes={choice.lengthMinutes}
              horizonDays={options.horizonDays}
              readerTimeZone={options.readerTimeZone}
              selected={choice.startsAt}
              onSelect={(startsAt) => {
                book.reset();
                setChoice((current) => ({ ...current, startsAt }));
              }}
              zone={zone}
              onZoneChange={setZone}
            />
          </div>
          <div className="flex min-w-0 flex-col gap-4">
            <Summary reader={reader} choice={choice} zone={zone} priceCents={priceCents} />
            <TextArea
              label="What would you like to focus on? (optional)"
              rows={4}
              maxLength={QUESTION_MAX}
              value={question}
              onChange={(event) => {
                setQuestion(event.target.value);
                saveQuestion(reader.userId, event.target.value);
              }}
              hint={`Only ${reader.displayName} sees it. ${question.length}/${QUESTION_MAX} characters.`}
            />
            {isClient && short && wallet.data && !book.error && (
              <Alert kind="info">
                Your wallet holds {formatCents(wallet.data.balanceCents)}; this booking reserves{" "}
                {formatCents(priceCents)}.{" "}
                <Link to={walletWithReturn(returnTo)} className="font-semibold underline">
                  {choice.startsAt ? "Add funds and come back to this time" : "Add funds first"}
                </Link>
              </Alert>
            )}
            {book.error && <BookingError error={book.error} priceCents={priceCents} returnTo={returnTo} />}
            <BookAction
              signedIn={Boolean(me)}
              isClient={isClient}
              returnTo={returnTo}
              disabled={!choice.startsAt || book.isPending}
              pending={book.isPending}
              priceCents={priceCents}
              onConfirm={confirm}
            />
          </div>
        </div>
      </section>
    </Card>
  );
}

function Summary({
  reader,
  choice,
  zone,
  priceCents,
}: {
  reader: BookableReader;
  choice: BookingChoice;
  zone: string;
  priceCents: number;
}) {
  return (
    <div className="rounded-xl border border-gold/40 bg-gold/5 p-4" aria-live="polite">
      <h3 className="font-body text-sm font-semibold uppercase tracking-widest text-gold-soft">
        Your booking
      </h3>
      <p className="mt-2 text-lg">
        {choice.lengthMinutes}-minute {choice.modality} reading with {reader.displayName}
      </p>
      <p className="mt-1 text-white/80">
        {choice.startsAt ? (
          <>
            {formatDateTime(choice.startsAt, zone)}{" "}
            <span className="text-white/60">({zoneLabel(zone, choice.startsAt)})</span>
          </>
        ) : (
          "Pick a day and a time."
        )}
      </p>
      <p className="mt-3 font-heading text-4xl text-pink">{formatCents(priceCents)}</p>
      <ul className="mt-2 list-disc pl-5 text-sm text-white/70">
        <li>The full price is held from your wallet when you book and paid when the reading ends.</li>
        <li>
          Cancel 24 hours or more before (or within 10 minutes of booking) for all of it back; later, half.
        </li>
        <li>You can move the booking once, for free, up to 24 hours before.</li>
        <li>If {reader.displayName} cannot make it, you get everything back.</li>
      </ul>
    </div>
  );
}

function BookAction({
  signedIn,
  isClient,
  returnTo,
  disabled,
  pending,
  priceCents,
  onConfirm,
}: {
  signedIn: boolean;
  isClient: boolean;
  returnTo: string;
  disabled: boolean;
  pending: boolean;
  priceCents: number;
  onConfirm: () => void;
}) {
  if (!signedIn)
    return (
      <p className="text-white/80">
        <Link
          to={`/sign-in?next=${encodeURIComponent(returnTo)}`}
          className="inline-flex min-h-11 items-center justify-center rounded-full bg-pink px-5 py-2 font-semibold text-night hover:bg-pink-soft"
        >
          Sign in to book
        </Link>{" "}
        <span className="text-sm">
          New here?{" "}
          <Link to="/sign-up" className="text-pink underline">
            Create an account
          </Link>
        </span>
      </p>
    );
  if (!isClient) return <p className="text-sm text-white/70">Bookings are made from a client account.</p>;
  return (
    <Button onClick={onConfirm} disabled={disabled} className="self-start">
      {pending ? "Booking…" : `Book for ${formatCents(priceCents)}`}
    </Button>
  );
}

function ChoiceButtons<Value extends string | number>({
  legend,
  values,
  current,
  label,
  onChoose,
}: {
  legend: string;
  values: readonly Value[];
  current: Value;
  label: (value: Value) => string;
  onChoose: (value: Value) => void;
}) {
  return (
    <fieldset>
      <legend className="mb-2 text-sm font-semibold text-gold-soft">{legend}</legend>
      <div className="flex flex-wrap gap-2">
        {values.map((value) => (
          <button
            key={value}
            type="button"
            aria-pressed={value === current}
            onClick={() => onChoose(value)}
            className="min-h-11 rounded-full border border-pink/50 px-4 text-sm transition hover:bg-pink/10 aria-pressed:bg-pink aria-pressed:font-semibold aria-pressed:text-night"
          >
            {label(value)}
          </button>
        ))}
      </div>
    </fieldset>
  );
}

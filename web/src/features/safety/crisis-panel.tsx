import { useEffect, useRef } from "react";
import { Button } from "../../components/ui";
import { type CrisisLine, dialDigits, FIND_A_HELPLINE, useCrisisLines } from "./crisis-lines";

const ACTION =
  "inline-flex min-h-11 items-center justify-center gap-2 rounded-full px-4 py-2 text-sm font-semibold transition";
const PRIMARY = `${ACTION} bg-pink text-night hover:bg-pink-soft`;
const SECONDARY = `${ACTION} border border-pink/50 text-pink hover:bg-pink/10`;

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return url;
  }
}

function LineCard({ line }: { line: CrisisLine }) {
  const directory = line.phone === null && line.text === null;
  return (
    <li className="rounded-xl border border-white/10 bg-night/40 p-4">
      <p className="font-semibold text-gold-soft">{line.name}</p>
      <p className="text-sm text-white/65">
        {directory
          ? `Free, confidential helplines in your country · open ${line.hours}`
          : `Free and confidential · open ${line.hours}`}
      </p>
      <div className="mt-3 flex flex-wrap gap-2">
        {line.phone && (
          <a href={`tel:${dialDigits(line.phone)}`} className={PRIMARY}>
            Call {line.phone}
          </a>
        )}
        {line.text && (
          <a href={`sms:${dialDigits(line.text)}`} className={SECONDARY}>
            {line.text}
          </a>
        )}
        {line.url && (
          <a
            href={line.url}
            target="_blank"
            rel="noopener noreferrer"
            className={directory ? PRIMARY : SECONDARY}
          >
            {directory ? `Find a helpline at ${hostOf(line.url)}` : `Visit ${hostOf(line.url)}`}
            <span className="sr-only"> (opens in a new tab)</span>
          </a>
        )}
      </div>
    </li>
  );
}

/**
 * Support lines for a client whose message suggests they may be in crisis (product.md §1.3): calm,
 * free to dismiss, with one-tap call / text links. Its heading takes focus when it appears, so screen
 * reader and keyboard users meet it first; on dismissal the caller decides where focus goes (back to
 * the message box). `country` is an ISO 3166-1 alpha-2 code (see `guessCountry`); unknown or null
 * shows Find A Helpline.
 */
export function CrisisPanel({ country, onDismiss }: { country: string | null; onDismiss: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const lines = useCrisisLines(country);
  const national = lines.every((line) => line.url !== FIND_A_HELPLINE.url);
  useEffect(() => {
    heading.current?.focus();
  }, []);

  return (
    // A <section> with a name is a region landmark (role="region"; stating it again is redundant).
    <section
      aria-label="Support is available"
      className="card border-gold/40 p-5 shadow-[0_0_32px_-12px_#d4af37] sm:p-6"
    >
      <h2 ref={heading} tabIndex={-1} className="text-4xl text-gold">
        You are not alone
      </h2>
      <p className="mt-2 leading-relaxed text-white/85">
        You don't have to go through this alone. If you are in danger or thinking about ending your life,
        please reach out now — these lines are free and confidential.
      </p>
      <ul className="mt-4 flex flex-col gap-3">
        {lines.map((line) => (
          <LineCard key={line.name} line={line} />
        ))}
      </ul>
      <p className="mt-4 text-sm text-white/65">
        If you are in immediate danger, call your local emergency number.
        {national && (
          <>
            {" "}
            Somewhere else?{" "}
            <a
              href={FIND_A_HELPLINE.url ?? "https://findahelpline.com"}
              target="_blank"
              rel="noopener noreferrer"
              className="text-pink underline hover:text-pink-soft"
            >
              Find a helpline in your country
              <span className="sr-only"> (opens in a new tab)</span>
            </a>
            .
          </>
        )}
      </p>
      <div className="mt-4 flex justify-end">
        <Button type="button" variant="ghost" onClick={onDismiss}>
          Close<span className="sr-only"> support lines</span>
        </Button>
      </div>
    </section>
  );
}

/** For the reader: the client's message suggests they may be in crisis (they are shown `CrisisPanel`). */
export function ReaderCrisisNote() {
  return (
    <p role="note" className="rounded-lg border border-gold/50 bg-gold/10 px-4 py-3 text-sm text-gold-soft">
      This client's message suggests they may be in crisis. Be gentle, do not give medical advice, and point
      them to the support lines shown to them.
    </p>
  );
}

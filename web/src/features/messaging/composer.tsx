import { type FormEvent, type RefObject, useEffect, useId, useState } from "react";
import { Button, Field, TextField } from "../../components/ui";
import { ApiError, formatCents, friendlyMessage } from "../../lib/api/client";
import { ImagePicker, useImageDraft } from "./attachments";
import { dollarsToCents } from "./format";
import { type Message, type SendInput, type Side, useSendMessage } from "./queries";
import { SavedReplies, SavedRepliesDialog } from "./saved-replies";

export const MESSAGE_MAX = 4000;
const PREVIEW_MAX = 140;
const PRICE_MIN_CENTS = 100;
const PRICE_MAX_CENTS = 2500;
const MESSAGES_PER_MINUTE: Record<Side, number> = { client: 10, reader: 60 };
const TEXTAREA =
  "min-h-24 w-full resize-y rounded-lg border border-white/15 bg-night/70 p-3 text-white placeholder:text-white/40 focus:border-pink disabled:cursor-not-allowed disabled:opacity-60";

/** Seconds to wait after RATE_LIMITED: the server's retry time (body or message), else a minute. */
function retrySeconds(error: ApiError): number {
  if (error.retryAfterMs) return Math.ceil(error.retryAfterMs / 1000);
  const said = /(\d+)\s*second/.exec(error.message)?.[1];
  return said ? Number(said) : 60;
}

/**
 * Writing a message: Enter sends, Shift+Enter starts a new line. A reader chooses per reply
 * whether it is free or paid (price and an optional preview the client sees before paying), and
 * may insert a saved reply. Blocked conversations explain why nothing can be sent.
 */
export function Composer({
  conversationId,
  mySide,
  otherName,
  blockedReason,
  inputRef,
  onSent,
}: {
  conversationId: string;
  mySide: Side;
  otherName: string;
  /** Why no message can be sent (blocked), or null. */
  blockedReason: string | null;
  inputRef: RefObject<HTMLTextAreaElement | null>;
  onSent: (message: Message) => void;
}) {
  const send = useSendMessage(conversationId);
  const images = useImageDraft(conversationId);
  const [draft, setDraft] = useState("");
  const [paid, setPaid] = useState(false);
  const [price, setPrice] = useState("1.00");
  const [preview, setPreview] = useState("");
  const [priceError, setPriceError] = useState<string | null>(null);
  /** After RATE_LIMITED: when sending is possible again, and the wait the server gave. */
  const [managing, setManaging] = useState(false);
  const [limited, setLimited] = useState<{ until: number; seconds: number } | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const blockedId = useId();
  const reader = mySide === "reader";

  useEffect(() => {
    if (limited === null) return;
    const timer = setInterval(() => {
      setNow(Date.now());
      if (Date.now() >= limited.until) setLimited(null);
    }, 1_000);
    return () => clearInterval(timer);
  }, [limited]);
  const waitSeconds = limited === null ? 0 : Math.max(0, Math.ceil((limited.until - now) / 1000));
  const disabled = blockedReason !== null;

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const body = draft.trim();
    if ((!body && images.ready.length === 0) || images.uploading) return;
    if (disabled || send.isPending || waitSeconds > 0) return;
    const input: SendInput = { body, ...(images.ready.length > 0 ? { attachmentIds: images.ready } : {}) };
    if (reader && paid) {
      const cents = dollarsToCents(price);
      if (cents === null || cents < PRICE_MIN_CENTS || cents > PRICE_MAX_CENTS) {
        setPriceError("Enter a price from $1.00 to $25.00.");
        return;
      }
      input.paid = { priceCents: cents, ...(preview.trim() ? { preview: preview.trim() } : {}) };
    }
    send.mutate(input, {
      onSuccess: ({ message }) => {
        setDraft("");
        images.clear();
        setPreview("");
        setPaid(false);
        onSent(message);
      },
      onError: (error) => {
        if (error instanceof ApiError && error.code === "RATE_LIMITED") {
          const seconds = retrySeconds(error);
          setNow(Date.now());
          setLimited({ until: Date.now() + seconds * 1000, seconds });
        }
      },
    });
  };

  const insert = (text: string) => {
    const box = inputRef.current;
    const start = box?.selectionStart ?? draft.length;
    const end = box?.selectionEnd ?? draft.length;
    const next = `${draft.slice(0, start)}${text}${draft.slice(end)}`.slice(0, MESSAGE_MAX);
    setDraft(next);
    requestAnimationFrame(() => {
      box?.focus();
      const caret = Math.min(start + text.length, next.length);
      box?.setSelectionRange(caret, caret);
    });
  };

  const priceCents = dollarsToCents(price) ?? 0;
  const validPrice = priceCents >= PRICE_MIN_CENTS && priceCents <= PRICE_MAX_CENTS;
  const rateLimited = send.error instanceof ApiError && send.error.code === "RATE_LIMITED";
  return (
    <>
      <form
        onSubmit={submit}
        className="flex flex-col gap-3 border-t border-white/10 p-3 sm:p-4"
        aria-label="Write a message"
      >
        {blockedReason && (
          <p
            id={blockedId}
            className="rounded-lg border border-white/20 bg-night/60 px-3 py-2 text-sm text-white/80"
          >
            {blockedReason}
          </p>
        )}
        {reader && !disabled && (
          <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
            <fieldset className="flex items-center gap-2">
              <legend className="sr-only">This reply is</legend>
              <span aria-hidden="true" className="text-sm font-semibold text-gold-soft">
                Reply
              </span>
              <div className="flex rounded-full border border-pink/50 p-0.5">
                {[false, true].map((value) => (
                  <label
                    key={String(value)}
                    className="min-h-10 cursor-pointer rounded-full px-4 py-2 text-sm text-pink transition has-[:checked]:bg-pink has-[:checked]:font-semibold has-[:checked]:text-night has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-gold"
                  >
                    <input
                      type="radio"
                      name={`${blockedId}-kind`}
                      className="sr-only"
                      checked={paid === value}
                      onChange={() => setPaid(value)}
                    />
                    {value ? "Paid" : "Free"}
                  </label>
                ))}
              </div>
            </fieldset>
            <SavedReplies onInsert={insert} onManage={() => setManaging(true)} />
          </div>
        )}
        {reader && paid && !disabled && (
          <div className="grid gap-3 rounded-xl border border-gold/40 bg-gold/5 p-3 sm:grid-cols-[9rem_minmax(0,1fr)]">
            <TextField
              label="Price (USD)"
              inputMode="decimal"
              value={price}
              onChange={(event) => {
                setPrice(event.target.value);
                setPriceError(null);
              }}
              error={priceError ?? undefined}
              hint="$1.00 to $25.00"
            />
            <TextField
              label="Preview (optional)"
              maxLength={PREVIEW_MAX}
              value={preview}
              onChange={(event) => setPreview(event.target.value)}
              hint={`Shown before ${otherName} pays. ${preview.length}/${PREVIEW_MAX} characters.`}
            />
          </div>
        )}
        <Field
          label="Message"
          hideLabel
          hint={
            disabled
              ? undefined
              : `Enter sends, Shift+Enter starts a new line. ${draft.length.toLocaleString()}/${MESSAGE_MAX.toLocaleString()} characters.`
          }
        >
          {(control) => (
            <textarea
              ref={inputRef}
              {...control}
              aria-describedby={
                [control["aria-describedby"], disabled ? blockedId : null].filter(Boolean).join(" ") ||
                undefined
              }
              className={TEXTAREA}
              rows={3}
              maxLength={MESSAGE_MAX}
              value={draft}
              disabled={disabled}
              placeholder={disabled ? "Messages cannot be sent here" : `Write to ${otherName}`}
              onChange={(event) => setDraft(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
                  event.preventDefault();
                  submit();
                }
              }}
            />
          )}
        </Field>
        {!disabled && <ImagePicker draft={images} disabled={send.isPending} />}
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm text-white/60">
            {reader && paid && validPrice
              ? `${otherName} pays ${formatCents(priceCents)} to read this reply.`
              : ""}
          </p>
          <Button
            type="submit"
            disabled={
              disabled ||
              (!draft.trim() && images.ready.length === 0) ||
              images.uploading ||
              send.isPending ||
              waitSeconds > 0
            }
          >
            {send.isPending
              ? "Sending…"
              : images.uploading
                ? "Uploading…"
                : waitSeconds > 0
                  ? `Wait ${waitSeconds} s`
                  : reader && paid
                    ? "Send paid reply"
                    : "Send"}
          </Button>
        </div>
        {send.error && !rateLimited && (
          <p className="text-sm text-pink" role="alert">
            {send.error instanceof ApiError && send.error.code === "CONFLICT"
              ? send.error.message
              : friendlyMessage(send.error)}
          </p>
        )}
        {rateLimited && limited && (
          <p className="text-sm text-pink" role="alert">
            Slow down a little: {mySide === "client" ? "clients" : "readers"} can send{" "}
            {MESSAGES_PER_MINUTE[mySide]} messages a minute. Your message is kept; try again in{" "}
            {limited.seconds} seconds.
          </p>
        )}
      </form>
      {managing && (
        <SavedRepliesDialog
          onClose={() => {
            setManaging(false);
            inputRef.current?.focus();
          }}
        />
      )}
    </>
  );
}

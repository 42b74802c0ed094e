import { useState } from "react";
import { Link } from "react-router";
import { Alert, Button } from "../../components/ui";
import { ApiError, formatCents, friendlyMessage } from "../../lib/api/client";
import { ReaderCrisisNote } from "../safety/crisis-panel";
import { useWallet } from "../wallet/queries";
import { walletWithReturn } from "../wallet/return-to";
import { MessageImages } from "./attachments";
import { fullWhen, timeOf } from "./format";
import { type Message, type Side, useUnlockMessage, useWithdrawMessage } from "./queries";

/** One message: mine on the right, theirs on the left; paid replies as cards; notes under it. */
export function MessageItem({
  message,
  mySide,
  otherName,
  seen,
  blocked,
}: {
  message: Message;
  mySide: Side;
  otherName: string;
  /** Under my latest message: "Seen" once the other side read it, else "Sent"; null elsewhere. */
  seen: boolean | null;
  blocked: boolean;
}) {
  const mine = message.side === mySide;
  const lockedForMe = message.locked && message.body === null && !message.withdrawnAt;
  return (
    <li
      className={`flex max-w-[88%] flex-col gap-1 sm:max-w-[75%] ${mine ? "items-end self-end" : "items-start self-start"}`}
    >
      <span className="sr-only">
        {mine ? "You" : otherName}, {fullWhen(message.createdAt)}:
      </span>
      {message.withdrawnAt ? (
        <p className="rounded-2xl border border-dashed border-white/25 px-4 py-2 text-sm italic text-white/60">
          {mine ? "You withdrew this paid reply." : "Withdrawn by the reader."}
        </p>
      ) : lockedForMe ? (
        <LockedReply message={message} otherName={otherName} blocked={blocked} />
      ) : (
        <>
          {message.body && (
            <div
              className={`whitespace-pre-wrap break-words rounded-2xl px-4 py-2 leading-relaxed ${
                mine ? "rounded-br-md bg-pink/85 text-night" : "rounded-bl-md bg-white/10 text-white"
              } ${message.paid ? "ring-1 ring-gold/70" : ""}`}
            >
              {message.body}
            </div>
          )}
          <MessageImages attachments={message.attachments} from={mine ? "you" : otherName} />
        </>
      )}
      {message.paid && !message.withdrawnAt && !lockedForMe && <PaidTag message={message} mySide={mySide} />}
      {mine && mySide === "reader" && message.locked && !message.withdrawnAt && (
        <Withdraw message={message} />
      )}
      <p className="px-1 text-xs text-white/55">
        <time dateTime={message.createdAt} title={fullWhen(message.createdAt)}>
          {timeOf(message.createdAt)}
        </time>
        {seen !== null && (
          <span className={seen ? " text-gold-soft" : ""}>{seen ? " · Seen" : " · Sent"}</span>
        )}
      </p>
      {message.contactHidden && (
        <p className="max-w-full rounded-lg border border-gold/40 bg-gold/5 px-3 py-2 text-xs text-gold-soft">
          Contact details are hidden: please keep conversations on SoulSeer.
        </p>
      )}
      {message.crisis && message.side === "client" && mySide === "reader" && <ReaderCrisisNote />}
    </li>
  );
}

function PaidTag({ message, mySide }: { message: Message; mySide: Side }) {
  const price = formatCents(message.priceCents ?? 0);
  const text =
    mySide === "reader"
      ? `Paid · ${message.locked ? "locked" : "unlocked"} · ${price}`
      : `Paid reply · unlocked · ${price}`;
  return (
    <span className="rounded-full border border-gold/60 bg-gold/10 px-2 py-0.5 text-xs font-semibold text-gold-soft">
      {text}
    </span>
  );
}

/** A paid reply the client has not unlocked: its price, its preview and the button to pay for it. */
function LockedReply({
  message,
  otherName,
  blocked,
}: {
  message: Message;
  otherName: string;
  blocked: boolean;
}) {
  const unlock = useUnlockMessage();
  const wallet = useWallet();
  const priceCents = message.priceCents ?? 0;
  const price = formatCents(priceCents);
  const short = wallet.data !== undefined && wallet.data.balanceCents < priceCents;
  const back = `/messages/${message.conversationId}`;
  return (
    <div className="flex w-72 max-w-full flex-col gap-3 rounded-2xl rounded-bl-md border border-gold/60 bg-gradient-to-br from-gold/15 to-pink/10 p-4 shadow-[0_0_24px_-10px_#d4af37]">
      <p className="flex items-center gap-2 text-xs font-semibold uppercase tracking-widest text-gold-soft">
        <LockIcon /> Paid reply · {price}
      </p>
      {message.preview ? (
        <p className="italic text-white/90">“{message.preview}”</p>
      ) : (
        <p className="italic text-white/70">{otherName} wrote you a reply.</p>
      )}
      <p className="text-sm text-white/70">
        Unlock it to read it all. {price} is paid from your wallet, once.
      </p>
      {short && !unlock.error && wallet.data && (
        <p className="text-sm text-white/80">
          Your wallet holds {formatCents(wallet.data.balanceCents)}.{" "}
          <Link to={walletWithReturn(back)} className="font-semibold text-pink underline">
            Add funds, then come back
          </Link>
        </p>
      )}
      <Button
        variant="gold"
        className="self-start"
        disabled={unlock.isPending || blocked}
        onClick={() => unlock.mutate(message.id)}
      >
        {unlock.isPending ? "Unlocking…" : `Unlock for ${price}`}
      </Button>
      {unlock.error && <UnlockError error={unlock.error} priceCents={priceCents} back={back} />}
    </div>
  );
}

function UnlockError({ error, priceCents, back }: { error: unknown; priceCents: number; back: string }) {
  const code = error instanceof ApiError ? error.code : null;
  if (code === "INSUFFICIENT_FUNDS")
    return (
      <Alert>
        Your wallet holds less than {formatCents(priceCents)}, so nothing was paid.{" "}
        <Link to={walletWithReturn(back)} className="font-semibold underline">
          Add funds, then come back to this reply
        </Link>
      </Alert>
    );
  if (code === "SPENDING_LIMIT_REACHED")
    return (
      <Alert>
        This would pass a spending limit you set, so nothing was paid.{" "}
        <Link to="/wallet" className="underline">
          See your limits
        </Link>
      </Alert>
    );
  if (code === "PROFILE_INCOMPLETE")
    return (
      <Alert>
        {friendlyMessage(error)}{" "}
        <Link to="/complete-profile" className="underline">
          Complete your profile
        </Link>
      </Alert>
    );
  if (code === "CONFLICT" && error instanceof ApiError) return <Alert>{error.message}</Alert>;
  return <Alert>{friendlyMessage(error)}</Alert>;
}

/** The reader takes back a paid reply the client has not paid for (asked once more first). */
function Withdraw({ message }: { message: Message }) {
  const withdraw = useWithdrawMessage();
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button
        type="button"
        className="min-h-8 px-1 text-sm text-pink underline"
        onClick={() => setAsking(true)}
      >
        Withdraw
      </button>
    );
  return (
    <div className="flex flex-col items-end gap-2 rounded-xl border border-white/15 bg-night/60 p-3 text-sm">
      <p>Withdraw this paid reply? The client will no longer be able to unlock it.</p>
      <div className="flex gap-2">
        <Button
          type="button"
          variant="ghost"
          className="min-h-9 px-4 text-sm"
          onClick={() => setAsking(false)}
        >
          Keep it
        </Button>
        <Button
          type="button"
          className="min-h-9 px-4 text-sm"
          disabled={withdraw.isPending}
          onClick={() => withdraw.mutate(message.id, { onSuccess: () => setAsking(false) })}
        >
          {withdraw.isPending ? "Withdrawing…" : "Withdraw reply"}
        </Button>
      </div>
      {withdraw.error && <Alert>{friendlyMessage(withdraw.error)}</Alert>}
    </div>
  );
}

function LockIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      className="size-4"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
    >
      <rect x="5" y="11" width="14" height="9" rx="2" />
      <path d="M8 11V8a4 4 0 0 1 8 0v3" strokeLinecap="round" />
    </svg>
  );
}

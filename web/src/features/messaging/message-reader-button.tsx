import { useEffect, useRef } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { Alert, Button } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { useMe } from "../../lib/session";
import { useOpenConversation } from "./queries";

/** The reader page's URL that opens the conversation once the visitor is signed in. */
const MESSAGE_PARAM = "message";

/**
 * "Message" on a reader's page: a signed-in client opens (or finds) the conversation and goes to
 * it; a signed-out visitor signs in first and comes back to do it. Readers and admins do not see it.
 */
export function MessageReaderButton({
  reader,
}: {
  reader: { userId: string; displayName: string; slug: string };
}) {
  const { data: me, isLoading } = useMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const open = useOpenConversation();
  const { mutate } = open;
  const started = useRef(false);
  const isClient = me?.role === "client";
  const start = () =>
    open.mutate(
      { readerUserId: reader.userId },
      { onSuccess: (data) => navigate(`/messages/${data.conversation.id}`) },
    );
  // Back from signing in to message this reader: carry on where they were.
  const wanted = params.get(MESSAGE_PARAM) === "1";
  useEffect(() => {
    if (!wanted || !isClient || started.current) return;
    started.current = true;
    mutate(
      { readerUserId: reader.userId },
      { onSuccess: (data) => navigate(`/messages/${data.conversation.id}`, { replace: true }) },
    );
  }, [wanted, isClient, reader.userId, mutate, navigate]);

  if (isLoading || (me && !isClient)) return null;
  if (!me) {
    const back = `/readers/${encodeURIComponent(reader.slug)}?${MESSAGE_PARAM}=1`;
    return (
      <Link
        to={`/sign-in?next=${encodeURIComponent(back)}`}
        className="mt-5 inline-flex min-h-11 items-center justify-center gap-2 rounded-full border border-pink/50 px-5 py-2 font-semibold text-pink transition hover:bg-pink/10"
      >
        <EnvelopeIcon />
        Sign in to message {reader.displayName}
      </Link>
    );
  }
  return (
    <div className="mt-5 flex flex-col gap-2">
      <Button variant="ghost" onClick={start} disabled={open.isPending} className="self-start">
        <EnvelopeIcon />
        {open.isPending ? "Opening…" : `Message ${reader.displayName}`}
      </Button>
      <p className="text-sm text-white/60">Writing to a reader is always free.</p>
      {open.error && <Alert>{friendlyMessage(open.error)}</Alert>}
    </div>
  );
}

function EnvelopeIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      className="size-5"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
    >
      <path
        d="M4 6.5A2.5 2.5 0 0 1 6.5 4h11A2.5 2.5 0 0 1 20 6.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.5 3.5V17A2.5 2.5 0 0 1 4 14.5v-8Z"
        strokeLinejoin="round"
      />
    </svg>
  );
}

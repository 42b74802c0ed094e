import { Link, useParams, useSearchParams } from "react-router";
import { RequireUser } from "../../app/require-user";
import { Alert, EmptyState, PageTitle } from "../../components/ui";
import type { User } from "../../lib/session";
import { ConversationList } from "./conversation-list";
import { ConversationView } from "./conversation-view";
import { type ConversationFilter, sideOf } from "./queries";

const FILTERS: readonly ConversationFilter[] = ["all", "unanswered", "archived"];

/** /messages: the conversation list (and, on a wide screen, an invitation to open one). */
export function MessagesPage() {
  return <RequireUser>{(me) => <Messages me={me} conversationId={null} />}</RequireUser>;
}

/** /messages/:conversationId: one conversation (beside the list on a wide screen). */
export function ConversationPage() {
  const { conversationId = "" } = useParams();
  return <RequireUser>{(me) => <Messages me={me} conversationId={conversationId} />}</RequireUser>;
}

/**
 * Two panes on a wide screen (the list, the open conversation); on a phone one at a time, with a
 * link back to the list. The list's filter is in the URL, so it survives opening a conversation.
 */
function Messages({ me, conversationId }: { me: User; conversationId: string | null }) {
  const [params, setParams] = useSearchParams();
  if (me.role !== "client" && me.role !== "reader")
    return (
      <div className="mx-auto max-w-3xl">
        <PageTitle>Messages</PageTitle>
        <Alert kind="info">
          Messages are between clients and readers; admins see reported conversations.
        </Alert>
      </div>
    );
  const mySide = sideOf(me.role);
  const raw = params.get("filter");
  const filter: ConversationFilter = FILTERS.find((value) => value === raw) ?? "all";
  const linkSearch = filter === "all" ? "" : `?filter=${filter}`;
  const open = conversationId !== null;
  return (
    <div className="mx-auto max-w-6xl">
      <div className={open ? "hidden lg:block" : ""}>
        <PageTitle
          subtitle={
            open
              ? undefined
              : mySide === "reader"
                ? "Answer your clients: each reply free or paid, as you choose."
                : "Write to your readers any time, for free. Paid replies open when you unlock them."
          }
        >
          Messages
        </PageTitle>
      </div>
      {open && (
        <Link
          to={`/messages${linkSearch}`}
          className="mb-3 inline-flex min-h-11 items-center gap-2 rounded-full px-2 text-pink hover:underline lg:hidden"
        >
          <span aria-hidden="true">←</span> All messages
        </Link>
      )}
      <div className="grid items-start gap-6 lg:grid-cols-[21rem_minmax(0,1fr)]">
        <section
          aria-label="Conversations"
          className={`card p-4 sm:p-5 lg:sticky lg:top-24 lg:max-h-[calc(100dvh-8rem)] lg:overflow-y-auto ${
            open ? "hidden lg:block" : ""
          }`}
        >
          <ConversationList
            mySide={mySide}
            filter={filter}
            onFilter={(next) => setParams(next === "all" ? {} : { filter: next }, { replace: true })}
            selectedId={conversationId}
            linkSearch={linkSearch}
          />
        </section>
        {open ? (
          <ConversationView key={conversationId} conversationId={conversationId} me={me} mySide={mySide} />
        ) : (
          <div className="card hidden min-h-[24rem] flex-col items-center justify-center gap-3 p-8 text-center lg:flex">
            <h2 className="text-4xl text-gold">Your conversations</h2>
            <EmptyState>
              {mySide === "reader"
                ? "Pick a conversation on the left to read and answer it."
                : "Pick a conversation on the left to read it, or message a reader from their page."}
            </EmptyState>
          </div>
        )}
      </div>
    </div>
  );
}

import { Alert, Card, EmptyState, Spinner } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { MODALITY_LABEL } from "../readings/reading-format";
import { useReaderWaitlist } from "./queries";

/** The reader's dashboard: who is waiting for them, first in line first. */
export function ReaderWaitlist() {
  const queue = useReaderWaitlist();
  return (
    <Card>
      <h2 className="text-4xl text-gold">Callback line</h2>
      <p className="mt-1 text-sm text-white/70">
        Clients who asked you to call back. When you are online and free, the first in line gets a short
        window to start; nobody else can start with you meanwhile.
      </p>
      {queue.isLoading && <Spinner label="Loading your callback line" />}
      {queue.error && <Alert>{friendlyMessage(queue.error)}</Alert>}
      {queue.data && queue.data.items.length === 0 && <EmptyState>Nobody is waiting for you.</EmptyState>}
      {queue.data && queue.data.items.length > 0 && (
        <ol className="mt-3 divide-y divide-white/10">
          {queue.data.items.map((item) => (
            <li key={item.id} className="flex items-center justify-between gap-2 py-2">
              <span>
                <span className="mr-2 text-white/60">{item.position}.</span>
                {item.clientName}
              </span>
              <span className="text-sm text-white/70">
                {MODALITY_LABEL[item.modality]}
                {item.status === "offered"
                  ? " · offered now"
                  : ` · since ${new Date(item.createdAt).toLocaleTimeString()}`}
              </span>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

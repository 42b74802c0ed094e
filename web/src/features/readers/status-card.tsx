import { Alert, Button, Card } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { useReaderStatus } from "../../lib/live";
import { LiveStatusBadge } from "./live-status";
import { useSetMyStatus } from "./queries";

/** The reader's own status, kept current live (the platform sets busy and, with no open tab, offline). */
export function StatusCard({ readerUserId, loaded }: { readerUserId: string; loaded: string }) {
  const status = useReaderStatus(readerUserId, loaded);
  const setStatus = useSetMyStatus();
  return (
    <Card>
      <h2 className="text-4xl text-gold">Status</h2>
      <p className="mt-1 text-white/75">
        <span className="inline-flex items-center gap-2">
          You are <LiveStatusBadge readerUserId={readerUserId} status={loaded} announce />
        </span>
        . Clients see changes at once on the list and your profile.
      </p>
      {status === "away" && (
        <p className="mt-1 text-sm text-gold-soft">
          Nobody can start a reading with you while you are away. A request you let ring out sets you away; go
          online when you are ready, and the first client in your callback line is offered first.
        </p>
      )}
      <fieldset className="mt-3 flex flex-wrap gap-2">
        <legend className="sr-only">Set your status</legend>
        {(["online", "away", "offline"] as const).map((choice) => (
          <Button
            key={choice}
            variant={status === choice ? "primary" : "ghost"}
            aria-pressed={status === choice}
            onClick={() => setStatus.mutate(choice)}
            disabled={setStatus.isPending}
            className="capitalize"
          >
            {choice}
          </Button>
        ))}
      </fieldset>
      {setStatus.error ? <Alert>{friendlyMessage(setStatus.error)}</Alert> : null}
    </Card>
  );
}

import { Alert, Button } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { type Modality, useJoinWaitlist } from "./queries";

/** A button that puts the client in the reader's callback line (after a missed request, or a busy reader). */
export function JoinWaitlist({
  readerUserId,
  readerName,
  modality,
}: {
  readerUserId: string;
  readerName: string;
  modality: Modality;
}) {
  const join = useJoinWaitlist(readerUserId, modality);
  if (join.data)
    return (
      <p className="mt-2 text-sm text-gold-soft" role="status">
        You are number {join.data.entry.position} in {readerName}'s line. We will tell you the moment they are
        free.
      </p>
    );
  return (
    <div className="mt-2">
      <Button variant="gold" className="w-full" disabled={join.isPending} onClick={() => join.mutate()}>
        {join.isPending ? "Joining…" : `Ask ${readerName} to call you back (${modality})`}
      </Button>
      {join.error && <Alert>{friendlyMessage(join.error)}</Alert>}
    </div>
  );
}

import { useNavigate } from "react-router";
import { Alert, Button } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { useOpenConversation } from "./queries";

/**
 * After a reading, the reader may write to the client (a reader writes first only to clients they
 * have read for): opens or finds the conversation and goes to it.
 */
export function MessageClientButton({ client }: { client: { userId: string; name: string } }) {
  const navigate = useNavigate();
  const open = useOpenConversation();
  return (
    <div className="flex flex-col gap-2">
      <Button
        variant="ghost"
        className="self-start"
        disabled={open.isPending}
        onClick={() =>
          open.mutate(
            { clientUserId: client.userId },
            { onSuccess: (data) => navigate(`/messages/${data.conversation.id}`) },
          )
        }
      >
        {open.isPending ? "Opening…" : `Message ${client.name}`}
      </Button>
      {open.error && <Alert>{friendlyMessage(open.error)}</Alert>}
    </div>
  );
}

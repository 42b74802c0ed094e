import { type FormEvent, useState } from "react";
import { Alert, Button, TextArea } from "../../components/ui";
import { fieldErrors, friendlyMessage } from "../../lib/api/client";
import { useReplyToReview } from "./queries";

const REPLY_MAX_LENGTH = 1000;

/** The reader's one reply to a review (it cannot be changed afterwards). */
export function ReviewReplyForm({ reviewId }: { reviewId: string }) {
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const reply = useReplyToReview(reviewId);
  if (!open)
    return (
      <Button variant="ghost" className="mt-3" onClick={() => setOpen(true)}>
        Reply to this review
      </Button>
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    reply.mutate(text.trim(), {
      onSuccess: () => {
        setText("");
        setOpen(false);
      },
    });
  };
  const error = fieldErrors(reply.error).text;
  return (
    <form className="mt-3 flex flex-col gap-2" onSubmit={submit}>
      <TextArea
        label="Your reply (you can reply once; it is shown publicly)"
        rows={3}
        required
        maxLength={REPLY_MAX_LENGTH}
        value={text}
        onChange={(event) => setText(event.target.value)}
        hint={`${text.length}/${REPLY_MAX_LENGTH}`}
        error={error}
      />
      {reply.error && !error && <Alert>{friendlyMessage(reply.error)}</Alert>}
      <div className="flex gap-2">
        <Button type="submit" disabled={reply.isPending || !text.trim()}>
          {reply.isPending ? "Sending…" : "Post reply"}
        </Button>
        <Button type="button" variant="ghost" onClick={() => setOpen(false)} disabled={reply.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

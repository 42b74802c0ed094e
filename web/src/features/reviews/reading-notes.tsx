import { type FormEvent, useState } from "react";
import { Alert, Button, Card, TextArea } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { formatDay } from "./format-day";
import { type After, useSavePrivateNotes, useSaveReaderNote } from "./queries";

const READER_NOTE_MAX_LENGTH = 1000;
const NOTES_MAX_LENGTH = 5000;

/** For the client: the note the reader left with this reading. */
export function ReaderNoteView({ note }: { note: { text: string; at: string } }) {
  return (
    <Card>
      <h2 className="text-3xl text-gold">A note from your reader</h2>
      <p className="mt-2 whitespace-pre-line leading-7 text-white/85">{note.text}</p>
      <p className="mt-1 text-xs text-white/60">{formatDay(note.at)}</p>
    </Card>
  );
}

/** For the reader: a short summary the client sees with this reading. */
export function ReaderNoteForm({ readingId, current }: { readingId: string; current: string }) {
  const [note, setNote] = useState(current);
  const save = useSaveReaderNote(readingId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (note.trim()) save.mutate(note.trim());
  };
  return (
    <Card>
      <h2 className="text-3xl text-gold">A note for your client</h2>
      <form className="mt-2 flex flex-col gap-2" onSubmit={submit}>
        <TextArea
          label="Your note"
          rows={4}
          required
          maxLength={READER_NOTE_MAX_LENGTH}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          hint={`A short summary of the reading; your client sees it with this reading. ${note.length}/${READER_NOTE_MAX_LENGTH}`}
        />
        {save.error && <Alert>{friendlyMessage(save.error)}</Alert>}
        {save.isSuccess && <Alert kind="success">Your note is saved.</Alert>}
        <div>
          <Button type="submit" disabled={save.isPending || !note.trim()}>
            {save.isPending ? "Saving…" : current ? "Update note" : "Save note"}
          </Button>
        </div>
      </form>
    </Card>
  );
}

/** For the client: private notes about the reader, shown after each of their readings. */
export function PrivateNotes({
  readingId,
  readerUserId,
  after,
}: {
  readingId: string;
  readerUserId: string;
  after: After;
}) {
  const [body, setBody] = useState(after.myNotes?.body ?? "");
  const save = useSavePrivateNotes(readingId, readerUserId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(body);
  };
  return (
    <Card>
      <h2 className="text-3xl text-gold">Private notes</h2>
      <form className="mt-2 flex flex-col gap-2" onSubmit={submit}>
        <TextArea
          label="Your notes about this reader"
          rows={5}
          maxLength={NOTES_MAX_LENGTH}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          hint={`Only you can see these notes. Leave them empty to delete them. ${body.length}/${NOTES_MAX_LENGTH}`}
        />
        {save.error && <Alert>{friendlyMessage(save.error)}</Alert>}
        {save.isSuccess && (
          <Alert kind="success">{save.data.notes ? "Notes saved." : "Notes deleted."}</Alert>
        )}
        <div>
          <Button type="submit" variant="ghost" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save notes"}
          </Button>
        </div>
      </form>
    </Card>
  );
}

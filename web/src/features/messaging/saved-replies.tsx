import { useEffect, useId, useRef, useState } from "react";
import { Alert, Button, EmptyState, Spinner, TextArea, TextField } from "../../components/ui";
import { fieldErrors, friendlyMessage } from "../../lib/api/client";
import { Modal } from "../bookings/modal";
import { type ReplyTemplate, useDeleteTemplate, useReplyTemplates, useSaveTemplate } from "./queries";

const TITLE_MAX = 60;
const BODY_MAX = 4000;
const TEMPLATES_MAX = 50;

/**
 * The reader's "Saved replies": pick one to insert it into the message, or open the manager (a
 * dialog the caller renders outside its form: a form cannot hold another).
 */
export function SavedReplies({
  onInsert,
  onManage,
}: {
  onInsert: (text: string) => void;
  onManage: () => void;
}) {
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const templates = useReplyTemplates(true);
  const wrapper = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      toggle.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    window.addEventListener("keydown", onKey);
    window.addEventListener("pointerdown", onPointer);
    return () => {
      window.removeEventListener("keydown", onKey);
      window.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);
  const items = templates.data?.items ?? [];
  return (
    <div ref={wrapper} className="relative">
      <Button
        ref={toggle}
        type="button"
        variant="ghost"
        className="min-h-11 text-sm"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        Saved replies <span aria-hidden="true">▾</span>
      </Button>
      {open && (
        <div
          id={panelId}
          className="absolute bottom-full left-0 z-10 mb-2 w-[min(20rem,calc(100vw-3rem))] rounded-2xl border border-pink/30 bg-ink p-3 shadow-2xl shadow-black"
        >
          {templates.isLoading && <Spinner label="Loading saved replies" />}
          {templates.error && <Alert>{friendlyMessage(templates.error)}</Alert>}
          {templates.isSuccess && items.length === 0 && (
            <p className="px-1 py-2 text-sm text-white/65">
              No saved replies yet. Save the answers you give often and insert them here.
            </p>
          )}
          {items.length > 0 && (
            <ul className="flex max-h-64 flex-col gap-1 overflow-y-auto" aria-label="Insert a saved reply">
              {items.map((template) => (
                <li key={template.id}>
                  <button
                    type="button"
                    className="w-full rounded-lg px-3 py-2 text-left hover:bg-pink/10 focus-visible:bg-pink/10"
                    onClick={() => {
                      onInsert(template.body);
                      setOpen(false);
                    }}
                  >
                    <span className="block font-semibold text-gold-soft">{template.title}</span>
                    <span className="block truncate text-sm text-white/65">{template.body}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <button
            type="button"
            className="mt-2 w-full rounded-lg border-t border-white/10 px-3 pt-3 pb-1 text-left text-sm text-pink hover:underline"
            onClick={() => {
              setOpen(false);
              onManage();
            }}
          >
            Manage saved replies…
          </button>
        </div>
      )}
    </div>
  );
}

/** Add, change and delete saved replies (up to 50). */
export function SavedRepliesDialog({ onClose }: { onClose: () => void }) {
  const templates = useReplyTemplates(true);
  const items = templates.data?.items ?? [];
  const [editing, setEditing] = useState<ReplyTemplate | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <Modal title="Saved replies" onClose={onClose} wide>
      {(close, descriptionId) => (
        <div className="mt-3 flex flex-col gap-5">
          <p id={descriptionId} className="text-white/75">
            Answers you give often, ready to insert into a message. You can keep up to {TEMPLATES_MAX}.
          </p>
          {notice && <Alert kind="success">{notice}</Alert>}
          {templates.isLoading && <Spinner label="Loading saved replies" />}
          {templates.error && <Alert>{friendlyMessage(templates.error)}</Alert>}
          {templates.isSuccess && items.length === 0 ? (
            <EmptyState>No saved replies yet: write your first one below.</EmptyState>
          ) : (
            <ul className="flex flex-col divide-y divide-white/10">
              {items.map((template) => (
                <TemplateRow
                  key={template.id}
                  template={template}
                  onEdit={() => {
                    setNotice(null);
                    setEditing(template);
                    setFormKey((key) => key + 1);
                  }}
                  onDeleted={() => {
                    setNotice(`“${template.title}” was deleted.`);
                    if (editing?.id === template.id) setEditing(null);
                  }}
                />
              ))}
            </ul>
          )}
          <TemplateForm
            key={formKey}
            editing={editing}
            full={!editing && items.length >= TEMPLATES_MAX}
            onSaved={(title) => {
              setNotice(editing ? `“${title}” was updated.` : `“${title}” was saved.`);
              setEditing(null);
              setFormKey((key) => key + 1);
            }}
            onCancelEdit={() => {
              setEditing(null);
              setFormKey((key) => key + 1);
            }}
          />
          <div className="flex justify-end">
            <Button type="button" variant="ghost" onClick={close}>
              Done
            </Button>
          </div>
        </div>
      )}
    </Modal>
  );
}

function TemplateRow({
  template,
  onEdit,
  onDeleted,
}: {
  template: ReplyTemplate;
  onEdit: () => void;
  onDeleted: () => void;
}) {
  const remove = useDeleteTemplate();
  const [asking, setAsking] = useState(false);
  return (
    <li className="flex flex-col gap-2 py-3 sm:flex-row sm:items-start sm:justify-between">
      <div className="min-w-0">
        <p className="font-semibold text-gold-soft">{template.title}</p>
        <p className="line-clamp-2 whitespace-pre-line text-sm text-white/70">{template.body}</p>
      </div>
      <div className="flex shrink-0 gap-2">
        {asking ? (
          <>
            <Button
              type="button"
              variant="ghost"
              className="min-h-9 text-sm"
              onClick={() => setAsking(false)}
            >
              Keep
            </Button>
            <Button
              type="button"
              className="min-h-9 text-sm"
              disabled={remove.isPending}
              onClick={() => remove.mutate(template.id, { onSuccess: onDeleted })}
            >
              {remove.isPending ? "Deleting…" : "Delete"}
              <span className="sr-only"> “{template.title}”</span>
            </Button>
          </>
        ) : (
          <>
            <Button type="button" variant="ghost" className="min-h-9 text-sm" onClick={onEdit}>
              Edit<span className="sr-only"> “{template.title}”</span>
            </Button>
            <Button type="button" variant="ghost" className="min-h-9 text-sm" onClick={() => setAsking(true)}>
              Delete<span className="sr-only"> “{template.title}”</span>
            </Button>
          </>
        )}
      </div>
      {remove.error && <Alert>{friendlyMessage(remove.error)}</Alert>}
    </li>
  );
}

function TemplateForm({
  editing,
  full,
  onSaved,
  onCancelEdit,
}: {
  editing: ReplyTemplate | null;
  full: boolean;
  onSaved: (title: string) => void;
  onCancelEdit: () => void;
}) {
  const save = useSaveTemplate();
  const [title, setTitle] = useState(editing?.title ?? "");
  const [body, setBody] = useState(editing?.body ?? "");
  const errors = fieldErrors(save.error);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (editing) headingRef.current?.focus();
  }, [editing]);
  return (
    <form
      className="flex flex-col gap-3 rounded-xl border border-white/10 bg-black/20 p-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (!title.trim() || !body.trim()) return;
        save.mutate(
          { id: editing?.id, title: title.trim(), body: body.trim() },
          { onSuccess: () => onSaved(title.trim()) },
        );
      }}
    >
      <h3 ref={headingRef} tabIndex={-1} className="font-semibold text-gold-soft">
        {editing ? `Edit “${editing.title}”` : "New saved reply"}
      </h3>
      {full ? (
        <p className="text-sm text-white/70">
          You have {TEMPLATES_MAX} saved replies: delete one to add another.
        </p>
      ) : (
        <>
          <TextField
            label="Title"
            required
            maxLength={TITLE_MAX}
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            error={errors.title}
            hint={`Only you see it. ${title.length}/${TITLE_MAX} characters.`}
          />
          <TextArea
            label="Reply"
            required
            rows={4}
            maxLength={BODY_MAX}
            value={body}
            onChange={(event) => setBody(event.target.value)}
            error={errors.body}
            hint={`${body.length.toLocaleString()}/${BODY_MAX.toLocaleString()} characters.`}
          />
          {save.error && !errors.title && !errors.body && <Alert>{friendlyMessage(save.error)}</Alert>}
          <div className="flex flex-wrap justify-end gap-2">
            {editing && (
              <Button type="button" variant="ghost" onClick={onCancelEdit}>
                Cancel
              </Button>
            )}
            <Button type="submit" disabled={save.isPending || !title.trim() || !body.trim()}>
              {save.isPending ? "Saving…" : editing ? "Save changes" : "Save reply"}
            </Button>
          </div>
        </>
      )}
    </form>
  );
}

import { useEffect, useId, useRef, useState } from "react";
import { Alert, Button, TextArea } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { Modal } from "../bookings/modal";
import { type Conversation, useReportConversation, useSetArchived, useSetBlocked } from "./queries";

const REASON_MIN = 3;
const REASON_MAX = 1000;
const MENU_ITEM =
  "flex min-h-11 w-full items-center rounded-lg px-3 text-left text-sm hover:bg-pink/10 focus-visible:bg-pink/10 disabled:opacity-50";

/**
 * The conversation's "More" menu: archive or restore it, block or unblock the other side, report
 * it to the admins. Blocking and reporting ask first, in a dialog; the outcome is said in `onNotice`.
 */
export function ConversationActions({
  conversation,
  onNotice,
}: {
  conversation: Conversation;
  onNotice: (notice: string, kind?: "success" | "error") => void;
}) {
  const menuId = useId();
  const [open, setOpen] = useState(false);
  const [dialog, setDialog] = useState<"block" | "report" | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const archive = useSetArchived(conversation.id);
  const block = useSetBlocked(conversation.id);
  const name = conversation.otherName;
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
  const choose = (action: () => void) => {
    setOpen(false);
    action();
  };
  const failed = (error: unknown) => onNotice(friendlyMessage(error), "error");
  return (
    <div ref={wrapper} className="relative">
      <button
        ref={toggle}
        type="button"
        className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-full border border-pink/40 px-3 text-pink hover:bg-pink/10"
        aria-expanded={open}
        aria-controls={menuId}
        aria-label={`More actions for the conversation with ${name}`}
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true" className="text-xl leading-none">
          ⋯
        </span>
      </button>
      {open && (
        <ul
          id={menuId}
          className="absolute right-0 top-full z-10 mt-2 w-60 rounded-2xl border border-pink/30 bg-ink p-2 shadow-2xl shadow-black"
        >
          <li>
            <button
              type="button"
              className={MENU_ITEM}
              disabled={archive.isPending}
              onClick={() =>
                choose(() =>
                  archive.mutate(!conversation.archived, {
                    onSuccess: (data) =>
                      onNotice(
                        data.conversation.archived
                          ? "Archived. A new message brings the conversation back."
                          : "Restored to your conversations.",
                      ),
                    onError: failed,
                  }),
                )
              }
            >
              {conversation.archived ? "Restore conversation" : "Archive conversation"}
            </button>
          </li>
          {conversation.blockedByYou ? (
            <li>
              <button
                type="button"
                className={MENU_ITEM}
                disabled={block.isPending}
                onClick={() =>
                  choose(() =>
                    block.mutate(false, {
                      onSuccess: () => onNotice(`You unblocked ${name}.`),
                      onError: failed,
                    }),
                  )
                }
              >
                Unblock {name}
              </button>
            </li>
          ) : (
            !conversation.blocked && (
              <li>
                <button type="button" className={MENU_ITEM} onClick={() => choose(() => setDialog("block"))}>
                  Block {name}
                </button>
              </li>
            )
          )}
          <li>
            <button type="button" className={MENU_ITEM} onClick={() => choose(() => setDialog("report"))}>
              Report conversation
            </button>
          </li>
        </ul>
      )}
      {dialog === "block" && (
        <Modal title={`Block ${name}?`} onClose={() => setDialog(null)}>
          {(close, descriptionId) => (
            <div className="mt-3 flex flex-col gap-4">
              <p id={descriptionId} className="text-white/80">
                Neither of you can send messages in this conversation until you unblock {name}. What was
                written stays here. If someone made you feel unsafe, report the conversation too.
              </p>
              {block.error && <Alert>{friendlyMessage(block.error)}</Alert>}
              <div className="flex flex-wrap justify-end gap-2">
                <Button type="button" variant="ghost" onClick={close}>
                  Cancel
                </Button>
                <Button
                  type="button"
                  disabled={block.isPending}
                  onClick={() =>
                    block.mutate(true, {
                      onSuccess: () => {
                        onNotice(`You blocked ${name}. Unblock them from the same menu at any time.`);
                        close();
                      },
                    })
                  }
                >
                  {block.isPending ? "Blocking…" : `Block ${name}`}
                </Button>
              </div>
            </div>
          )}
        </Modal>
      )}
      {dialog === "report" && (
        <ReportDialog conversationId={conversation.id} name={name} onClose={() => setDialog(null)} />
      )}
    </div>
  );
}

function ReportDialog({
  conversationId,
  name,
  onClose,
}: {
  conversationId: string;
  name: string;
  onClose: () => void;
}) {
  const report = useReportConversation(conversationId);
  const [reason, setReason] = useState("");
  const tooShort = reason.trim().length < REASON_MIN;
  return (
    <Modal title="Report this conversation" onClose={onClose}>
      {(close, descriptionId) =>
        report.isSuccess ? (
          <div className="mt-3 flex flex-col gap-4">
            <Alert kind="success">
              Thank you. Our team will read the conversation and act on it; {name} is not told who reported
              it.
            </Alert>
            <p id={descriptionId} className="text-white/75">
              You can also block {name} from the conversation’s menu.
            </p>
            <div className="flex justify-end">
              <Button type="button" onClick={close}>
                Done
              </Button>
            </div>
          </div>
        ) : (
          <form
            className="mt-3 flex flex-col gap-4"
            onSubmit={(event) => {
              event.preventDefault();
              if (!tooShort) report.mutate(reason.trim());
            }}
          >
            <p id={descriptionId} className="text-white/80">
              Tell us what went wrong with {name}: harassment, asking to pay outside SoulSeer, anything that
              breaks the rules. An admin reads every report.
            </p>
            <TextArea
              label="What happened?"
              required
              rows={5}
              maxLength={REASON_MAX}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              hint={`At least ${REASON_MIN} characters. ${reason.length}/${REASON_MAX}.`}
            />
            {report.error && <Alert>{friendlyMessage(report.error)}</Alert>}
            <div className="flex flex-wrap justify-end gap-2">
              <Button type="button" variant="ghost" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" disabled={report.isPending || tooShort}>
                {report.isPending ? "Sending…" : "Send report"}
              </Button>
            </div>
          </form>
        )
      }
    </Modal>
  );
}

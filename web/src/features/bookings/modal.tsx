import { type ReactNode, useEffect, useId, useRef } from "react";

/**
 * A modal dialog (native <dialog>: focus stays inside, Escape closes; focus returns to the button
 * that opened it). `children` gets a `close` that runs the dialog's own close.
 */
export function Modal({
  title,
  onClose,
  children,
  wide = false,
}: {
  title: ReactNode;
  onClose: () => void;
  children: (close: () => void, descriptionId: string) => ReactNode;
  wide?: boolean;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  }, []);
  return (
    <dialog
      ref={dialog}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-description`}
      onClose={onClose}
      className={`m-auto max-h-[calc(100dvh-2rem)] overflow-y-auto rounded-2xl border border-pink/40 bg-night p-5 text-white backdrop:bg-black/70 sm:p-6 ${
        wide ? "w-[min(44rem,calc(100vw-1.5rem))]" : "w-[min(32rem,calc(100vw-1.5rem))]"
      }`}
    >
      <h2 id={`${id}-title`} className="text-4xl text-pink">
        {title}
      </h2>
      {children(() => dialog.current?.close(), `${id}-description`)}
    </dialog>
  );
}

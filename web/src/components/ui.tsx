import {
  type ButtonHTMLAttributes,
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from "react";

export function Button({
  variant = "primary",
  className = "",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: "primary" | "ghost" | "gold";
  ref?: Ref<HTMLButtonElement>;
}) {
  const styles = {
    primary: "bg-pink text-night hover:bg-pink-soft shadow-[0_0_24px_-6px_#ff69b4]",
    gold: "bg-gold text-night hover:bg-gold-soft",
    ghost: "border border-pink/50 text-pink hover:bg-pink/10",
  }[variant];
  return (
    <button
      className={`inline-flex min-h-11 items-center justify-center gap-2 rounded-full px-5 py-2 font-semibold transition disabled:cursor-not-allowed disabled:opacity-50 ${styles} ${className}`}
      {...props}
    />
  );
}

/** The labelling every form control shares: a label, an optional hint and an error message. */
interface FieldLabelling {
  label: ReactNode;
  /** Help under the control, read out with it (`aria-describedby`). */
  hint?: ReactNode;
  /** What is wrong with the value; marks the control invalid. */
  error?: string;
  /** Shows a required marker; the control itself gets `required`. */
  required?: boolean;
  /** The label is for screen readers only (the control explains itself on screen). */
  hideLabel?: boolean;
  /** Classes of the field's wrapper (its place in a grid or a row). */
  className?: string;
}

/** What a control needs to be tied to its field's label, hint and error. */
export interface FieldControlProps {
  id: string;
  required?: boolean;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
}

const CONTROL =
  "rounded-lg border border-white/15 bg-night/70 text-white placeholder:text-white/40 focus:border-pink disabled:opacity-60 aria-[invalid=true]:border-red-400";
const INPUT = `min-h-11 px-3 py-2 ${CONTROL}`;

/**
 * A labelled form control: the label is tied to the control (`htmlFor`/`id`), the hint and the error
 * describe it, an error marks it invalid, and a required field shows a marker (outside the label, so
 * the accessible name stays the label's words). An error is announced when it appears. `children`
 * renders the control with the given props.
 */
export function Field({
  label,
  hint,
  error,
  required,
  hideLabel = false,
  className = "",
  children,
}: FieldLabelling & { children: (control: FieldControlProps) => ReactNode }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <div className={hideLabel ? "sr-only" : "text-sm"}>
        <label htmlFor={id} className="font-semibold text-gold-soft">
          {label}
        </label>
        {required && !hideLabel && (
          <span aria-hidden="true" className="ml-1 text-pink">
            *
          </span>
        )}
      </div>
      {children({ id, required, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined })}
      {hintId && (
        <p id={hintId} className="text-xs text-white/60">
          {hint}
        </p>
      )}
      {errorId && (
        <p id={errorId} role="alert" className="text-sm text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}

type ControlProps<Attributes> = Omit<Attributes, "className" | "id"> &
  FieldLabelling & {
    /** Extra classes of the control itself (width, resizing). */
    controlClassName?: string;
  };

/** A labelled text input (any `type` but checkbox and radio: see `Checkbox`). */
export function TextField({
  label,
  hint,
  error,
  required,
  hideLabel,
  className,
  controlClassName = "",
  ...props
}: ControlProps<InputHTMLAttributes<HTMLInputElement>>) {
  return (
    <Field {...{ label, hint, error, required, hideLabel, className }}>
      {(control) => <input className={`${INPUT} ${controlClassName}`} {...control} {...props} />}
    </Field>
  );
}

/** A labelled select; its options are the children. */
export function Select({
  label,
  hint,
  error,
  required,
  hideLabel,
  className,
  controlClassName = "",
  children,
  ...props
}: ControlProps<SelectHTMLAttributes<HTMLSelectElement>>) {
  return (
    <Field {...{ label, hint, error, required, hideLabel, className }}>
      {(control) => (
        <select className={`${INPUT} ${controlClassName}`} {...control} {...props}>
          {children}
        </select>
      )}
    </Field>
  );
}

/** A labelled multi-line text box. */
export function TextArea({
  label,
  hint,
  error,
  required,
  hideLabel,
  className,
  controlClassName = "",
  ...props
}: ControlProps<TextareaHTMLAttributes<HTMLTextAreaElement>>) {
  return (
    <Field {...{ label, hint, error, required, hideLabel, className }}>
      {(control) => <textarea className={`p-3 ${CONTROL} ${controlClassName}`} {...control} {...props} />}
    </Field>
  );
}

/** A checkbox with its label beside it (the label may hold links). */
export function Checkbox({
  label,
  className = "",
  ...props
}: Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "id" | "className"> & {
  label: ReactNode;
  className?: string;
}) {
  const id = useId();
  return (
    <div className={`flex items-start gap-2 ${className}`}>
      <input id={id} type="checkbox" className="mt-0.5 size-5 shrink-0 accent-pink" {...props} />
      <label htmlFor={id} className="text-sm text-white/85">
        {label}
      </label>
    </div>
  );
}

export function Alert({
  kind = "error",
  children,
}: {
  kind?: "error" | "success" | "info";
  children: ReactNode;
}) {
  const styles = {
    error: "border-red-400/60 bg-red-950/50 text-red-100",
    success: "border-emerald-400/60 bg-emerald-950/40 text-emerald-100",
    info: "border-gold/50 bg-gold/10 text-gold-soft",
  }[kind];
  return (
    <div
      role={kind === "error" ? "alert" : "status"}
      className={`rounded-lg border px-4 py-3 text-sm ${styles}`}
    >
      {children}
    </div>
  );
}

export function Spinner({ label = "Loading" }: { label?: string }) {
  return (
    <div role="status" className="flex items-center gap-3 py-6 text-white/70">
      <span
        className="size-5 animate-spin rounded-full border-2 border-pink border-t-transparent"
        aria-hidden="true"
      />
      <span>{label}…</span>
    </div>
  );
}

export function Card({ children, className = "" }: { children: ReactNode; className?: string }) {
  return <section className={`card p-5 sm:p-8 ${className}`}>{children}</section>;
}

export function PageTitle({ children, subtitle }: { children: ReactNode; subtitle?: ReactNode }) {
  return (
    <header className="mb-6">
      <h1 className="text-5xl text-pink sm:text-6xl">{children}</h1>
      {subtitle && <p className="mt-2 text-white/75">{subtitle}</p>}
    </header>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <p className="rounded-lg border border-dashed border-white/20 px-4 py-8 text-center text-white/60">
      {children}
    </p>
  );
}

/** "Load more" under a paged list, while the list has another page. */
export function LoadMore({
  query,
  children = "Load more",
}: {
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
  children?: ReactNode;
}) {
  if (!query.hasNextPage) return null;
  return (
    <Button
      variant="ghost"
      className="mt-4 self-start"
      disabled={query.isFetchingNextPage}
      onClick={() => query.fetchNextPage()}
    >
      {query.isFetchingNextPage ? "Loading…" : children}
    </Button>
  );
}

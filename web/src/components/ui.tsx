import { type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode, type Ref, useId } from "react";

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

export function TextField({
  label,
  error,
  hint,
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string; hint?: string }) {
  const id = useId();
  const describedBy =
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-semibold text-gold-soft">
        {label}
      </label>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className="min-h-11 rounded-lg border border-white/15 bg-night/70 px-3 py-2 text-white placeholder:text-white/40 focus:border-pink aria-[invalid=true]:border-red-400"
        {...props}
      />
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-white/60">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-300">
          {error}
        </p>
      )}
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

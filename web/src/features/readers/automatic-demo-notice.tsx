/** Says plainly that a demo reader is software answering with canned messages, not a person. */
export function AutomaticDemoNotice({ name }: { name: string }) {
  return (
    <aside
      aria-label="Automatic demo reader"
      className="mt-4 rounded-xl border border-gold/60 bg-gold/10 px-4 py-3 text-sm leading-6 text-white/90"
    >
      <span className="mb-1 inline-block rounded-full bg-gold px-3 py-0.5 text-xs font-semibold uppercase tracking-wide text-night">
        Automatic demo reader
      </span>
      <p>
        {name} is not a person: demo software that accepts chat readings on its own and answers with short,
        canned tarot-style messages, so you can try a paid chat reading from start to finish. Readings with
        them are billed like any other.
      </p>
    </aside>
  );
}

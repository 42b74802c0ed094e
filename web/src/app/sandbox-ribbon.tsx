import { usePublicConfig } from "../lib/public-config";

/**
 * While the payment sandbox is on (the embedded default, or PAYMENT_PROVIDER=sandbox), every page
 * says so: wallet funds here are not real money. A thin band in the page flow, above the sticky
 * header, so it never covers content on a phone; a note landmark screen readers announce.
 */
export function SandboxRibbon() {
  const { data: config } = usePublicConfig();
  if (config?.paymentProvider !== "sandbox") return null;
  return (
    <div
      data-print="hide"
      role="note"
      aria-label="Sandbox"
      className="border-b border-gold/40 bg-gradient-to-r from-pink/20 via-gold/20 to-pink/20 px-4 py-1 text-center text-xs font-semibold tracking-wide text-gold-soft"
    >
      Sandbox: no real money
      <span className="hidden font-normal text-white/75 sm:inline">
        {" "}
        · top-ups are pretend, and nothing is charged to a card
      </span>
    </div>
  );
}

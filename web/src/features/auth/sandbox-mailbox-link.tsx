import { Link } from "react-router";
import { usePublicConfig } from "../../lib/public-config";

/** Without a mail server (sandbox only): where the mail this browser is waiting for can be read. */
export function SandboxMailboxLink() {
  const { data: config } = usePublicConfig();
  if (!config?.sandboxMailbox) return null;
  return (
    <p className="mt-4 rounded-lg border border-gold/40 bg-gold/10 px-4 py-3 text-white/85">
      This site has no mail server yet (sandbox).{" "}
      <Link className="font-semibold text-gold underline" to="/mailbox">
        Open the sandbox mailbox
      </Link>{" "}
      to read the mail for the accounts you created in this browser.
    </p>
  );
}

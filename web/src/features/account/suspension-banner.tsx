import { Link } from "react-router";
import { useMe } from "../../lib/session";

/**
 * Shown on every page while the signed-in account is suspended: why, and what still works
 * (the wallet and its history, signing out). Starting, accepting or continuing a reading,
 * chatting, going online and spending are refused by the server until an admin restores it.
 */
export function SuspensionBanner() {
  const { data: me } = useMe();
  if (me?.status !== "suspended") return null;
  return (
    <section
      role="alert"
      aria-labelledby="suspension-title"
      className="border-b border-red-400/50 bg-red-950/70 px-4 py-4 text-white"
    >
      <div className="mx-auto flex max-w-6xl flex-col gap-1">
        <h2 id="suspension-title" className="font-heading text-3xl text-pink">
          Your account is suspended
        </h2>
        <p className="text-sm">
          <span className="font-semibold text-gold">Reason: </span>
          {me.statusReason ?? "No reason was given."}
        </p>
        <p className="text-sm text-white/80">
          You can still sign in and see your{" "}
          <Link to="/wallet" className="text-pink underline">
            wallet and its history
          </Link>
          . You cannot start or accept readings, chat, go online, edit your profile or spend until an admin
          restores your account. Contact support if you think this is a mistake.
        </p>
      </div>
    </section>
  );
}

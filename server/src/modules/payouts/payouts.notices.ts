import type { EmailService } from "../email/email.service.js";
import type { UsersService } from "../users/users.service.js";
import type { SettledPayout } from "./payouts.steps.js";

const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;

/** The email a reader gets when a payout settles: paid, failed or reversed, with the reason. */
export function payoutEmail(entry: SettledPayout, payoutsUrl: string) {
  const amount = dollars(entry.payout.amountCents);
  if (entry.status === "paid")
    return {
      subject: `Your payout of ${amount} is on its way`,
      text: `We sent ${amount} of your SoulSeer earnings to your payout account. Your bank usually shows it within a few business days.\n\nEvery payout is listed at ${payoutsUrl}\n`,
    };
  const what = entry.status === "reversed" ? "was reversed" : "did not go through";
  return {
    subject: `Your payout of ${amount} ${what}`,
    text: `Your payout of ${amount} ${what}${entry.reason ? `: ${entry.reason}` : "."}\n\nThe money is back in your SoulSeer earnings and will be paid with your next payout. Check your payout account at ${payoutsUrl}\n`,
  };
}

/** Emails each reader about their settled payouts (after commit; one email per payout). */
export function createPayoutNotices(deps: {
  email: Pick<EmailService, "send">;
  users: Pick<UsersService, "contactsOf">;
  publicOrigin: string;
}) {
  const payoutsUrl = `${deps.publicOrigin}/reader/payouts`;
  return async (settled: readonly SettledPayout[]) => {
    if (settled.length === 0) return;
    const contacts = await deps.users.contactsOf([
      ...new Set(settled.map((entry) => entry.payout.readerUserId)),
    ]);
    for (const entry of settled) {
      const contact = contacts.get(entry.payout.readerUserId);
      if (!contact) continue;
      await deps.email.send({
        to: contact.email,
        kind: `payout-${entry.status}`,
        ...payoutEmail(entry, payoutsUrl),
      });
    }
  };
}

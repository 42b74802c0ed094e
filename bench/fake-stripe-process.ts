// The fake Stripe Connect API in its own process (forked by the payouts bench), so that its work
// does not share the app's event loop. Messages: {accounts: string[]} adds accounts (answered
// {added}); {summary: true} answers what was made.
import { startFakeStripeConnect } from "../server/test/fake-stripe-connect.js";

const stripe = await startFakeStripeConnect();
process.on("message", (message: { accounts?: string[]; summary?: boolean }) => {
  if (message.accounts) {
    stripe.addAccounts(message.accounts);
    process.send?.({ added: message.accounts.length });
  }
  if (message.summary) process.send?.({ summary: stripe.summary() });
});
process.on("disconnect", () => {
  void stripe.close().then(() => process.exit(0));
});
process.send?.({ url: stripe.url });

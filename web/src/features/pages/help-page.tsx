import type { ReactNode } from "react";
import { Link } from "react-router";
import { ContentPage } from "./content-page";

const FAQ: { q: string; a: ReactNode }[] = [
  {
    q: "How do I create an account?",
    a: (
      <>
        Choose <Link to="/sign-up">Sign up</Link>, enter your email, a password of at least 10 characters, a
        display name and your date of birth. You must be 18 or older. We then email you a link to confirm your
        address.
      </>
    ),
  },
  {
    q: "I did not receive the verification email",
    a: (
      <>
        Check your spam folder first. Links work for 24 hours; you can ask for a new one on the{" "}
        <Link to="/verify-email">verification page</Link>.
      </>
    ),
  },
  {
    q: "I forgot my password",
    a: (
      <>
        Use <Link to="/forgot-password">Forgot password</Link>. If an account exists for the address, we send
        a reset link that works for one hour. Resetting signs you out everywhere else.
      </>
    ),
  },
  {
    q: "How does per-minute billing work?",
    a: "The reader's rate is locked when you start. Each minute is reserved from your wallet as it begins and charged as it is used; the last partial minute is charged by the second. If either side drops, billing pauses at once and the reading waits up to five minutes for you to reconnect.",
  },
  {
    q: "How do I add money to my wallet?",
    a: (
      <>
        Open your <Link to="/wallet">wallet</Link> and choose $10, $25, $50, $100 or any amount from $5 to
        $500. You pay on the card processor's secure checkout page and your balance updates as soon as the
        payment is confirmed.
      </>
    ),
  },
  {
    q: "Can I limit how much I spend?",
    a: "Yes. You can set daily, weekly and monthly limits. Lowering a limit applies at once; raising it takes effect after 24 hours, to protect you from decisions made in the moment.",
  },
  {
    q: "I am going through a hard time",
    a: "Readings are not a substitute for professional help. If you are in danger or thinking about harming yourself, call your local emergency number now, or in the US call or text 988 (Suicide & Crisis Lifeline).",
  },
  {
    q: "How do I contact support?",
    a: "Write to support@soulseer.app with your account email and, for a payment question, the receipt reference from your wallet history.",
  },
];

export function HelpPage() {
  return (
    <ContentPage title="Help center" subtitle="Answers to the questions we hear most.">
      <div className="flex flex-col gap-3">
        {FAQ.map((item) => (
          <details
            key={item.q}
            className="group rounded-lg border border-white/10 bg-night/50 px-4 py-3 open:border-pink/40"
          >
            <summary className="cursor-pointer list-none font-semibold text-gold-soft marker:hidden">
              <span aria-hidden="true" className="mr-2 inline-block transition group-open:rotate-90">
                ›
              </span>
              {item.q}
            </summary>
            <p>{item.a}</p>
          </details>
        ))}
      </div>
    </ContentPage>
  );
}

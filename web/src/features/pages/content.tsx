import type { ReactNode } from "react";
import { Link } from "react-router";
import { Card, PageTitle } from "../../components/ui";

function ContentPage({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle: string;
  children: ReactNode;
}) {
  return (
    <div className="mx-auto max-w-3xl">
      <PageTitle subtitle={subtitle}>{title}</PageTitle>
      <Card className="prose-soul">{children}</Card>
    </div>
  );
}

export function AboutPage() {
  return (
    <ContentPage title="About SoulSeer" subtitle="A marketplace for spiritual readings, built on fairness.">
      <p>
        SoulSeer connects people looking for insight with gifted readers — tarot readers, astrologers,
        mediums, numerologists and intuitive guides — for live readings by chat, voice and video, on demand or
        booked ahead.
      </p>
      <h2>What we stand for</h2>
      <ul>
        <li>
          <strong>A fair meter.</strong> The clock runs only while both of you are connected. Ringing, dropped
          calls, and pauses to add funds are never billed, and the meter is kept on our servers, not in your
          browser.
        </li>
        <li>
          <strong>Exact money.</strong> Every cent moves through a double-entry ledger that we check for
          balance. No charge happens twice.
        </li>
        <li>
          <strong>A fair deal for readers.</strong> Readers keep 70% of everything clients spend with them,
          with no per-minute fees, and are paid out daily.
        </li>
        <li>
          <strong>Your safety.</strong> Prices up front, spending limits you set, low-balance warnings, and an
          18+ community.
        </li>
      </ul>
      <h2>Our readers</h2>
      <p>
        Every reader applies with a profile, their specialties and experience, and a sample reading. Our team
        reviews each application before a reader can be listed.
      </p>
    </ContentPage>
  );
}

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
    a: "Check your spam folder first. Links work for 24 hours; you can ask for a new one from the verification page or by trying to sign in.",
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

export function TermsPage() {
  return (
    <ContentPage
      title="Terms of service"
      subtitle="The rules that keep SoulSeer fair for everyone. Last updated November 2026."
    >
      <h2>Who can use SoulSeer</h2>
      <p>You must be at least 18 years old and able to form a binding contract. One person, one account.</p>
      <h2>Readings</h2>
      <p>
        Readings are provided by independent readers and are offered for entertainment and personal reflection
        only. They are not medical, legal, financial or psychological advice. You decide what to do with what
        you hear.
      </p>
      <h2>Payments</h2>
      <p>
        Your wallet holds prepaid funds in US dollars. Per-minute readings are charged only for connected time
        at the rate shown when the reading starts. Bookings reserve their full price and follow the
        cancellation rules shown when you book. Refunds return money to your wallet; a wallet balance can be
        refunded to your card on request.
      </p>
      <h2>Conduct</h2>
      <p>
        Be respectful. Harassment, hate, threats, requests for illegal services and attempts to take payments
        off the platform are not allowed and can lead to suspension.
      </p>
      <h2>Changes</h2>
      <p>We will tell you by email before material changes to these terms take effect.</p>
    </ContentPage>
  );
}

export function PrivacyPage() {
  return (
    <ContentPage title="Privacy policy" subtitle="What we keep, why, and your choices.">
      <h2>What we collect</h2>
      <ul>
        <li>
          Account details: email, display name, date of birth (to confirm you are 18+), and your profile.
        </li>
        <li>
          Activity needed to run readings: reading times, messages you exchange, and your wallet history.
        </li>
        <li>Payment confirmations from our card processor. We never see or store your card number.</li>
      </ul>
      <h2>How we use it</h2>
      <p>
        To provide readings, bill fairly, keep the community safe, and meet legal duties. We do not sell your
        personal data.
      </p>
      <h2>Your rights</h2>
      <p>
        You can download your data and ask us to delete your account. Deletion anonymizes your personal data;
        financial records are kept as the law requires.
      </p>
      <h2>Cookies</h2>
      <p>We use one essential, HTTP-only cookie to keep you signed in. No advertising trackers.</p>
    </ContentPage>
  );
}

export function DisclaimerPage() {
  return (
    <ContentPage title="Entertainment purposes only" subtitle="Please read this before your first reading.">
      <p>
        Psychic, tarot, astrology, mediumship and other spiritual readings on SoulSeer are provided for
        entertainment and personal reflection. Readers share their intuition and interpretation; no outcome is
        guaranteed or predicted with certainty.
      </p>
      <p>
        A reading is never a substitute for advice from a doctor, therapist, lawyer or financial adviser. Do
        not stop or change medical treatment, or make major legal or financial decisions, based on a reading.
      </p>
      <p>SoulSeer is for adults aged 18 and over.</p>
      <h2>If you are in crisis</h2>
      <p>
        If you are thinking about harming yourself or someone else, or you are in danger, contact your local
        emergency services now. In the US, call or text <strong>988</strong> (Suicide &amp; Crisis Lifeline);
        in the UK and Ireland, call Samaritans on <strong>116 123</strong>.
      </p>
    </ContentPage>
  );
}

export function NotFoundPage() {
  return (
    <div className="mx-auto max-w-xl text-center">
      <PageTitle subtitle="The page you are looking for is not in the cards.">Lost in the stars</PageTitle>
      <Link to="/" className="text-pink underline">
        Back to the home page
      </Link>
    </div>
  );
}

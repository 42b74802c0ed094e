import { ContentPage } from "./content-page";

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
      <h2>Your choices</h2>
      <p>
        You can see and change your profile, time zone and password on your account page at any time. For any
        other question about your data, write to support@soulseer.app. Financial records are kept as the law
        requires.
      </p>
      <h2>Cookies</h2>
      <p>We use one essential, HTTP-only cookie to keep you signed in. No advertising trackers.</p>
    </ContentPage>
  );
}

import { ContentPage } from "./content-page";

export function AboutPage() {
  return (
    <ContentPage title="About SoulSeer" subtitle="A marketplace for spiritual readings, built on fairness.">
      <p>
        SoulSeer connects people looking for insight with gifted readers — tarot readers, astrologers,
        mediums, numerologists and intuitive guides — for live readings by chat, voice and video, on demand
        and paid by the minute.
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
          <strong>A fair deal for readers.</strong> Readers keep 70% of every paid minute and every tip, with
          no per-minute fees.
        </li>
        <li>
          <strong>Your safety.</strong> Prices up front, spending limits you set, low-balance warnings, and an
          18+ community.
        </li>
      </ul>
      <h2>Our readers</h2>
      <p>
        Readers apply with a profile, their specialties and experience, and a sample reading. Our team reviews
        each application before a reader can be listed.
      </p>
    </ContentPage>
  );
}

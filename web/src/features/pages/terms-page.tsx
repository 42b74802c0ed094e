import { ContentPage } from "./content-page";

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

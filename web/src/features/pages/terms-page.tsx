import { ContentPage } from "./content-page";

export function TermsPage() {
  return (
    <ContentPage
      title="Terms of service"
      subtitle="The rules that keep SoulSeer fair for everyone. Last updated December 2026."
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
        Your wallet holds prepaid funds in US dollars, added by card on our card processor's secure checkout.
        Readings are charged by the minute, only for the time you and your reader are both connected, at the
        rate shown and locked when the reading starts; the last partial minute is charged by the second. Tips
        are optional and taken from your wallet only when you confirm them. You can set daily, weekly and
        monthly spending limits in your wallet.
      </p>
      <p>
        If a charge went wrong, our team can refund it in full or in part. Refunds go back to your wallet.
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

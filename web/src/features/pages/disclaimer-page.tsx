import { ContentPage } from "./content-page";

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

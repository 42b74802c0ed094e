import { useParams } from "react-router";
import { RequireUser } from "../../app/require-user";
import { Alert, Button, Card, PageTitle, Spinner } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { type SandboxCard, useCompleteSandboxCardSetup, useSandboxCardSetup } from "./auto-reload-queries";

const CARDS: { card: SandboxCard; label: string; effect: string }[] = [
  { card: "pays", label: "Save a card that pays", effect: "Every auto-reload goes through." },
  {
    card: "authenticates",
    label: "Save a card that asks for 3-D Secure",
    effect: "Every auto-reload waits for you to confirm it with the pretend bank.",
  },
  { card: "declines", label: "Save a card that is declined", effect: "Every auto-reload is refused." },
];

/** The built-in sandbox's stand-in for the provider's page that saves a card (no real card). */
export function SandboxSaveCardPage() {
  const { checkoutId = "" } = useParams();
  const setup = useSandboxCardSetup(checkoutId);
  const complete = useCompleteSandboxCardSetup(checkoutId);
  return (
    <RequireUser>
      {() => (
        <div className="mx-auto max-w-md">
          <PageTitle subtitle="SoulSeer sandbox">Save a card</PageTitle>
          <Card>
            <Alert kind="info">
              This is the built-in sandbox. <strong>No real card is saved or charged</strong> — choose how the
              pretend card behaves.
            </Alert>
            {setup.isLoading && <Spinner />}
            {setup.error && <Alert>{friendlyMessage(setup.error)}</Alert>}
            {setup.data?.status === "saved" && <Alert kind="success">This card is saved.</Alert>}
            {setup.data?.status === "open" && (
              <ul className="mt-5 flex flex-col gap-4">
                {CARDS.map(({ card, label, effect }) => (
                  <li key={card} className="flex flex-col gap-1">
                    <Button
                      variant={card === "pays" ? "primary" : "ghost"}
                      disabled={complete.isPending}
                      onClick={() =>
                        complete.mutate(card, {
                          onSuccess: () => window.location.assign("/wallet?card=saved"),
                        })
                      }
                    >
                      {label}
                    </Button>
                    <p className="text-center text-sm text-white/60">{effect}</p>
                  </li>
                ))}
              </ul>
            )}
            {complete.error && <Alert>{friendlyMessage(complete.error)}</Alert>}
          </Card>
        </div>
      )}
    </RequireUser>
  );
}

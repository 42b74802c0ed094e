import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { RequireUser } from "../../app/require-user";
import { Alert, Button, Card, PageTitle, Spinner, TextField } from "../../components/ui";
import { api, fieldErrors, friendlyMessage, unwrap } from "../../lib/api/client";
import { useReaderStatus } from "../../lib/live";
import { ReaderWaitlist } from "../readings/waitlist";
import { LiveStatusBadge } from "./live-status";
import { PhotoUploadCard } from "./photo-upload";

const RATE_FIELDS = [
  ["chat", "Chat"],
  ["voice", "Voice"],
  ["video", "Video"],
  ["scheduled", "Scheduled readings"],
] as const;

export function ReaderDashboardPage() {
  const client = useQueryClient();
  const profile = useQuery({
    queryKey: ["my-reader"],
    queryFn: () => unwrap(api.GET("/api/v1/readers/me/profile")),
  });
  const setStatus = useMutation({
    mutationFn: (status: "online" | "away" | "offline") =>
      unwrap(api.PUT("/api/v1/readers/me/status", { body: { status } })),
    onSuccess: (data) => client.setQueryData(["my-reader"], data),
  });
  const saveRates = useMutation({
    mutationFn: (rates: Record<string, number | null>) =>
      unwrap(api.PATCH("/api/v1/readers/me/profile", { body: { rates } })),
    onSuccess: (data) => client.setQueryData(["my-reader"], data),
  });
  const errors = fieldErrors(saveRates.error);
  return (
    <RequireUser requiredRole="reader">
      {() => (
        <div className="mx-auto max-w-3xl">
          <PageTitle subtitle="Your status, rates and profile.">Reader dashboard</PageTitle>
          {profile.isLoading && <Spinner />}
          {profile.error && <Alert>{friendlyMessage(profile.error)}</Alert>}
          {profile.data && (
            <div className="grid gap-6">
              <StatusCard
                readerUserId={profile.data.reader.userId}
                loaded={profile.data.reader.status}
                onSet={(status) => setStatus.mutate(status)}
                pending={setStatus.isPending}
                error={setStatus.error}
              />
              <ReaderWaitlist />
              <PhotoUploadCard
                reader={profile.data.reader}
                onSaved={(data) => client.setQueryData(["my-reader"], data)}
              />
              <Card>
                <form
                  className="grid gap-4 sm:grid-cols-2"
                  onSubmit={(event: FormEvent<HTMLFormElement>) => {
                    event.preventDefault();
                    const form = new FormData(event.currentTarget);
                    const rates: Record<string, number | null> = {};
                    for (const [key] of RATE_FIELDS) {
                      const value = String(form.get(key) ?? "").trim();
                      rates[key] = value ? Math.round(Number(value) * 100) : null;
                    }
                    saveRates.mutate(rates);
                  }}
                >
                  <h2 className="text-4xl text-gold sm:col-span-2">Per-minute rates</h2>
                  <p className="text-sm text-white/70 sm:col-span-2">
                    $0.99 to $49.99 a minute. Leave empty for a modality you do not offer. New rates apply to
                    readings that start after you save.
                  </p>
                  {RATE_FIELDS.map(([key, label]) => (
                    <TextField
                      key={key}
                      label={`${label} (USD/min)`}
                      name={key}
                      inputMode="decimal"
                      defaultValue={
                        profile.data.reader.rates[key] === null
                          ? ""
                          : ((profile.data.reader.rates[key] ?? 0) / 100).toFixed(2)
                      }
                      error={errors[key]}
                    />
                  ))}
                  {saveRates.error && <Alert>{friendlyMessage(saveRates.error)}</Alert>}
                  {saveRates.isSuccess && <Alert kind="success">Rates saved.</Alert>}
                  <Button type="submit" variant="gold" disabled={saveRates.isPending} className="self-start">
                    Save rates
                  </Button>
                </form>
              </Card>
            </div>
          )}
        </div>
      )}
    </RequireUser>
  );
}

/** The reader's own status, kept current live (the platform sets busy and, with no open tab, offline). */
function StatusCard({
  readerUserId,
  loaded,
  onSet,
  pending,
  error,
}: {
  readerUserId: string;
  loaded: string;
  onSet: (status: "online" | "away" | "offline") => void;
  pending: boolean;
  error: unknown;
}) {
  const status = useReaderStatus(readerUserId, loaded);
  return (
    <Card>
      <h2 className="text-4xl text-gold">Status</h2>
      <p className="mt-1 text-white/75">
        <span className="inline-flex items-center gap-2">
          You are <LiveStatusBadge readerUserId={readerUserId} status={loaded} announce />
        </span>
        . Clients see changes at once on the list and your profile.
      </p>
      {status === "away" && (
        <p className="mt-1 text-sm text-gold-soft">
          Nobody can start a reading with you while you are away. A request you let ring out sets you away; go
          online when you are ready, and the first client in your callback line is offered first.
        </p>
      )}
      <fieldset className="mt-3 flex flex-wrap gap-2">
        <legend className="sr-only">Set your status</legend>
        {(["online", "away", "offline"] as const).map((choice) => (
          <Button
            key={choice}
            variant={status === choice ? "primary" : "ghost"}
            aria-pressed={status === choice}
            onClick={() => onSet(choice)}
            disabled={pending}
            className="capitalize"
          >
            {choice}
          </Button>
        ))}
      </fieldset>
      {error ? <Alert>{friendlyMessage(error)}</Alert> : null}
    </Card>
  );
}

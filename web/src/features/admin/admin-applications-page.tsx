import { useState } from "react";
import { Alert, Button, Card, EmptyState, Spinner, TextField } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import {
  useApproveApplication,
  usePendingApplications,
  useRejectApplication,
} from "../reader-applications/queries";
import { AdminShell } from "./admin-shell";

/** Vet new readers: approve, or reject with a reason the applicant sees. */
export function AdminApplicationsPage() {
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const queue = usePendingApplications();
  const approve = useApproveApplication();
  const reject = useRejectApplication();
  const items = queue.data?.items ?? [];
  return (
    <AdminShell
      title="Applications"
      subtitle="Vet new readers. Approving makes the applicant a listed reader; a rejection reason is shown to them."
    >
      <Card>
        {queue.isLoading && <Spinner label="Loading applications" />}
        {queue.error && <Alert>{friendlyMessage(queue.error)}</Alert>}
        {(approve.error || reject.error) && <Alert>{friendlyMessage(approve.error ?? reject.error)}</Alert>}
        {queue.isSuccess && items.length === 0 && <EmptyState>No applications waiting.</EmptyState>}
        <ul className="divide-y divide-white/10">
          {items.map((item) => (
            <li key={item.id} className="flex flex-col gap-3 py-4">
              <div>
                <p className="text-xl font-semibold text-pink">{item.displayName}</p>
                <p className="text-gold-soft">{item.headline}</p>
                <p className="text-sm text-white/70">
                  {item.specialties.join(", ")} · {item.yearsOfExperience} years · {item.languages.join(", ")}{" "}
                  · applied {new Date(item.createdAt).toLocaleDateString()}
                </p>
              </div>
              <details>
                <summary className="cursor-pointer text-gold">Bio and sample answer</summary>
                <p className="mt-2 whitespace-pre-line text-sm text-white/85">{item.bio}</p>
                <p className="mt-2 whitespace-pre-line text-sm italic text-white/75">{item.sampleAnswer}</p>
              </details>
              <div className="flex flex-wrap items-end gap-2">
                <Button onClick={() => approve.mutate(item.id)} disabled={approve.isPending}>
                  Approve
                </Button>
                <TextField
                  label="Reason for rejecting"
                  value={reasons[item.id] ?? ""}
                  onChange={(event) => setReasons({ ...reasons, [item.id]: event.target.value })}
                />
                <Button
                  variant="ghost"
                  disabled={reject.isPending || (reasons[item.id] ?? "").trim().length < 3}
                  onClick={() => reject.mutate({ applicationId: item.id, reason: reasons[item.id] ?? "" })}
                >
                  Reject
                </Button>
              </div>
            </li>
          ))}
        </ul>
      </Card>
    </AdminShell>
  );
}

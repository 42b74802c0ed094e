import { Alert, Button } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { useDownloadMyData } from "./queries";

/** "Download my data": one JSON file with everything SoulSeer holds about you. */
export function DataExport() {
  const download = useDownloadMyData();
  return (
    <section className="flex flex-col gap-3" aria-labelledby="data-export-title">
      <h2 id="data-export-title" className="text-4xl text-gold">
        Your data
      </h2>
      <p className="text-white/75">
        Download everything SoulSeer holds about you as one JSON file: your profile, wallet history, readings
        with their chat transcripts, reviews, notes, your reader profile if you have one, notifications and
        the audit entries about your account.
      </p>
      {download.isSuccess && <Alert kind="success">Downloaded {download.data.name}.</Alert>}
      {download.error && <Alert>{friendlyMessage(download.error)}</Alert>}
      <Button
        type="button"
        variant="ghost"
        className="self-start"
        disabled={download.isPending}
        aria-busy={download.isPending}
        onClick={() => download.mutate()}
      >
        {download.isPending ? "Preparing your file…" : "Download my data"}
      </Button>
    </section>
  );
}

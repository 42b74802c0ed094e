import { isRouteErrorResponse, Link, useRouteError } from "react-router";
import { Button, Card } from "../components/ui";

/**
 * A page's code that no longer loads: after a new release the old chunk names are gone from the
 * server while this tab still asks for them. Browsers word it differently; Vite adds its own.
 */
function isStaleChunk(error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  return /dynamically imported module|Importing a module script failed|Unable to preload|Loading chunk/i.test(
    message,
  );
}

/** The route error element: a page that could not load or render, with a way back. */
export function RouteError() {
  const error = useRouteError();
  const stale = isStaleChunk(error);
  const title = stale ? "SoulSeer has been updated" : "This page stumbled";
  const text = stale
    ? "A new version of SoulSeer came out while this tab was open, so this page could not load. Reload to get the latest version; nothing you saved is lost."
    : isRouteErrorResponse(error)
      ? `The page could not be shown (${error.status}). Reloading usually helps.`
      : "Something went wrong while showing this page. Reloading usually helps; if it keeps happening, write to support@soulseer.app.";
  return (
    <div className="mx-auto max-w-xl py-6">
      <Card className="text-center">
        <h1 className="text-5xl text-pink">{title}</h1>
        <p role="alert" className="mt-3 text-white/80">
          {text}
        </p>
        <div className="mt-6 flex flex-wrap justify-center gap-3">
          <Button onClick={() => window.location.reload()}>Reload the page</Button>
          <Link
            to="/"
            reloadDocument
            className="inline-flex min-h-11 items-center rounded-full border border-gold/60 px-5 py-2 font-semibold text-gold hover:bg-gold/10"
          >
            Go to the home page
          </Link>
        </div>
      </Card>
    </div>
  );
}

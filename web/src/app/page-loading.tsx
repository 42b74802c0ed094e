import { Spinner } from "../components/ui";

/** While a page's code loads: a quiet spinner, shown only if the load takes a moment. */
export function PageLoading() {
  return (
    <div className="flex min-h-[40vh] items-center justify-center motion-safe:animate-[soul-appear_0.3s_0.2s_both]">
      <Spinner label="Loading the page" />
    </div>
  );
}

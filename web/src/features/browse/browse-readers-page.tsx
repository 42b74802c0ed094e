import type { FormEvent } from "react";
import { useSearchParams } from "react-router";
import {
  Alert,
  Card,
  Checkbox,
  EmptyState,
  LoadMore,
  PageTitle,
  Select,
  Spinner,
  TextField,
} from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { SPECIALTY_LABELS } from "../readers/specialties";
import { type ReaderFilters, useReaderSearch } from "./queries";
import { type ListedReader, ReaderCard } from "./reader-card";

/** Find a reader: search and filters kept in the address, results a page at a time. */
export function BrowseReadersPage() {
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(params) as ReaderFilters;
  const readers = useReaderSearch(filters);
  // A reader whose place changed between pages (came online, was rated) can be on two pages:
  // they are shown once, where first seen.
  const items = uniqueReaders(readers.data?.pages.flatMap((page) => page.items) ?? []);
  const update = (name: keyof ReaderFilters, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  return (
    <div className="flex flex-col">
      <PageTitle subtitle="Vetted readers by chat, voice and video. Filters stay in the address, so you can share a search.">
        Find a reader
      </PageTitle>
      <Card className="mb-6">
        <form
          className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6"
          aria-label="Search readers"
          onSubmit={(event: FormEvent<HTMLFormElement>) => {
            event.preventDefault();
            update("q", String(new FormData(event.currentTarget).get("q") ?? "").trim());
          }}
        >
          <TextField
            label="Search"
            className="sm:col-span-2"
            name="q"
            type="search"
            defaultValue={filters.q ?? ""}
            placeholder="Name or words in a profile"
          />
          <Select
            label="Specialty"
            value={filters.specialty ?? ""}
            onChange={(event) => update("specialty", event.target.value)}
          >
            <option value="">Any</option>
            {Object.entries(SPECIALTY_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
          <Select
            label="Reading by"
            value={filters.modality ?? ""}
            onChange={(event) => update("modality", event.target.value)}
          >
            <option value="">Any</option>
            <option value="chat">Chat</option>
            <option value="voice">Voice</option>
            <option value="video">Video</option>
          </Select>
          <Select
            label="Sort"
            value={filters.sort ?? ""}
            onChange={(event) => update("sort", event.target.value)}
          >
            <option value="">Recommended</option>
            <option value="price">Price</option>
            <option value="rating">Rating</option>
            <option value="newest">Newest</option>
          </Select>
          <Checkbox
            label="Online now"
            className="self-end pb-3"
            checked={filters.online === "true"}
            onChange={(event) => update("online", event.target.checked ? "true" : "")}
          />
        </form>
      </Card>
      {readers.isLoading && <Spinner label="Finding readers" />}
      {readers.error && <Alert>{friendlyMessage(readers.error)}</Alert>}
      {readers.isSuccess && items.length === 0 && (
        <EmptyState>No readers match. Try fewer filters.</EmptyState>
      )}
      <ul className="grid gap-5 sm:grid-cols-2 lg:grid-cols-3">
        {items.map((reader) => (
          <ReaderCard key={reader.userId} reader={reader} />
        ))}
      </ul>
      <LoadMore query={readers}>More readers</LoadMore>
    </div>
  );
}

function uniqueReaders(list: ListedReader[]): ListedReader[] {
  const seen = new Set<string>();
  return list.filter((reader) => {
    if (seen.has(reader.userId)) return false;
    seen.add(reader.userId);
    return true;
  });
}

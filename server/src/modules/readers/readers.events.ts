import Type from "typebox";
import { defineLiveEvents } from "../../platform/realtime/live-events.js";
import { READER_STATUSES } from "./readers.schemas.js";

/** What watchers of a reader (`reader:<id>`, public) hear. */
export const readersEvents = defineLiveEvents({
  "reader.status": {
    room: "reader",
    description: "The reader's status now (sent on every change, and at once to a new watcher).",
    data: Type.Object({ readerUserId: Type.String(), status: Type.Enum([...READER_STATUSES]) }),
  },
});

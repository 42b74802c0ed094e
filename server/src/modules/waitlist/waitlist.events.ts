import Type from "typebox";
import { defineLiveEvents } from "../../platform/realtime/live-events.js";
import { WAITLIST_STATUSES } from "./waitlist.schemas.js";

/** What the waitlist tells the client in line and the reader whose line it is. */
export const waitlistEvents = defineLiveEvents({
  "waitlist.changed": {
    room: "user",
    description: "An entry of a line this user is in (or owns) changed: refetch the line.",
    data: Type.Object({
      entryId: Type.String(),
      readerUserId: Type.String(),
      status: Type.Enum([...WAITLIST_STATUSES]),
    }),
  },
});

import Type from "typebox";
import { defineLiveEvents } from "../../platform/realtime/live-events.js";
import { ChatMessageSchema, ReadingSchema } from "./readings.schemas.js";

/** What the readings module tells its participants: on their own `user:<id>` and in `reading:<id>`. */
export const readingsEvents = defineLiveEvents({
  "reading.requested": {
    room: "user",
    description: "A client asked for a reading (sent to both sides; the reader's app rings).",
    data: Type.Object({ reading: ReadingSchema }),
  },
  "reading.state": {
    room: "user",
    description: "A reading changed state (sent to both sides, each with their own view).",
    data: Type.Object({ reading: ReadingSchema }),
  },
  "reading.message": {
    room: "reading",
    description:
      "A chat message stored in the reading (the sender's own socket gets it in its reply instead).",
    data: Type.Object({ message: ChatMessageSchema }),
  },
  "reading.crisis": {
    room: "reading",
    description:
      "The client's chat message suggests self-harm: the client's app shows crisis lines, the reader's a note. Checked after the message was delivered.",
    data: Type.Object({ messageId: Type.String(), clientUserId: Type.String() }),
  },
  "reading.delivered": {
    room: "reading",
    description: "One side's app shows the other side's messages up to `upTo`.",
    data: Type.Object({ by: Type.String(), upTo: Type.String(), at: Type.String({ format: "date-time" }) }),
  },
});

// Generated from server/src/live.ts by `npm run openapi:generate`. Do not edit.
export type paths = Record<string, never>;
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        LiveEvents: {
            /** @description A side read the conversation (you on another device: your counts now; the other side: a read receipt). */
            "conversation.read": {
                data: {
                    conversationId: string;
                    /** Format: date-time */
                    readAt: string;
                    /** @enum {unknown} */
                    side: "client" | "reader";
                    /** @description Your unread messages in this conversation now. */
                    unread: number;
                    /** @description Your unread messages over all conversations now. */
                    unreadTotal: number;
                };
                /** @enum {string} */
                room: "user";
            };
            /** @description A conversation was blocked, unblocked, archived or restored: fetch it again. */
            "conversation.updated": {
                data: {
                    conversationId: string;
                };
                /** @enum {string} */
                room: "user";
            };
            /** @description A message in one of your conversations (yours from another device, or theirs), as you see it. */
            "message.new": {
                data: {
                    conversationId: string;
                    message: {
                        /** @description Images (GET /api/v1/message-images/{id} redirects to a short-lived link); empty while a paid reply is locked for you. */
                        attachments: {
                            height: number;
                            id: string;
                            width: number;
                        }[];
                        /** @description Null while a paid reply is locked for you (the client), or once it was withdrawn. */
                        body: string | null;
                        /** @description Email addresses, links or phone numbers in it were hidden (they are not allowed here). */
                        contactHidden: boolean;
                        conversationId: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** @description The client's words suggest self-harm: the client is shown crisis lines, the reader a note. */
                        crisis: boolean;
                        id: string;
                        /** @description A paid reply the client has not unlocked yet. */
                        locked: boolean;
                        paid: boolean;
                        preview: string | null;
                        priceCents: number | null;
                        /** @enum {unknown} */
                        side: "client" | "reader";
                        unlockedAt: string | null;
                        withdrawnAt: string | null;
                    };
                    /** @description Your unread messages in this conversation now. */
                    unread: number;
                    /** @description Your unread messages over all conversations now. */
                    unreadTotal: number;
                };
                /** @enum {string} */
                room: "user";
            };
            /** @description A paid reply was unlocked or withdrawn: the message as you see it now. */
            "message.updated": {
                data: {
                    conversationId: string;
                    message: {
                        /** @description Images (GET /api/v1/message-images/{id} redirects to a short-lived link); empty while a paid reply is locked for you. */
                        attachments: {
                            height: number;
                            id: string;
                            width: number;
                        }[];
                        /** @description Null while a paid reply is locked for you (the client), or once it was withdrawn. */
                        body: string | null;
                        /** @description Email addresses, links or phone numbers in it were hidden (they are not allowed here). */
                        contactHidden: boolean;
                        conversationId: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** @description The client's words suggest self-harm: the client is shown crisis lines, the reader a note. */
                        crisis: boolean;
                        id: string;
                        /** @description A paid reply the client has not unlocked yet. */
                        locked: boolean;
                        paid: boolean;
                        preview: string | null;
                        priceCents: number | null;
                        /** @enum {unknown} */
                        side: "client" | "reader";
                        unlockedAt: string | null;
                        withdrawnAt: string | null;
                    };
                };
                /** @enum {string} */
                room: "user";
            };
            /** @description A new in-app notification for this user. */
            notification: {
                data: {
                    /** Notification */
                    notification: {
                        body: string;
                        /** Format: date-time */
                        createdAt: string;
                        id: string;
                        kind: string;
                        link: string | null;
                        readAt: string | null;
                        title: string;
                    };
                };
                /** @enum {string} */
                room: "user";
            };
            /** @description Notifications were marked read (on any device): the unread count now. */
            "notifications.read": {
                data: {
                    unreadCount: number;
                };
                /** @enum {string} */
                room: "user";
            };
            /** @description The reader's status now (sent on every change, and at once to a new watcher). */
            "reader.status": {
                data: {
                    readerUserId: string;
                    /** @enum {unknown} */
                    status: "online" | "away" | "offline" | "busy";
                };
                /** @enum {string} */
                room: "reader";
            };
            /** @description The client's chat message suggests self-harm: the client's app shows crisis lines, the reader's a note. Checked after the message was delivered. */
            "reading.crisis": {
                data: {
                    clientUserId: string;
                    messageId: string;
                };
                /** @enum {string} */
                room: "reading";
            };
            /** @description One side's app shows the other side's messages up to `upTo`. */
            "reading.delivered": {
                data: {
                    /** Format: date-time */
                    at: string;
                    by: string;
                    upTo: string;
                };
                /** @enum {string} */
                room: "reading";
            };
            /** @description A chat message stored in the reading (the sender's own socket gets it in its reply instead). */
            "reading.message": {
                data: {
                    /** ChatMessage */
                    message: {
                        body: string;
                        clientMessageId: string;
                        /** Format: date-time */
                        createdAt: string;
                        deliveredAt: string | null;
                        id: string;
                        readingId: string;
                        senderUserId: string;
                    };
                };
                /** @enum {string} */
                room: "reading";
            };
            /** @description A client asked for a reading (sent to both sides; the reader's app rings). */
            "reading.requested": {
                data: {
                    /** Reading */
                    reading: {
                        acceptedAt: string | null;
                        accruedAt: string | null;
                        /** @description While ringing: when the request counts as missed. */
                        answerBy: string | null;
                        /** @description Connected, active time accounted up to accruedAt. */
                        billedMs: number;
                        billedSeconds: number;
                        bookingId: string | null;
                        chargedCents: number;
                        clientName: string;
                        clientUserId: string;
                        /** Format: date-time */
                        createdAt: string;
                        endCause: ("requested" | "booked" | "accepted" | "declined" | "missed" | "cancelled" | "both_connected" | "reconnected" | "funds_added" | "funds_out" | "dropped" | "ended_by_client" | "ended_by_reader" | "grace_expired" | "join_timeout" | "spending_limit" | "account_suspended" | "account_banned" | "time_up" | "booking_due" | "settled") | null;
                        endedAt: string | null;
                        finalizedAt: string | null;
                        graceEndsAt: string | null;
                        id: string;
                        /** @enum {unknown} */
                        modality: "chat" | "voice" | "video";
                        /**
                         * @description flat: a booked reading; ratePerUnitCents is its whole price, unitMs its booked length, and it runs from scheduledStartAt to scheduledEndAt.
                         * @enum {unknown}
                         */
                        pricing: "per_unit" | "flat";
                        /** @description The locked per-minute (per billing unit) rate. */
                        ratePerUnitCents: number;
                        readerName: string;
                        /** @description Shown to the reader only. */
                        readerShareCents: number | null;
                        /** @description The reader's page: /readers/<slug>. */
                        readerSlug: string | null;
                        readerUserId: string;
                        scheduledEndAt: string | null;
                        scheduledStartAt: string | null;
                        startedAt: string | null;
                        /** @enum {unknown} */
                        state: "created" | "waiting" | "active" | "paused" | "reconnecting" | "ended" | "finalized";
                        /** @description The billing unit in milliseconds (60 000 = per minute). */
                        unitMs: number;
                    };
                };
                /** @enum {string} */
                room: "user";
            };
            /** @description A reading changed state (sent to both sides, each with their own view). */
            "reading.state": {
                data: {
                    /** Reading */
                    reading: {
                        acceptedAt: string | null;
                        accruedAt: string | null;
                        /** @description While ringing: when the request counts as missed. */
                        answerBy: string | null;
                        /** @description Connected, active time accounted up to accruedAt. */
                        billedMs: number;
                        billedSeconds: number;
                        bookingId: string | null;
                        chargedCents: number;
                        clientName: string;
                        clientUserId: string;
                        /** Format: date-time */
                        createdAt: string;
                        endCause: ("requested" | "booked" | "accepted" | "declined" | "missed" | "cancelled" | "both_connected" | "reconnected" | "funds_added" | "funds_out" | "dropped" | "ended_by_client" | "ended_by_reader" | "grace_expired" | "join_timeout" | "spending_limit" | "account_suspended" | "account_banned" | "time_up" | "booking_due" | "settled") | null;
                        endedAt: string | null;
                        finalizedAt: string | null;
                        graceEndsAt: string | null;
                        id: string;
                        /** @enum {unknown} */
                        modality: "chat" | "voice" | "video";
                        /**
                         * @description flat: a booked reading; ratePerUnitCents is its whole price, unitMs its booked length, and it runs from scheduledStartAt to scheduledEndAt.
                         * @enum {unknown}
                         */
                        pricing: "per_unit" | "flat";
                        /** @description The locked per-minute (per billing unit) rate. */
                        ratePerUnitCents: number;
                        readerName: string;
                        /** @description Shown to the reader only. */
                        readerShareCents: number | null;
                        /** @description The reader's page: /readers/<slug>. */
                        readerSlug: string | null;
                        readerUserId: string;
                        scheduledEndAt: string | null;
                        scheduledStartAt: string | null;
                        startedAt: string | null;
                        /** @enum {unknown} */
                        state: "created" | "waiting" | "active" | "paused" | "reconnecting" | "ended" | "finalized";
                        /** @description The billing unit in milliseconds (60 000 = per minute). */
                        unitMs: number;
                    };
                };
                /** @enum {string} */
                room: "user";
            };
            /** @description A signal a member relayed to the room (typing, WebRTC negotiation); `from` is the sender. */
            signal: {
                data: {
                    data: {
                        [key: string]: unknown;
                    };
                    from: string;
                    kind: string;
                };
                /** @enum {string} */
                room: "*";
            };
            /** @description The top supporters as they stand after a gift (a batch of the room's events carries only the latest). */
            "stream.board": {
                data: {
                    board: {
                        displayName: string;
                        giftCount: number;
                        totalCents: number;
                        userId: string;
                    }[];
                    streamId: string;
                };
                /** @enum {string} */
                room: "stream";
            };
            /** @description A live chat message. */
            "stream.chat": {
                data: {
                    /** LiveChatMessage */
                    message: {
                        /** @description As shown: contact details masked. */
                        body: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: uuid */
                        id: string;
                        sender: {
                            displayName: string;
                            isReader: boolean;
                            userId: string;
                        };
                    };
                    streamId: string;
                };
                /** @enum {string} */
                room: "stream";
            };
            /** @description Messages that vanish for everyone: one the reader deleted, or all of a viewer the reader muted. */
            "stream.chat-removed": {
                data: {
                    messageIds: string[];
                    mutedUserId: string | null;
                    streamId: string;
                };
                /** @enum {string} */
                room: "stream";
            };
            /** @description Your live chat message (or, for the reader, a viewer's) spoke of self-harm: the viewer's app shows crisis lines, the reader's a note. */
            "stream.crisis": {
                data: {
                    messageId: string;
                    senderUserId: string;
                    streamId: string;
                };
                /** @enum {string} */
                room: "user";
            };
            /** @description A gift was sent: play its animation and show it in the chat. */
            "stream.gift": {
                data: {
                    /** SentGift */
                    gift: {
                        animation: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: uuid */
                        giftId: string;
                        /** Format: uuid */
                        id: string;
                        name: string;
                        priceCents: number;
                        sender: {
                            displayName: string;
                            userId: string;
                        };
                        /** Format: uuid */
                        streamId: string;
                    };
                    streamId: string;
                };
                /** @enum {string} */
                room: "stream";
            };
            /** @description The stream went live, is reconnecting (the reader's connection dropped), ended or was cancelled. */
            "stream.status": {
                data: {
                    endReason: string | null;
                    /** @enum {unknown} */
                    status: "scheduled" | "live" | "reconnecting" | "ended" | "cancelled";
                    streamId: string;
                };
                /** @enum {string} */
                room: "stream";
            };
            /** @description How many are watching now (over every app node). */
            "stream.viewers": {
                data: {
                    streamId: string;
                    viewerCount: number;
                };
                /** @enum {string} */
                room: "stream";
            };
            /** @description An entry of a line this user is in (or owns) changed: refetch the line. */
            "waitlist.changed": {
                data: {
                    entryId: string;
                    readerUserId: string;
                    /** @enum {unknown} */
                    status: "waiting" | "offered" | "started" | "lapsed" | "cancelled" | "expired";
                };
                /** @enum {string} */
                room: "user";
            };
        };
        LiveRequests: {
            "reading.chat": {
                data: {
                    body: string;
                };
                /** @enum {string} */
                name: "chat";
                /** ChatMessage */
                reply: {
                    body: string;
                    clientMessageId: string;
                    /** Format: date-time */
                    createdAt: string;
                    deliveredAt: string | null;
                    id: string;
                    readingId: string;
                    senderUserId: string;
                };
                /** @enum {string} */
                room: "reading";
            };
            "reading.delivered": {
                data: {
                    /** Format: uuid */
                    messageId: string;
                };
                /** @enum {string} */
                name: "delivered";
                reply: {
                    changed: number;
                };
                /** @enum {string} */
                room: "reading";
            };
            "stream.chat": {
                data: {
                    body: string;
                };
                /** @enum {string} */
                name: "chat";
                /** LiveChatMessage */
                reply: {
                    /** @description As shown: contact details masked. */
                    body: string;
                    /** Format: date-time */
                    createdAt: string;
                    /** Format: uuid */
                    id: string;
                    sender: {
                        displayName: string;
                        isReader: boolean;
                        userId: string;
                    };
                };
                /** @enum {string} */
                room: "stream";
            };
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;

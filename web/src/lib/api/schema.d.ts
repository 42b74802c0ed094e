// Generated from openapi.json by `npm run openapi:generate`. Do not edit.
export interface paths {
    "/api/v1/account-deletion/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Whether an emailed deletion link is still valid */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            expiresAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account-deletion/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Delete the account of an emailed link: anonymized, signed out everywhere */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            claimReference: string;
                            /** @enum {boolean} */
                            deleted: true;
                            earningsCents: number;
                            readingsEnded: number;
                            walletBalanceCents: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/audit-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read the audit log, newest first, with filters */
        get: {
            parameters: {
                query?: {
                    action?: string;
                    actorUserId?: string;
                    objectType?: string;
                    objectId?: string;
                    /** @description Entries at or after this instant. */
                    from?: string;
                    /** @description Entries at or before this instant. */
                    to?: string;
                    /** @description `nextCursor` of the previous page. */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                action: string;
                                actorEmail: string | null;
                                actorUserId: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                objectId: string | null;
                                objectType: string;
                                requestId: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/bookings/{bookingId}/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Refund all or part of a booking to the client's wallet: its reading's charges, or what its cancellation captured (70/30 taken back; reason required, audit-logged) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    bookingId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description In cents, at most $10,000.00. */
                        amountCents: number;
                        /** @description Chosen by the caller; repeating a request with the same key moves no money twice. */
                        idempotencyKey: string;
                        /** @description Why (kept in the audit log). */
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: boolean;
                            /** @description The reader's part their earnings no longer held: netted from their next payouts. */
                            owedCents: number;
                            platformCents: number;
                            /** @description Taken back from the reader (earnings, then what they owe). */
                            readerCents: number;
                            /** @description What of the reading can still be refunded after this. */
                            refundableCents: number;
                            /** @description Back to the client's wallet. */
                            refundedCents: number;
                            transferId: string;
                        } & {
                            /**
                             * @description reading: the booked reading's charges; booking: what the cancellation captured.
                             * @enum {unknown}
                             */
                            refundOf: "reading" | "booking";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/conversation-reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reported conversations (open or resolved), latest first */
        get: {
            parameters: {
                query?: {
                    status?: "open" | "resolved";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                clientName: string;
                                conversationId: string;
                                /** Format: date-time */
                                createdAt: string;
                                id: string;
                                readerName: string;
                                reason: string;
                                reporterName: string;
                                resolution: string | null;
                                resolvedAt: string | null;
                                /**
                                 * @description The side that reported.
                                 * @enum {unknown}
                                 */
                                side: "client" | "reader";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/conversation-reports/{reportId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a reported conversation as written (audit-logged) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    reportId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Oldest first, up to 1,000. */
                            messages: {
                                /** @description As written, contact details included. */
                                body: string;
                                contactHidden: boolean;
                                /** Format: date-time */
                                createdAt: string;
                                crisis: boolean;
                                id: string;
                                paid: boolean;
                                preview: string | null;
                                priceCents: number | null;
                                /** @enum {unknown} */
                                side: "client" | "reader";
                                unlockedAt: string | null;
                                withdrawnAt: string | null;
                            }[];
                            report: {
                                clientName: string;
                                conversationId: string;
                                /** Format: date-time */
                                createdAt: string;
                                id: string;
                                readerName: string;
                                reason: string;
                                reporterName: string;
                                resolution: string | null;
                                resolvedAt: string | null;
                                /**
                                 * @description The side that reported.
                                 * @enum {unknown}
                                 */
                                side: "client" | "reader";
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/conversation-reports/{reportId}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close a report with what was done (audit-logged) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    reportId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        resolution: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            report: {
                                clientName: string;
                                conversationId: string;
                                /** Format: date-time */
                                createdAt: string;
                                id: string;
                                readerName: string;
                                reason: string;
                                reporterName: string;
                                resolution: string | null;
                                resolvedAt: string | null;
                                /**
                                 * @description The side that reported.
                                 * @enum {unknown}
                                 */
                                side: "client" | "reader";
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/conversation-reports/{reportId}/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One report without the conversation's text (not a read of it; not audit-logged) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    reportId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            report: {
                                clientName: string;
                                conversationId: string;
                                /** Format: date-time */
                                createdAt: string;
                                id: string;
                                readerName: string;
                                reason: string;
                                reporterName: string;
                                resolution: string | null;
                                resolvedAt: string | null;
                                /**
                                 * @description The side that reported.
                                 * @enum {unknown}
                                 */
                                side: "client" | "reader";
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/disputes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Card disputes, newest first, with the client's wallet (balance, frozen) and totals by status */
        get: {
            parameters: {
                query?: {
                    /** @description `nextCursor` of the previous page. */
                    cursor?: string;
                    limit?: number;
                    status?: "open" | "won" | "lost";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description What the card processor took back. */
                                amountCents: number;
                                clientEmail: string | null;
                                clientName: string | null;
                                clientUserId: string;
                                closeNote: string | null;
                                closedAt: string | null;
                                closedBy: string | null;
                                /** @description Taken from the client's wallet when it opened. */
                                fromWalletCents: number;
                                /** Format: uuid */
                                id: string;
                                lossCents: number | null;
                                /** Format: date-time */
                                openedAt: string;
                                /** @description What the wallet no longer held: owed (chargeback receivable). */
                                owedCents: number;
                                /** @enum {unknown} */
                                provider: "stripe" | "sandbox";
                                providerDisputeId: string;
                                readersCents: number | null;
                                reason: string | null;
                                /** @enum {unknown} */
                                status: "open" | "won" | "lost";
                                /** Format: uuid */
                                topUpId: string;
                                wallet: {
                                    balanceCents: number;
                                    frozenAt: string | null;
                                };
                            }[];
                            nextCursor: string | null;
                            totals: {
                                lost?: {
                                    amountCents: number;
                                    count: number;
                                };
                                open?: {
                                    amountCents: number;
                                    count: number;
                                };
                                won?: {
                                    amountCents: number;
                                    count: number;
                                };
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/disputes/{disputeId}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resolve an open dispute: won reverses the chargeback and unfreezes the wallet; lost writes off what was owed (readers' part back, the rest the platform's loss). Reason required, audit-logged */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    disputeId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description won: the chargeback is reversed and the wallet unfrozen; lost: what was owed is written off.
                         * @enum {unknown}
                         */
                        outcome: "won" | "lost";
                        /** @description Why (kept in the audit log). */
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description What the card processor took back. */
                            amountCents: number;
                            clientEmail: string | null;
                            clientName: string | null;
                            clientUserId: string;
                            closeNote: string | null;
                            closedAt: string | null;
                            closedBy: string | null;
                            /** @description Taken from the client's wallet when it opened. */
                            fromWalletCents: number;
                            /** Format: uuid */
                            id: string;
                            lossCents: number | null;
                            /** Format: date-time */
                            openedAt: string;
                            /** @description What the wallet no longer held: owed (chargeback receivable). */
                            owedCents: number;
                            /** @enum {unknown} */
                            provider: "stripe" | "sandbox";
                            providerDisputeId: string;
                            readersCents: number | null;
                            reason: string | null;
                            /** @enum {unknown} */
                            status: "open" | "won" | "lost";
                            /** Format: uuid */
                            topUpId: string;
                            wallet: {
                                balanceCents: number;
                                frozenAt: string | null;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/disputes/{disputeId}/unfreeze": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Unfreeze the wallet of a client whose disputes are all closed (reason required, audit-logged) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    disputeId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Why (kept in the audit log). */
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description What the card processor took back. */
                            amountCents: number;
                            clientEmail: string | null;
                            clientName: string | null;
                            clientUserId: string;
                            closeNote: string | null;
                            closedAt: string | null;
                            closedBy: string | null;
                            /** @description Taken from the client's wallet when it opened. */
                            fromWalletCents: number;
                            /** Format: uuid */
                            id: string;
                            lossCents: number | null;
                            /** Format: date-time */
                            openedAt: string;
                            /** @description What the wallet no longer held: owed (chargeback receivable). */
                            owedCents: number;
                            /** @enum {unknown} */
                            provider: "stripe" | "sandbox";
                            providerDisputeId: string;
                            readersCents: number | null;
                            reason: string | null;
                            /** @enum {unknown} */
                            status: "open" | "won" | "lost";
                            /** Format: uuid */
                            topUpId: string;
                            wallet: {
                                balanceCents: number;
                                frozenAt: string | null;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/figures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Key figures: money in, platform revenue, readers' earnings, payouts, refunds and disputes per UTC day / ISO week / month (from the ledger), sign-ups, readings in progress, the latest ledger check */
        get: {
            parameters: {
                query?: {
                    /** @description Bucket size: the last 30 UTC days, 12 ISO weeks (from Monday) or 12 months. */
                    period?: "day" | "week" | "month";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Readings in progress now (active, paused or reconnecting). */
                            activeReadingsNow: number;
                            /** @description Oldest first; every bucket present. */
                            buckets: {
                                /** @description Money taken back by card disputes (from wallets or booked as owed). */
                                disputesCents: number;
                                /** @description Top-ups credited to wallets. */
                                moneyInCents: number;
                                /** @description Of the new accounts, those that are readers now. */
                                newReaders: number;
                                newUsers: number;
                                /** @description Payouts the provider confirmed (into paid out), less reversed ones. */
                                payoutsCents: number;
                                /** @description Net change of the platform revenue account (fees less refunds taken back). */
                                platformRevenueCents: number;
                                /** @description Credits to readers' earnings (returned payouts left out). */
                                readerEarningsCents: number;
                                /** @description Refunds credited to clients' wallets. */
                                refundsCents: number;
                                /**
                                 * Format: date
                                 * @description The bucket's first UTC day.
                                 */
                                start: string;
                            }[];
                            /** Format: date-time */
                            generatedAt: string;
                            /** @description This server's latest ledger check (timer or admin run); null until one ran. */
                            lastLedgerCheck: {
                                /** Format: date-time */
                                at: string;
                                ok: boolean;
                                violations: number;
                            } | null;
                            /** @enum {unknown} */
                            period: "day" | "week" | "month";
                            /** @description Sums over the buckets shown. */
                            totals: {
                                disputesCents: number;
                                moneyInCents: number;
                                newReaders: number;
                                newUsers: number;
                                payoutsCents: number;
                                platformRevenueCents: number;
                                readerEarningsCents: number;
                                refundsCents: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/gifts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The whole gift catalog, inactive gifts too */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                active: boolean;
                                animation: string;
                                /** Format: uuid */
                                id: string;
                                name: string;
                                priceCents: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Add a gift to the catalog */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active?: boolean;
                        /** @enum {unknown} */
                        animation: "rose" | "crystal" | "star" | "moon" | "sun" | "diamond" | "heart" | "sparkle";
                        name: string;
                        priceCents: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            animation: string;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            priceCents: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/gifts/{giftId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change or retire a gift */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    giftId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active?: boolean;
                        /** @enum {unknown} */
                        animation?: "rose" | "crystal" | "star" | "moon" | "sun" | "diamond" | "heart" | "sparkle";
                        name?: string;
                        priceCents?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            animation: string;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            priceCents: number;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/admin/ledger/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Run ledger:verify now and see the result */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accounts: number;
                            /** Format: date-time */
                            checkedAt: string;
                            checks: string[];
                            entries: number;
                            ok: boolean;
                            transfers: number;
                            violations: {
                                check: string;
                                detail: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/outbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Emails the platform sent (the mailbox when no SMTP server is configured) */
        get: {
            parameters: {
                query?: {
                    /** @description `nextCursor` of the previous page. */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                createdAt: string;
                                id: string;
                                kind: string;
                                sentAt: string | null;
                                status: "pending" | "sent" | "logged" | "failed";
                                subject: string;
                                textBody: string;
                                to: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/payouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Payouts with filters, totals by status and held readers */
        get: {
            parameters: {
                query?: {
                    /** @description `nextCursor` of the previous page. */
                    cursor?: string;
                    limit?: number;
                    status?: "in_transit" | "paid" | "failed" | "reversed";
                    trigger?: "auto" | "manual" | "retry";
                    readerUserId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            held: {
                                /** Format: date-time */
                                heldAt: string;
                                heldReason: string;
                                readerName: string | null;
                                readerUserId: string;
                            }[];
                            items: ({
                                amountCents: number;
                                attempts: number;
                                /** Format: date-time */
                                createdAt: string;
                                failureReason: string | null;
                                /** Format: uuid */
                                id: string;
                                paidAt: string | null;
                                /** @enum {unknown} */
                                provider: "stripe" | "sandbox";
                                providerTransferId: string | null;
                                readerUserId: string;
                                /** @enum {unknown} */
                                status: "in_transit" | "paid" | "failed" | "reversed";
                                /** @enum {unknown} */
                                trigger: "auto" | "manual" | "retry";
                            } & {
                                readerEmail: string | null;
                                readerName: string | null;
                            })[];
                            nextCursor: string | null;
                            totals: {
                                cents: number;
                                count: number;
                                /** @enum {unknown} */
                                status: "in_transit" | "paid" | "failed" | "reversed";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/payouts/readers/{readerUserId}/hold": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Hold every payout to a reader (reason required, audit-logged) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    readerUserId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Why (kept in the audit log). */
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            held: boolean;
                            heldReason: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/payouts/readers/{readerUserId}/pay-now": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pay a reader's available earnings now (once per idempotency key; audit-logged) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    readerUserId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        idempotencyKey: string;
                        /** @description Why (kept in the audit log). */
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Payout */
                            payout: {
                                amountCents: number;
                                attempts: number;
                                /** Format: date-time */
                                createdAt: string;
                                failureReason: string | null;
                                /** Format: uuid */
                                id: string;
                                paidAt: string | null;
                                /** @enum {unknown} */
                                provider: "stripe" | "sandbox";
                                providerTransferId: string | null;
                                readerUserId: string;
                                /** @enum {unknown} */
                                status: "in_transit" | "paid" | "failed" | "reversed";
                                /** @enum {unknown} */
                                trigger: "auto" | "manual" | "retry";
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/payouts/readers/{readerUserId}/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Release a reader's held payouts (reason required, audit-logged) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    readerUserId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Why (kept in the audit log). */
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            held: boolean;
                            heldReason: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/payouts/{payoutId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pay a failed payout again (once; audit-logged) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    payoutId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Why (kept in the audit log). */
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Payout */
                            payout: {
                                amountCents: number;
                                attempts: number;
                                /** Format: date-time */
                                createdAt: string;
                                failureReason: string | null;
                                /** Format: uuid */
                                id: string;
                                paidAt: string | null;
                                /** @enum {unknown} */
                                provider: "stripe" | "sandbox";
                                providerTransferId: string | null;
                                readerUserId: string;
                                /** @enum {unknown} */
                                status: "in_transit" | "paid" | "failed" | "reversed";
                                /** @enum {unknown} */
                                trigger: "auto" | "manual" | "retry";
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/reader-applications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The reader application queue */
        get: {
            parameters: {
                query?: {
                    /** @description `nextCursor` of the previous page. */
                    cursor?: string;
                    limit?: number;
                    status?: "pending" | "approved" | "rejected";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                bio: string;
                                /** Format: date-time */
                                createdAt: string;
                                decisionReason: string | null;
                                displayName: string;
                                headline: string;
                                id: string;
                                languages: string[];
                                reviewedAt: string | null;
                                sampleAnswer: string;
                                specialties: string[];
                                status: "pending" | "approved" | "rejected";
                                timeZone: string;
                                tools: string[];
                                userId: string;
                                yearsOfExperience: number;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/reader-applications/{applicationId}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve: the applicant becomes a reader (audit-logged) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    applicationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Reader */
                            reader: {
                                /** @description A demo reader answered by software with canned messages (demo data only); the web app says so on their page. */
                                automaticDemo: boolean;
                                bio: string;
                                /** Format: date-time */
                                createdAt: string;
                                displayName: string;
                                headline: string;
                                languages: string[];
                                /** @description Stable link to the profile photo (redirects to the image); null without one. */
                                photoUrl: string | null;
                                rates: {
                                    chat: number | null;
                                    scheduled: number | null;
                                    video: number | null;
                                    voice: number | null;
                                };
                                ratingAverage: number;
                                ratingCount: number;
                                slug: string;
                                specialties: string[];
                                status: "online" | "away" | "offline" | "busy";
                                tools: string[];
                                userId: string;
                                yearsOfExperience: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/reader-applications/{applicationId}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject with a reason the applicant sees (audit-logged) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    applicationId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** ReaderApplication */
                            application: {
                                bio: string;
                                /** Format: date-time */
                                createdAt: string;
                                decisionReason: string | null;
                                displayName: string;
                                headline: string;
                                id: string;
                                languages: string[];
                                reviewedAt: string | null;
                                sampleAnswer: string;
                                specialties: string[];
                                status: "pending" | "approved" | "rejected";
                                timeZone: string;
                                tools: string[];
                                userId: string;
                                yearsOfExperience: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/readers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every reader profile, suspended ones included; search by name, email or slug */
        get: {
            parameters: {
                query?: {
                    /** @description `nextCursor` of the previous page. */
                    cursor?: string;
                    limit?: number;
                    /** @description Part of the name, email or slug. */
                    q?: string;
                    /** @description suspended: never listed, searchable or startable. Not set since migration 0019: a reader is suspended through their account (account.status). */
                    listed?: "listed" | "suspended";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                account: {
                                    displayName: string;
                                    email: string;
                                    role: "client" | "reader" | "admin";
                                    status: "active" | "suspended" | "banned";
                                };
                                /** @description A demo reader answered by software with canned messages (demo data only); the web app says so on their page. */
                                automaticDemo: boolean;
                                bio: string;
                                /** Format: date-time */
                                createdAt: string;
                                displayName: string;
                                headline: string;
                                languages: string[];
                                /** @description suspended: never listed, searchable or startable. Not set since migration 0019: a reader is suspended through their account (account.status). */
                                listed: "listed" | "suspended";
                                /** @description Booked readings this reader cancelled or did not join. */
                                noShowCount: number;
                                /** @description Stable link to the profile photo (redirects to the image); null without one. */
                                photoUrl: string | null;
                                rates: {
                                    chat: number | null;
                                    scheduled: number | null;
                                    video: number | null;
                                    voice: number | null;
                                };
                                ratingAverage: number;
                                ratingCount: number;
                                slug: string;
                                specialties: string[];
                                status: "online" | "away" | "offline" | "busy";
                                timeZone: string;
                                tools: string[];
                                /** Format: date-time */
                                updatedAt: string;
                                userId: string;
                                yearsOfExperience: number;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a reader directly: a new account (emailed a set-password link) or a promoted client */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        bio: string;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD, 18 or older; required when the email has no account yet.
                         */
                        dateOfBirth?: string;
                        displayName: string;
                        /** Format: email */
                        email: string;
                        headline: string;
                        languages: string[];
                        rates?: {
                            chat?: number | null;
                            scheduled?: number | null;
                            video?: number | null;
                            voice?: number | null;
                        };
                        specialties: ("tarot" | "astrology" | "mediumship" | "love-and-relationships" | "career-and-money" | "dreams" | "numerology" | "energy-healing" | "angel-and-oracle-cards" | "past-lives" | "pets" | "spiritual-guidance")[];
                        timeZone: string;
                        tools: string[];
                        yearsOfExperience: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description true: a new account was made and sent a link to choose a password; false: a client was promoted. */
                            accountCreated: boolean;
                            /** AdminReader */
                            reader: {
                                account: {
                                    displayName: string;
                                    email: string;
                                    role: "client" | "reader" | "admin";
                                    status: "active" | "suspended" | "banned";
                                };
                                /** @description A demo reader answered by software with canned messages (demo data only); the web app says so on their page. */
                                automaticDemo: boolean;
                                bio: string;
                                /** Format: date-time */
                                createdAt: string;
                                displayName: string;
                                headline: string;
                                languages: string[];
                                /** @description suspended: never listed, searchable or startable. Not set since migration 0019: a reader is suspended through their account (account.status). */
                                listed: "listed" | "suspended";
                                /** @description Booked readings this reader cancelled or did not join. */
                                noShowCount: number;
                                /** @description Stable link to the profile photo (redirects to the image); null without one. */
                                photoUrl: string | null;
                                rates: {
                                    chat: number | null;
                                    scheduled: number | null;
                                    video: number | null;
                                    voice: number | null;
                                };
                                ratingAverage: number;
                                ratingCount: number;
                                slug: string;
                                specialties: string[];
                                status: "online" | "away" | "offline" | "busy";
                                timeZone: string;
                                tools: string[];
                                /** Format: date-time */
                                updatedAt: string;
                                userId: string;
                                yearsOfExperience: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/readers/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Edit any field of a reader's profile and rates (audit-logged with before and after) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        bio?: string;
                        displayName?: string;
                        headline?: string;
                        languages?: string[];
                        rates?: {
                            chat?: number | null;
                            scheduled?: number | null;
                            video?: number | null;
                            voice?: number | null;
                        };
                        specialties?: ("tarot" | "astrology" | "mediumship" | "love-and-relationships" | "career-and-money" | "dreams" | "numerology" | "energy-healing" | "angel-and-oracle-cards" | "past-lives" | "pets" | "spiritual-guidance")[];
                        timeZone?: string;
                        tools?: string[];
                        yearsOfExperience?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** AdminReader */
                            reader: {
                                account: {
                                    displayName: string;
                                    email: string;
                                    role: "client" | "reader" | "admin";
                                    status: "active" | "suspended" | "banned";
                                };
                                /** @description A demo reader answered by software with canned messages (demo data only); the web app says so on their page. */
                                automaticDemo: boolean;
                                bio: string;
                                /** Format: date-time */
                                createdAt: string;
                                displayName: string;
                                headline: string;
                                languages: string[];
                                /** @description suspended: never listed, searchable or startable. Not set since migration 0019: a reader is suspended through their account (account.status). */
                                listed: "listed" | "suspended";
                                /** @description Booked readings this reader cancelled or did not join. */
                                noShowCount: number;
                                /** @description Stable link to the profile photo (redirects to the image); null without one. */
                                photoUrl: string | null;
                                rates: {
                                    chat: number | null;
                                    scheduled: number | null;
                                    video: number | null;
                                    voice: number | null;
                                };
                                ratingAverage: number;
                                ratingCount: number;
                                slug: string;
                                specialties: string[];
                                status: "online" | "away" | "offline" | "busy";
                                timeZone: string;
                                tools: string[];
                                /** Format: date-time */
                                updatedAt: string;
                                userId: string;
                                yearsOfExperience: number;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/admin/readers/{userId}/photo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set a reader's profile photo (audit-logged)
         * @description Send the raw image as the body with Content-Type image/jpeg, image/png or image/webp (at most 5 MB, checked by content); it is stored as a 512×512 WebP.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "image/jpeg": unknown;
                    "image/png": unknown;
                    "image/webp": unknown;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Reader */
                            reader: {
                                /** @description A demo reader answered by software with canned messages (demo data only); the web app says so on their page. */
                                automaticDemo: boolean;
                                bio: string;
                                /** Format: date-time */
                                createdAt: string;
                                displayName: string;
                                headline: string;
                                languages: string[];
                                /** @description Stable link to the profile photo (redirects to the image); null without one. */
                                photoUrl: string | null;
                                rates: {
                                    chat: number | null;
                                    scheduled: number | null;
                                    video: number | null;
                                    voice: number | null;
                                };
                                ratingAverage: number;
                                ratingCount: number;
                                slug: string;
                                specialties: string[];
                                status: "online" | "away" | "offline" | "busy";
                                tools: string[];
                                userId: string;
                                yearsOfExperience: number;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/readings/{readingId}/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Refund all or part of a reading to the client's wallet (70/30 taken back; reason required, audit-logged) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    readingId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description In cents, at most $10,000.00. */
                        amountCents: number;
                        /** @description Chosen by the caller; repeating a request with the same key moves no money twice. */
                        idempotencyKey: string;
                        /** @description Why (kept in the audit log). */
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: boolean;
                            /** @description The reader's part their earnings no longer held: netted from their next payouts. */
                            owedCents: number;
                            platformCents: number;
                            /** @description Taken back from the reader (earnings, then what they owe). */
                            readerCents: number;
                            /** @description What of the reading can still be refunded after this. */
                            refundableCents: number;
                            /** @description Back to the client's wallet. */
                            refundedCents: number;
                            transferId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Refund all or part of a client's charge to their wallet (reason required, audit-logged, idempotent) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description In cents, at most $10,000.00. */
                        amountCents: number;
                        /** @description Chosen by the caller; repeating a request with the same key moves no money twice. */
                        idempotencyKey: string;
                        /** @description Why (kept in the audit log). */
                        reason: string;
                        /**
                         * Format: uuid
                         * @description The charge's transfer (the `transferId` of a history row).
                         */
                        transferId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: boolean;
                            transferId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/sandbox/top-ups/{topUpId}/dispute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sandbox only (404 otherwise): the cardholder disputes this paid top-up at their bank, as a signed event through the webhook path */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    topUpId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            outcome: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/streams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Streams on air now */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** StreamAccess */
                                access: {
                                    /** @description The caller may watch (and, signed in, chat and send gifts). */
                                    canWatch: boolean;
                                    hasTicket: boolean;
                                    isReader: boolean;
                                    muted: boolean;
                                    needsInvitation: boolean;
                                    needsSignIn: boolean;
                                    needsTicket: boolean;
                                    /** @description The caller asked to be reminded when it starts. */
                                    reminded: boolean;
                                };
                                endReason: string | null;
                                endedAt: string | null;
                                /** Format: uuid */
                                id: string;
                                reader: {
                                    displayName: string;
                                    slug: string;
                                    userId: string;
                                };
                                scheduledFor: string | null;
                                startedAt: string | null;
                                /** @enum {unknown} */
                                status: "scheduled" | "live" | "reconnecting" | "ended" | "cancelled";
                                ticketPriceCents: number | null;
                                title: string;
                                topic: string;
                                /** @enum {unknown} */
                                visibility: "public" | "private" | "premium";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/streams/{streamId}/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End any stream, with a reason (audit-logged) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    streamId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Stream */
                            stream: {
                                /** StreamAccess */
                                access: {
                                    /** @description The caller may watch (and, signed in, chat and send gifts). */
                                    canWatch: boolean;
                                    hasTicket: boolean;
                                    isReader: boolean;
                                    muted: boolean;
                                    needsInvitation: boolean;
                                    needsSignIn: boolean;
                                    needsTicket: boolean;
                                    /** @description The caller asked to be reminded when it starts. */
                                    reminded: boolean;
                                };
                                endReason: string | null;
                                endedAt: string | null;
                                /** Format: uuid */
                                id: string;
                                reader: {
                                    displayName: string;
                                    slug: string;
                                    userId: string;
                                };
                                scheduledFor: string | null;
                                startedAt: string | null;
                                /** @enum {unknown} */
                                status: "scheduled" | "live" | "reconnecting" | "ended" | "cancelled";
                                ticketPriceCents: number | null;
                                title: string;
                                topic: string;
                                /** @enum {unknown} */
                                visibility: "public" | "private" | "premium";
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List and search users */
        get: {
            parameters: {
                query?: {
                    search?: string;
                    role?: "client" | "reader" | "admin";
                    status?: "active" | "suspended" | "banned";
                    /** @description `nextCursor` of the previous page. */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                bio: string | null;
                                country: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                dateOfBirth: string | null;
                                displayName: string;
                                email: string;
                                emailVerified: boolean;
                                id: string;
                                /** @description Date of birth given and terms accepted; until then nothing can be paid for. */
                                profileComplete: boolean;
                                role: "client" | "reader" | "admin";
                                /** @description suspended: signed in, may read and withdraw but not act; banned: cannot sign in. */
                                status: "active" | "suspended" | "banned";
                                statusChangedAt: string | null;
                                statusReason: string | null;
                                timeZone: string | null;
                                /** @description Two-factor sign-in (TOTP) is on. */
                                twoFactorEnabled: boolean;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users/{userId}/ban": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ban an account: every sign-in and socket ends now and sign-in is refused; its live readings end (reason required, audit-logged) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The person's readings this action ended. */
                            endedReadingIds: string[];
                            /** AdminUser */
                            user: {
                                bio: string | null;
                                country: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                dateOfBirth: string | null;
                                displayName: string;
                                email: string;
                                emailVerified: boolean;
                                id: string;
                                /** @description Date of birth given and terms accepted; until then nothing can be paid for. */
                                profileComplete: boolean;
                                role: "client" | "reader" | "admin";
                                /** @description suspended: signed in, may read and withdraw but not act; banned: cannot sign in. */
                                status: "active" | "suspended" | "banned";
                                statusChangedAt: string | null;
                                statusReason: string | null;
                                timeZone: string | null;
                                /** @description Two-factor sign-in (TOTP) is on. */
                                twoFactorEnabled: boolean;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users/{userId}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Restore a suspended or banned account to active (reason required, audit-logged) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The person's readings this action ended. */
                            endedReadingIds: string[];
                            /** AdminUser */
                            user: {
                                bio: string | null;
                                country: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                dateOfBirth: string | null;
                                displayName: string;
                                email: string;
                                emailVerified: boolean;
                                id: string;
                                /** @description Date of birth given and terms accepted; until then nothing can be paid for. */
                                profileComplete: boolean;
                                role: "client" | "reader" | "admin";
                                /** @description suspended: signed in, may read and withdraw but not act; banned: cannot sign in. */
                                status: "active" | "suspended" | "banned";
                                statusChangedAt: string | null;
                                statusReason: string | null;
                                timeZone: string | null;
                                /** @description Two-factor sign-in (TOTP) is on. */
                                twoFactorEnabled: boolean;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users/{userId}/role": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a user's role (audit-logged, reason required) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                        role: "client" | "reader" | "admin";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** AdminUser */
                            user: {
                                bio: string | null;
                                country: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                dateOfBirth: string | null;
                                displayName: string;
                                email: string;
                                emailVerified: boolean;
                                id: string;
                                /** @description Date of birth given and terms accepted; until then nothing can be paid for. */
                                profileComplete: boolean;
                                role: "client" | "reader" | "admin";
                                /** @description suspended: signed in, may read and withdraw but not act; banned: cannot sign in. */
                                status: "active" | "suspended" | "banned";
                                statusChangedAt: string | null;
                                statusReason: string | null;
                                timeZone: string | null;
                                /** @description Two-factor sign-in (TOTP) is on. */
                                twoFactorEnabled: boolean;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/admin/users/{userId}/suspend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Suspend an account: it still signs in, reads and withdraws, but cannot act; its live readings end (reason required, audit-logged) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The person's readings this action ended. */
                            endedReadingIds: string[];
                            /** AdminUser */
                            user: {
                                bio: string | null;
                                country: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                dateOfBirth: string | null;
                                displayName: string;
                                email: string;
                                emailVerified: boolean;
                                id: string;
                                /** @description Date of birth given and terms accepted; until then nothing can be paid for. */
                                profileComplete: boolean;
                                role: "client" | "reader" | "admin";
                                /** @description suspended: signed in, may read and withdraw but not act; banned: cannot sign in. */
                                status: "active" | "suspended" | "banned";
                                statusChangedAt: string | null;
                                statusReason: string | null;
                                timeZone: string | null;
                                /** @description Two-factor sign-in (TOTP) is on. */
                                twoFactorEnabled: boolean;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/wallets/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Look up a user's wallet, earnings and ledger history */
        get: {
            parameters: {
                query?: {
                    /** @description `nextCursor` of the previous page. */
                    cursor?: string;
                    limit?: number;
                    kind?: "top_up" | "session_charge" | "booking_hold" | "booking_capture" | "booking_refund" | "paid_reply" | "gift" | "ticket" | "tip" | "product_sale" | "refund" | "adjustment" | "payout" | "reader_share" | "platform_fee" | "chargeback" | "hold" | "hold_capture" | "hold_release" | "receivable";
                };
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            earningsBalanceCents: number;
                            history: {
                                items: {
                                    /** @description Positive: money in; negative: money out. */
                                    amountCents: number;
                                    code: string;
                                    /** Format: date-time */
                                    createdAt: string;
                                    id: string;
                                    references: {
                                        [key: string]: string;
                                    };
                                    transferId: string;
                                }[];
                                nextCursor: string | null;
                            };
                            user: {
                                displayName: string;
                                email: string;
                                id: string;
                                role: string;
                            };
                            walletBalanceCents: number;
                            /** @description Frozen while a card dispute is open (see the disputes queue). */
                            walletFrozen: boolean;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/wallets/{userId}/adjustments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Credit or debit a wallet (reason required, audit-logged, idempotent) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description In cents, at most $10,000.00. */
                        amountCents: number;
                        direction: "credit" | "debit";
                        /** @description Chosen by the caller; repeating a request with the same key moves no money twice. */
                        idempotencyKey: string;
                        /** @description Why (kept in the audit log). */
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: boolean;
                            transferId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/auth0/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Begin “Continue with Auth0” (redirects to Auth0) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/request-password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Email a password-reset link (answers the same whether or not the account exists) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: email
                         * @description Email address.
                         */
                        email: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/resend-verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send the verification email again */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: email
                         * @description Email address.
                         */
                        email: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/reset-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a new password with a reset token */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        newPassword: string;
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sign-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with email and password (sets the session cookie)
         * @description 202 TWO_FACTOR_REQUIRED when the account has two-factor sign-in: no session yet; finish with /api/v1/auth/two-factor/verify-totp or /verify-backup-code within 10 minutes.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: email
                         * @description Email address.
                         */
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** User */
                            user: {
                                bio: string | null;
                                country: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                dateOfBirth: string | null;
                                displayName: string;
                                email: string;
                                emailVerified: boolean;
                                id: string;
                                /** @description Date of birth given and terms accepted; until then nothing can be paid for. */
                                profileComplete: boolean;
                                role: "client" | "reader" | "admin";
                                /** @description suspended: signed in, may read and withdraw but not act; banned: cannot sign in. */
                                status: "active" | "suspended" | "banned";
                                statusReason: string | null;
                                timeZone: string | null;
                                /** @description Two-factor sign-in (TOTP) is on. */
                                twoFactorEnabled: boolean;
                            };
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            methods: ("totp" | "backup-code")[];
                            /** @enum {string} */
                            step: "TWO_FACTOR_REQUIRED";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sign-out": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sign-up": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a client account */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Must be true: the member accepts the terms and privacy policy. */
                        acceptTerms: boolean;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD; members must be 18 or older.
                         */
                        dateOfBirth: string;
                        displayName: string;
                        /**
                         * Format: email
                         * @description Email address.
                         */
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** User */
                            user: {
                                bio: string | null;
                                country: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                dateOfBirth: string | null;
                                displayName: string;
                                email: string;
                                emailVerified: boolean;
                                id: string;
                                /** @description Date of birth given and terms accepted; until then nothing can be paid for. */
                                profileComplete: boolean;
                                role: "client" | "reader" | "admin";
                                /** @description suspended: signed in, may read and withdraw but not act; banned: cannot sign in. */
                                status: "active" | "suspended" | "banned";
                                statusReason: string | null;
                                timeZone: string | null;
                                /** @description Two-factor sign-in (TOTP) is on. */
                                twoFactorEnabled: boolean;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/two-factor/verify-backup-code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Finish a two-factor sign-in with a backup code (works once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description One of the backup codes shown when two-factor sign-in was turned on (each works once). */
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** User */
                            user: {
                                bio: string | null;
                                country: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                dateOfBirth: string | null;
                                displayName: string;
                                email: string;
                                emailVerified: boolean;
                                id: string;
                                /** @description Date of birth given and terms accepted; until then nothing can be paid for. */
                                profileComplete: boolean;
                                role: "client" | "reader" | "admin";
                                /** @description suspended: signed in, may read and withdraw but not act; banned: cannot sign in. */
                                status: "active" | "suspended" | "banned";
                                statusReason: string | null;
                                timeZone: string | null;
                                /** @description Two-factor sign-in (TOTP) is on. */
                                twoFactorEnabled: boolean;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/two-factor/verify-totp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Finish a two-factor sign-in with the authenticator app's code */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The 6-digit code of the authenticator app. */
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** User */
                            user: {
                                bio: string | null;
                                country: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                dateOfBirth: string | null;
                                displayName: string;
                                email: string;
                                emailVerified: boolean;
                                id: string;
                                /** @description Date of birth given and terms accepted; until then nothing can be paid for. */
                                profileComplete: boolean;
                                role: "client" | "reader" | "admin";
                                /** @description suspended: signed in, may read and withdraw but not act; banned: cannot sign in. */
                                status: "active" | "suspended" | "banned";
                                statusReason: string | null;
                                timeZone: string | null;
                                /** @description Two-factor sign-in (TOTP) is on. */
                                twoFactorEnabled: boolean;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/verify-email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm an email address */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** User */
                            user: {
                                bio: string | null;
                                country: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                dateOfBirth: string | null;
                                displayName: string;
                                email: string;
                                emailVerified: boolean;
                                id: string;
                                /** @description Date of birth given and terms accepted; until then nothing can be paid for. */
                                profileComplete: boolean;
                                role: "client" | "reader" | "admin";
                                /** @description suspended: signed in, may read and withdraw but not act; banned: cannot sign in. */
                                status: "active" | "suspended" | "banned";
                                statusReason: string | null;
                                timeZone: string | null;
                                /** @description Two-factor sign-in (TOTP) is on. */
                                twoFactorEnabled: boolean;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your bookings as a client: upcoming (soonest first) or past (latest first) */
        get: {
            parameters: {
                query?: {
                    scope?: "upcoming" | "past";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                canCancel: boolean;
                                canJoin: boolean;
                                /** @description Client only: once, at least 24 h before. */
                                canReschedule: boolean;
                                cancelReason: string | null;
                                cancelledBy: ("client" | "reader" | "admin") | null;
                                capturedCents: number | null;
                                clientName: string;
                                /** @description An IANA time zone. */
                                clientTimeZone: string;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                endsAt: string;
                                id: string;
                                /** Format: date-time */
                                joinOpensAt: string;
                                lengthMinutes: number;
                                /** @enum {unknown} */
                                modality: "chat" | "voice" | "video";
                                priceCents: number;
                                question: string | null;
                                readerName: string;
                                /** @description Shown to the reader only. */
                                readerShareCents: number | null;
                                readerSlug: string | null;
                                /** @description An IANA time zone. */
                                readerTimeZone: string;
                                readerUserId: string;
                                readingId: string | null;
                                refundedCents: number | null;
                                /**
                                 * @description Who is looking.
                                 * @enum {unknown}
                                 */
                                role: "client" | "reader" | "admin";
                                settledAt: string | null;
                                /** Format: date-time */
                                startsAt: string;
                                /** @enum {unknown} */
                                status: "confirmed" | "completed" | "cancelled" | "client_no_show" | "reader_no_show";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Book a slot: the full price is held from your wallet (409 SLOT_TAKEN if someone was first) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The price the client was shown; a different current price answers 409 PRICE_CHANGED. */
                        expectedPriceCents: number;
                        lengthMinutes: 15 | 30 | 45 | 60;
                        /** @enum {unknown} */
                        modality: "chat" | "voice" | "video";
                        question?: string;
                        readerUserId: string;
                        /** Format: date-time */
                        startsAt: string;
                        /** @description An IANA time zone. */
                        timeZone: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Booking */
                            booking: {
                                canCancel: boolean;
                                canJoin: boolean;
                                /** @description Client only: once, at least 24 h before. */
                                canReschedule: boolean;
                                cancelReason: string | null;
                                cancelledBy: ("client" | "reader" | "admin") | null;
                                capturedCents: number | null;
                                clientName: string;
                                /** @description An IANA time zone. */
                                clientTimeZone: string;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                endsAt: string;
                                id: string;
                                /** Format: date-time */
                                joinOpensAt: string;
                                lengthMinutes: number;
                                /** @enum {unknown} */
                                modality: "chat" | "voice" | "video";
                                priceCents: number;
                                question: string | null;
                                readerName: string;
                                /** @description Shown to the reader only. */
                                readerShareCents: number | null;
                                readerSlug: string | null;
                                /** @description An IANA time zone. */
                                readerTimeZone: string;
                                readerUserId: string;
                                readingId: string | null;
                                refundedCents: number | null;
                                /**
                                 * @description Who is looking.
                                 * @enum {unknown}
                                 */
                                role: "client" | "reader" | "admin";
                                settledAt: string | null;
                                /** Format: date-time */
                                startsAt: string;
                                /** @enum {unknown} */
                                status: "confirmed" | "completed" | "cancelled" | "client_no_show" | "reader_no_show";
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings/{bookingId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One booking (its client, its reader or an admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    bookingId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Booking */
                            booking: {
                                canCancel: boolean;
                                canJoin: boolean;
                                /** @description Client only: once, at least 24 h before. */
                                canReschedule: boolean;
                                cancelReason: string | null;
                                cancelledBy: ("client" | "reader" | "admin") | null;
                                capturedCents: number | null;
                                clientName: string;
                                /** @description An IANA time zone. */
                                clientTimeZone: string;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                endsAt: string;
                                id: string;
                                /** Format: date-time */
                                joinOpensAt: string;
                                lengthMinutes: number;
                                /** @enum {unknown} */
                                modality: "chat" | "voice" | "video";
                                priceCents: number;
                                question: string | null;
                                readerName: string;
                                /** @description Shown to the reader only. */
                                readerShareCents: number | null;
                                readerSlug: string | null;
                                /** @description An IANA time zone. */
                                readerTimeZone: string;
                                readerUserId: string;
                                readingId: string | null;
                                refundedCents: number | null;
                                /**
                                 * @description Who is looking.
                                 * @enum {unknown}
                                 */
                                role: "client" | "reader" | "admin";
                                settledAt: string | null;
                                /** Format: date-time */
                                startsAt: string;
                                /** @enum {unknown} */
                                status: "confirmed" | "completed" | "cancelled" | "client_no_show" | "reader_no_show";
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings/{bookingId}/calendar.ics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The booking as a calendar file (iCalendar); a cancelled one cancels the event */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    bookingId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description text/calendar */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings/{bookingId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a booking before it starts (the refund follows the cancellation rules) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    bookingId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Booking */
                            booking: {
                                canCancel: boolean;
                                canJoin: boolean;
                                /** @description Client only: once, at least 24 h before. */
                                canReschedule: boolean;
                                cancelReason: string | null;
                                cancelledBy: ("client" | "reader" | "admin") | null;
                                capturedCents: number | null;
                                clientName: string;
                                /** @description An IANA time zone. */
                                clientTimeZone: string;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                endsAt: string;
                                id: string;
                                /** Format: date-time */
                                joinOpensAt: string;
                                lengthMinutes: number;
                                /** @enum {unknown} */
                                modality: "chat" | "voice" | "video";
                                priceCents: number;
                                question: string | null;
                                readerName: string;
                                /** @description Shown to the reader only. */
                                readerShareCents: number | null;
                                readerSlug: string | null;
                                /** @description An IANA time zone. */
                                readerTimeZone: string;
                                readerUserId: string;
                                readingId: string | null;
                                refundedCents: number | null;
                                /**
                                 * @description Who is looking.
                                 * @enum {unknown}
                                 */
                                role: "client" | "reader" | "admin";
                                settledAt: string | null;
                                /** Format: date-time */
                                startsAt: string;
                                /** @enum {unknown} */
                                status: "confirmed" | "completed" | "cancelled" | "client_no_show" | "reader_no_show";
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings/{bookingId}/cancellation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What cancelling now would give back, and by which rule */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    bookingId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            capturedCents: number;
                            refundCents: number;
                            /** @description Which rule applies, in words. */
                            rule: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings/{bookingId}/join": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Enter the booked reading's room (from 5 minutes before the start); returns the reading */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    bookingId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Booking */
                            booking: {
                                canCancel: boolean;
                                canJoin: boolean;
                                /** @description Client only: once, at least 24 h before. */
                                canReschedule: boolean;
                                cancelReason: string | null;
                                cancelledBy: ("client" | "reader" | "admin") | null;
                                capturedCents: number | null;
                                clientName: string;
                                /** @description An IANA time zone. */
                                clientTimeZone: string;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                endsAt: string;
                                id: string;
                                /** Format: date-time */
                                joinOpensAt: string;
                                lengthMinutes: number;
                                /** @enum {unknown} */
                                modality: "chat" | "voice" | "video";
                                priceCents: number;
                                question: string | null;
                                readerName: string;
                                /** @description Shown to the reader only. */
                                readerShareCents: number | null;
                                readerSlug: string | null;
                                /** @description An IANA time zone. */
                                readerTimeZone: string;
                                readerUserId: string;
                                readingId: string | null;
                                refundedCents: number | null;
                                /**
                                 * @description Who is looking.
                                 * @enum {unknown}
                                 */
                                role: "client" | "reader" | "admin";
                                settledAt: string | null;
                                /** Format: date-time */
                                startsAt: string;
                                /** @enum {unknown} */
                                status: "confirmed" | "completed" | "cancelled" | "client_no_show" | "reader_no_show";
                            };
                            readingId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings/{bookingId}/reschedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move a booking once, for free, at least 24 hours before it starts */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    bookingId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date-time */
                        startsAt: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Booking */
                            booking: {
                                canCancel: boolean;
                                canJoin: boolean;
                                /** @description Client only: once, at least 24 h before. */
                                canReschedule: boolean;
                                cancelReason: string | null;
                                cancelledBy: ("client" | "reader" | "admin") | null;
                                capturedCents: number | null;
                                clientName: string;
                                /** @description An IANA time zone. */
                                clientTimeZone: string;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                endsAt: string;
                                id: string;
                                /** Format: date-time */
                                joinOpensAt: string;
                                lengthMinutes: number;
                                /** @enum {unknown} */
                                modality: "chat" | "voice" | "video";
                                priceCents: number;
                                question: string | null;
                                readerName: string;
                                /** @description Shown to the reader only. */
                                readerShareCents: number | null;
                                readerSlug: string | null;
                                /** @description An IANA time zone. */
                                readerTimeZone: string;
                                readerUserId: string;
                                readingId: string | null;
                                refundedCents: number | null;
                                /**
                                 * @description Who is looking.
                                 * @enum {unknown}
                                 */
                                role: "client" | "reader" | "admin";
                                settledAt: string | null;
                                /** Format: date-time */
                                startsAt: string;
                                /** @enum {unknown} */
                                status: "confirmed" | "completed" | "cancelled" | "client_no_show" | "reader_no_show";
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Settings the web app needs */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            appName: string;
                            auth0Enabled: boolean;
                            /** @description STUN/TURN servers for voice and video calls (empty: direct connections only). */
                            iceServers: {
                                credential?: string;
                                urls: string | string[];
                                username?: string;
                            }[];
                            /** @description Who carries voice and video: the built-in WebRTC (signaled over the live socket) or Agora RTC (tokens from POST /api/v1/readings/{readingId}/media-token). */
                            media: {
                                /** @enum {string} */
                                provider: "webrtc";
                            } | {
                                appId: string;
                                /** @enum {string} */
                                provider: "agora";
                            };
                            minPasswordLength: number;
                            paymentProvider: "stripe" | "sandbox";
                            /** @description Whether GET /api/v1/sandbox/mailbox exists (no SMTP server and the payment sandbox): sign-up's “Check your email” links to it. */
                            sandboxMailbox: boolean;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your conversations, latest first, with unread counts */
        get: {
            parameters: {
                query?: {
                    /** @description all: not archived, the ones waiting on your answer first; unanswered; archived. */
                    filter?: "all" | "unanswered" | "archived";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description You archived it (a new message brings it back). */
                                archived: boolean;
                                /** @description The latest message is the other side's: it waits on your answer. */
                                awaitingReply: boolean;
                                /** @description Either side blocked the other: no more messages. */
                                blocked: boolean;
                                blockedByYou: boolean;
                                clientUserId: string;
                                /** Format: date-time */
                                createdAt: string;
                                id: string;
                                lastMessage: {
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
                                } | null;
                                lastMessageAt: string | null;
                                otherName: string;
                                /** @description When the other side last read the conversation (your messages up to then were seen). */
                                otherReadAt: string | null;
                                readerSlug: string | null;
                                readerUserId: string;
                                /** @description Messages to you not yet read. */
                                unread: number;
                            }[];
                            unreadTotal: number;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Open (or find) a conversation: a client with a reader, a reader with a client they have read for */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description One of the two. */
            requestBody: {
                content: {
                    "application/json": {
                        /** @description A reader writes to a client they have had a reading with. */
                        clientUserId?: string;
                        /** @description A client writes to a reader. */
                        readerUserId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            conversation: {
                                /** @description You archived it (a new message brings it back). */
                                archived: boolean;
                                /** @description The latest message is the other side's: it waits on your answer. */
                                awaitingReply: boolean;
                                /** @description Either side blocked the other: no more messages. */
                                blocked: boolean;
                                blockedByYou: boolean;
                                clientUserId: string;
                                /** Format: date-time */
                                createdAt: string;
                                id: string;
                                lastMessage: {
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
                                } | null;
                                lastMessageAt: string | null;
                                otherName: string;
                                /** @description When the other side last read the conversation (your messages up to then were seen). */
                                otherReadAt: string | null;
                                readerSlug: string | null;
                                readerUserId: string;
                                /** @description Messages to you not yet read. */
                                unread: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/unread": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Messages to you not yet read, over all conversations */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            unreadTotal: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{conversationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of your conversations */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    conversationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            conversation: {
                                /** @description You archived it (a new message brings it back). */
                                archived: boolean;
                                /** @description The latest message is the other side's: it waits on your answer. */
                                awaitingReply: boolean;
                                /** @description Either side blocked the other: no more messages. */
                                blocked: boolean;
                                blockedByYou: boolean;
                                clientUserId: string;
                                /** Format: date-time */
                                createdAt: string;
                                id: string;
                                lastMessage: {
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
                                } | null;
                                lastMessageAt: string | null;
                                otherName: string;
                                /** @description When the other side last read the conversation (your messages up to then were seen). */
                                otherReadAt: string | null;
                                readerSlug: string | null;
                                readerUserId: string;
                                /** @description Messages to you not yet read. */
                                unread: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{conversationId}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Archive the conversation out of your list, or bring it back */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    conversationId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        archived: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            conversation: {
                                /** @description You archived it (a new message brings it back). */
                                archived: boolean;
                                /** @description The latest message is the other side's: it waits on your answer. */
                                awaitingReply: boolean;
                                /** @description Either side blocked the other: no more messages. */
                                blocked: boolean;
                                blockedByYou: boolean;
                                clientUserId: string;
                                /** Format: date-time */
                                createdAt: string;
                                id: string;
                                lastMessage: {
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
                                } | null;
                                lastMessageAt: string | null;
                                otherName: string;
                                /** @description When the other side last read the conversation (your messages up to then were seen). */
                                otherReadAt: string | null;
                                readerSlug: string | null;
                                readerUserId: string;
                                /** @description Messages to you not yet read. */
                                unread: number;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{conversationId}/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload an image to send with your next message here
         * @description Send the raw image as the body with Content-Type image/jpeg, image/png or image/webp (at most 5 MB, checked by content); it is stored re-encoded as WebP (at most 1600 px a side) without its metadata. Then name its id in `attachmentIds` when sending.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    conversationId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "image/jpeg": unknown;
                    "image/png": unknown;
                    "image/webp": unknown;
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attachment: {
                                height: number;
                                id: string;
                                width: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{conversationId}/block": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Block the other side (no more messages), or lift your own block */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    conversationId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        blocked: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            conversation: {
                                /** @description You archived it (a new message brings it back). */
                                archived: boolean;
                                /** @description The latest message is the other side's: it waits on your answer. */
                                awaitingReply: boolean;
                                /** @description Either side blocked the other: no more messages. */
                                blocked: boolean;
                                blockedByYou: boolean;
                                clientUserId: string;
                                /** Format: date-time */
                                createdAt: string;
                                id: string;
                                lastMessage: {
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
                                } | null;
                                lastMessageAt: string | null;
                                otherName: string;
                                /** @description When the other side last read the conversation (your messages up to then were seen). */
                                otherReadAt: string | null;
                                readerSlug: string | null;
                                readerUserId: string;
                                /** @description Messages to you not yet read. */
                                unread: number;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{conversationId}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The client's readings with you and the notes you left */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    conversationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clientName: string;
                            /** @description Readings this client had with you, latest first, with the notes you left. */
                            readings: {
                                billedMs: number;
                                chargedCents: number;
                                endedAt: string | null;
                                modality: string;
                                pricing: string;
                                readerNote: string | null;
                                readingId: string;
                                startedAt: string | null;
                                state: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{conversationId}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Messages, oldest first (the latest page clears your unread count) */
        get: {
            parameters: {
                query?: {
                    /** @description Messages older than this one. */
                    before?: string;
                    limit?: number;
                };
                header?: never;
                path: {
                    conversationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            hasEarlier: boolean;
                            /** @description Oldest first. */
                            items: {
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
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Write a message (clients 10 a minute, readers 60); a reader's reply may be paid ($1.00–$25.00) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    conversationId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Images you uploaded to this conversation (POST …/attachments) to send with it. */
                        attachmentIds?: string[];
                        /** @description May be empty when images are attached. */
                        body: string;
                        /** @description Readers only: the reply is locked until the client pays this price. */
                        paid?: {
                            preview?: string;
                            /** @description Default 100 ($1.00). */
                            priceCents?: number;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{conversationId}/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Report the conversation to the admins */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    conversationId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            report: {
                                clientName: string;
                                conversationId: string;
                                /** Format: date-time */
                                createdAt: string;
                                id: string;
                                readerName: string;
                                reason: string;
                                reporterName: string;
                                resolution: string | null;
                                resolvedAt: string | null;
                                /**
                                 * @description The side that reported.
                                 * @enum {unknown}
                                 */
                                side: "client" | "reader";
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/favorites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your favorite readers with their status */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                notifyOnline: boolean;
                                /** Reader */
                                reader: {
                                    /** @description A demo reader answered by software with canned messages (demo data only); the web app says so on their page. */
                                    automaticDemo: boolean;
                                    bio: string;
                                    /** Format: date-time */
                                    createdAt: string;
                                    displayName: string;
                                    headline: string;
                                    languages: string[];
                                    /** @description Stable link to the profile photo (redirects to the image); null without one. */
                                    photoUrl: string | null;
                                    rates: {
                                        chat: number | null;
                                        scheduled: number | null;
                                        video: number | null;
                                        voice: number | null;
                                    };
                                    ratingAverage: number;
                                    ratingCount: number;
                                    slug: string;
                                    specialties: string[];
                                    status: "online" | "away" | "offline" | "busy";
                                    tools: string[];
                                    userId: string;
                                    yearsOfExperience: number;
                                };
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/favorites/{readerUserId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Star a reader; notifyOnline emails you when they come online (at most once an hour) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    readerUserId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        notifyOnline: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                notifyOnline: boolean;
                                /** Reader */
                                reader: {
                                    /** @description A demo reader answered by software with canned messages (demo data only); the web app says so on their page. */
                                    automaticDemo: boolean;
                                    bio: string;
                                    /** Format: date-time */
                                    createdAt: string;
                                    displayName: string;
                                    headline: string;
                                    languages: string[];
                                    /** @description Stable link to the profile photo (redirects to the image); null without one. */
                                    photoUrl: string | null;
                                    rates: {
                                        chat: number | null;
                                        scheduled: number | null;
                                        video: number | null;
                                        voice: number | null;
                                    };
                                    ratingAverage: number;
                                    ratingCount: number;
                                    slug: string;
                                    specialties: string[];
                                    status: "online" | "away" | "offline" | "busy";
                                    tools: string[];
                                    userId: string;
                                    yearsOfExperience: number;
                                };
                            }[];
                        };
                    };
                };
            };
        };
        post?: never;
        /** Unstar a reader */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    readerUserId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                notifyOnline: boolean;
                                /** Reader */
                                reader: {
                                    /** @description A demo reader answered by software with canned messages (demo data only); the web app says so on their page. */
                                    automaticDemo: boolean;
                                    bio: string;
                                    /** Format: date-time */
                                    createdAt: string;
                                    displayName: string;
                                    headline: string;
                                    languages: string[];
                                    /** @description Stable link to the profile photo (redirects to the image); null without one. */
                                    photoUrl: string | null;
                                    rates: {
                                        chat: number | null;
                                        scheduled: number | null;
                                        video: number | null;
                                        voice: number | null;
                                    };
                                    ratingAverage: number;
                                    ratingCount: number;
                                    slug: string;
                                    specialties: string[];
                                    status: "online" | "away" | "offline" | "busy";
                                    tools: string[];
                                    userId: string;
                                    yearsOfExperience: number;
                                };
                            }[];
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/files/{*}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A stored file, through a signed link that expires (local storage only) */
        get: {
            parameters: {
                query?: {
                    expires?: string;
                    signature?: string;
                };
                header?: never;
                path: {
                    "*": string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The file, with its content type and a cache lifetime up to the link's expiry */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "image/*": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/gifts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The gifts a viewer can send */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                active: boolean;
                                animation: string;
                                /** Format: uuid */
                                id: string;
                                name: string;
                                priceCents: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** User */
                            user: {
                                bio: string | null;
                                country: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                dateOfBirth: string | null;
                                displayName: string;
                                email: string;
                                emailVerified: boolean;
                                id: string;
                                /** @description Date of birth given and terms accepted; until then nothing can be paid for. */
                                profileComplete: boolean;
                                role: "client" | "reader" | "admin";
                                /** @description suspended: signed in, may read and withdraw but not act; banned: cannot sign in. */
                                status: "active" | "suspended" | "banned";
                                statusReason: string | null;
                                timeZone: string | null;
                                /** @description Two-factor sign-in (TOTP) is on. */
                                twoFactorEnabled: boolean;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Edit your profile */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        bio?: string | null;
                        country?: string | null;
                        displayName?: string;
                        timeZone?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** User */
                            user: {
                                bio: string | null;
                                country: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                dateOfBirth: string | null;
                                displayName: string;
                                email: string;
                                emailVerified: boolean;
                                id: string;
                                /** @description Date of birth given and terms accepted; until then nothing can be paid for. */
                                profileComplete: boolean;
                                role: "client" | "reader" | "admin";
                                /** @description suspended: signed in, may read and withdraw but not act; banned: cannot sign in. */
                                status: "active" | "suspended" | "banned";
                                statusReason: string | null;
                                timeZone: string | null;
                                /** @description Two-factor sign-in (TOTP) is on. */
                                twoFactorEnabled: boolean;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/me/complete-profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give your date of birth (18+) and accept the terms (members who joined with Auth0) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Must be true: the member accepts the terms and privacy policy. */
                        acceptTerms: boolean;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD; members must be 18 or older.
                         */
                        dateOfBirth: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** User */
                            user: {
                                bio: string | null;
                                country: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                dateOfBirth: string | null;
                                displayName: string;
                                email: string;
                                emailVerified: boolean;
                                id: string;
                                /** @description Date of birth given and terms accepted; until then nothing can be paid for. */
                                profileComplete: boolean;
                                role: "client" | "reader" | "admin";
                                /** @description suspended: signed in, may read and withdraw but not act; banned: cannot sign in. */
                                status: "active" | "suspended" | "banned";
                                statusReason: string | null;
                                timeZone: string | null;
                                /** @description Two-factor sign-in (TOTP) is on. */
                                twoFactorEnabled: boolean;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/deletion-request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask to delete your account: a confirmation link is emailed to you */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            expiresAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download all your data as one JSON file (audit-logged) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            exportedAt: string;
                            /** @enum {string} */
                            format: "soulseer-personal-data";
                            /** User */
                            profile: {
                                bio: string | null;
                                country: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                dateOfBirth: string | null;
                                displayName: string;
                                email: string;
                                emailVerified: boolean;
                                id: string;
                                /** @description Date of birth given and terms accepted; until then nothing can be paid for. */
                                profileComplete: boolean;
                                role: "client" | "reader" | "admin";
                                /** @description suspended: signed in, may read and withdraw but not act; banned: cannot sign in. */
                                status: "active" | "suspended" | "banned";
                                statusReason: string | null;
                                timeZone: string | null;
                                /** @description Two-factor sign-in (TOTP) is on. */
                                twoFactorEnabled: boolean;
                            };
                            tables: {
                                [key: string]: unknown[];
                            };
                            version: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change your password (signs out your other sessions) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        currentPassword: string;
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/two-factor/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn two-factor sign-in on with a first code from the authenticator app */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The 6-digit code of the authenticator app. */
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** User */
                            user: {
                                bio: string | null;
                                country: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                dateOfBirth: string | null;
                                displayName: string;
                                email: string;
                                emailVerified: boolean;
                                id: string;
                                /** @description Date of birth given and terms accepted; until then nothing can be paid for. */
                                profileComplete: boolean;
                                role: "client" | "reader" | "admin";
                                /** @description suspended: signed in, may read and withdraw but not act; banned: cannot sign in. */
                                status: "active" | "suspended" | "banned";
                                statusReason: string | null;
                                timeZone: string | null;
                                /** @description Two-factor sign-in (TOTP) is on. */
                                twoFactorEnabled: boolean;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/two-factor/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn two-factor sign-in off (admins must turn it on again to use admin pages) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** User */
                            user: {
                                bio: string | null;
                                country: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                dateOfBirth: string | null;
                                displayName: string;
                                email: string;
                                emailVerified: boolean;
                                id: string;
                                /** @description Date of birth given and terms accepted; until then nothing can be paid for. */
                                profileComplete: boolean;
                                role: "client" | "reader" | "admin";
                                /** @description suspended: signed in, may read and withdraw but not act; banned: cannot sign in. */
                                status: "active" | "suspended" | "banned";
                                statusReason: string | null;
                                timeZone: string | null;
                                /** @description Two-factor sign-in (TOTP) is on. */
                                twoFactorEnabled: boolean;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/two-factor/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Begin turning on two-factor sign-in: the authenticator secret and backup codes */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Shown once: each works once instead of a code. */
                            backupCodes: string[];
                            /** @description The same secret in base32, to type in by hand. */
                            secret: string;
                            /** @description otpauth:// address for the authenticator app (as a QR code). */
                            totpUri: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/message-images/{attachmentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An image of a message: redirects to a short-lived link (the conversation's two people only) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    attachmentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Location: the image */
                302: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/messages/{messageId}/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pay for a paid reply and read it (charged once, however often asked) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    messageId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            balanceCents: number;
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
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/messages/{messageId}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw a paid reply the client has not paid for */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    messageId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your in-app notifications, newest first, with the unread count */
        get: {
            parameters: {
                query?: {
                    /** @description `nextCursor` of the previous page. */
                    cursor?: string;
                    limit?: number;
                    unread?: boolean;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                body: string;
                                /** Format: date-time */
                                createdAt: string;
                                id: string;
                                kind: string;
                                link: string | null;
                                readAt: string | null;
                                title: string;
                            }[];
                            nextCursor: string | null;
                            unreadCount: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark notifications read: the listed ids, or all of them when `ids` is left out */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        ids?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            marked: number;
                            unreadCount: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Payment provider events (Stripe-signed; the sandbox signs with a local secret) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "stripe-signature"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            eventId: string;
                            outcome: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reader-applications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Apply to become a reader */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        bio: string;
                        displayName: string;
                        headline: string;
                        languages: string[];
                        sampleAnswer: string;
                        specialties: ("tarot" | "astrology" | "mediumship" | "love-and-relationships" | "career-and-money" | "dreams" | "numerology" | "energy-healing" | "angel-and-oracle-cards" | "past-lives" | "pets" | "spiritual-guidance")[];
                        timeZone: string;
                        tools: string[];
                        yearsOfExperience: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** ReaderApplication */
                            application: {
                                bio: string;
                                /** Format: date-time */
                                createdAt: string;
                                decisionReason: string | null;
                                displayName: string;
                                headline: string;
                                id: string;
                                languages: string[];
                                reviewedAt: string | null;
                                sampleAnswer: string;
                                specialties: string[];
                                status: "pending" | "approved" | "rejected";
                                timeZone: string;
                                tools: string[];
                                userId: string;
                                yearsOfExperience: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reader-applications/mine": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your applications and their decisions */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                bio: string;
                                /** Format: date-time */
                                createdAt: string;
                                decisionReason: string | null;
                                displayName: string;
                                headline: string;
                                id: string;
                                languages: string[];
                                reviewedAt: string | null;
                                sampleAnswer: string;
                                specialties: string[];
                                status: "pending" | "approved" | "rejected";
                                timeZone: string;
                                tools: string[];
                                userId: string;
                                yearsOfExperience: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reader-photos/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A reader's photo: redirects to a short-lived link of the image (404 when there is none) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Location: the image */
                302: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/readers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Browse and search approved readers */
        get: {
            parameters: {
                query?: {
                    /** @description `nextCursor` of the previous page. */
                    cursor?: string;
                    limit?: number;
                    q?: string;
                    specialty?: "tarot" | "astrology" | "mediumship" | "love-and-relationships" | "career-and-money" | "dreams" | "numerology" | "energy-healing" | "angel-and-oracle-cards" | "past-lives" | "pets" | "spiritual-guidance";
                    modality?: "chat" | "voice" | "video";
                    minPriceCents?: number;
                    maxPriceCents?: number;
                    /** @description ISO 639-1 code, e.g. en. */
                    language?: string;
                    online?: boolean;
                    minRating?: number;
                    /** @description recommended: online first, then rating and review count; price: lowest first, by the chosen modality's rate or else each reader's cheapest; rating; newest. */
                    sort?: "recommended" | "price" | "rating" | "newest";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                createdAt: string;
                                displayName: string;
                                headline: string;
                                languages: string[];
                                /** @description Stable link to the profile photo (redirects to the image); null without one. */
                                photoUrl: string | null;
                                rates: {
                                    chat: number | null;
                                    scheduled: number | null;
                                    video: number | null;
                                    voice: number | null;
                                };
                                ratingAverage: number;
                                ratingCount: number;
                                slug: string;
                                specialties: string[];
                                status: "online" | "away" | "offline" | "busy";
                                userId: string;
                                yearsOfExperience: number;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/readers/me/availability": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your bookable hours, lengths, modalities and rules (defaults until you save them) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Availability */
                            availability: {
                                bufferMinutes: number;
                                exceptions: {
                                    /** @description YYYY-MM-DD */
                                    date: string;
                                    /**
                                     * @description off: no hours that date; extra: hours added.
                                     * @enum {unknown}
                                     */
                                    kind: "off" | "extra";
                                    ranges: {
                                        /** @description HH:MM */
                                        end: string;
                                        /** @description HH:MM */
                                        start: string;
                                    }[];
                                }[];
                                /** @description Default 60. */
                                horizonDays: number;
                                lengthsMinutes: (15 | 30 | 45 | 60)[];
                                /** @description Default 720 (12 h). */
                                minNoticeMinutes: number;
                                modalities: ("chat" | "voice" | "video")[];
                                /** @description An IANA time zone. */
                                timeZone: string;
                                weekly: {
                                    /** @description HH:MM */
                                    end: string;
                                    /** @description HH:MM */
                                    start: string;
                                    /** @description 1 = Monday … 7 = Sunday */
                                    weekday: number;
                                }[];
                            };
                            saved: boolean;
                            /** @description The reader's scheduled rate per minute; bookings need one. */
                            scheduledRateCents: number | null;
                        };
                    };
                };
            };
        };
        /** Set your weekly hours (in your time zone), date exceptions and booking rules */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        bufferMinutes: number;
                        exceptions: {
                            /** @description YYYY-MM-DD */
                            date: string;
                            /**
                             * @description off: no hours that date; extra: hours added.
                             * @enum {unknown}
                             */
                            kind: "off" | "extra";
                            ranges: {
                                /** @description HH:MM */
                                end: string;
                                /** @description HH:MM */
                                start: string;
                            }[];
                        }[];
                        /** @description Default 60. */
                        horizonDays: number;
                        lengthsMinutes: (15 | 30 | 45 | 60)[];
                        /** @description Default 720 (12 h). */
                        minNoticeMinutes: number;
                        modalities: ("chat" | "voice" | "video")[];
                        /** @description An IANA time zone. */
                        timeZone: string;
                        weekly: {
                            /** @description HH:MM */
                            end: string;
                            /** @description HH:MM */
                            start: string;
                            /** @description 1 = Monday … 7 = Sunday */
                            weekday: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Availability */
                            availability: {
                                bufferMinutes: number;
                                exceptions: {
                                    /** @description YYYY-MM-DD */
                                    date: string;
                                    /**
                                     * @description off: no hours that date; extra: hours added.
                                     * @enum {unknown}
                                     */
                                    kind: "off" | "extra";
                                    ranges: {
                                        /** @description HH:MM */
                                        end: string;
                                        /** @description HH:MM */
                                        start: string;
                                    }[];
                                }[];
                                /** @description Default 60. */
                                horizonDays: number;
                                lengthsMinutes: (15 | 30 | 45 | 60)[];
                                /** @description Default 720 (12 h). */
                                minNoticeMinutes: number;
                                modalities: ("chat" | "voice" | "video")[];
                                /** @description An IANA time zone. */
                                timeZone: string;
                                weekly: {
                                    /** @description HH:MM */
                                    end: string;
                                    /** @description HH:MM */
                                    start: string;
                                    /** @description 1 = Monday … 7 = Sunday */
                                    weekday: number;
                                }[];
                            };
                            saved: boolean;
                            /** @description The reader's scheduled rate per minute; bookings need one. */
                            scheduledRateCents: number | null;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/readers/me/bookings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your bookings as a reader: upcoming (soonest first) or past (latest first) */
        get: {
            parameters: {
                query?: {
                    scope?: "upcoming" | "past";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                canCancel: boolean;
                                canJoin: boolean;
                                /** @description Client only: once, at least 24 h before. */
                                canReschedule: boolean;
                                cancelReason: string | null;
                                cancelledBy: ("client" | "reader" | "admin") | null;
                                capturedCents: number | null;
                                clientName: string;
                                /** @description An IANA time zone. */
                                clientTimeZone: string;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                endsAt: string;
                                id: string;
                                /** Format: date-time */
                                joinOpensAt: string;
                                lengthMinutes: number;
                                /** @enum {unknown} */
                                modality: "chat" | "voice" | "video";
                                priceCents: number;
                                question: string | null;
                                readerName: string;
                                /** @description Shown to the reader only. */
                                readerShareCents: number | null;
                                readerSlug: string | null;
                                /** @description An IANA time zone. */
                                readerTimeZone: string;
                                readerUserId: string;
                                readingId: string | null;
                                refundedCents: number | null;
                                /**
                                 * @description Who is looking.
                                 * @enum {unknown}
                                 */
                                role: "client" | "reader" | "admin";
                                settledAt: string | null;
                                /** Format: date-time */
                                startsAt: string;
                                /** @enum {unknown} */
                                status: "confirmed" | "completed" | "cancelled" | "client_no_show" | "reader_no_show";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/readers/me/earnings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your earnings: payable balance, your share of readings and tips today / this week / this month (UTC), 30 days by day, recent paid readings */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            days: {
                                cents: number;
                                /** Format: date */
                                day: string;
                                tipCents: number;
                            }[];
                            monthCents: number;
                            payableCents: number;
                            readings: {
                                billedSeconds: number;
                                chargedCents: number;
                                /** Format: date-time */
                                endedAt: string;
                                id: string;
                                modality: string;
                                readerShareCents: number;
                                tipCents: number;
                            }[];
                            /** @description The part of each total that came from tips. */
                            tips: {
                                monthCents: number;
                                todayCents: number;
                                weekCents: number;
                            };
                            todayCents: number;
                            weekCents: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/readers/me/earnings/statements/{year}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your yearly earnings statement: by month (UTC), earned by source, taken back by refunds and disputes, net, paid out */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A calendar year (UTC), up to this one. */
                    year: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            generatedAt: string;
                            months: {
                                /** @description Credited to the reader's earnings, by source. */
                                earnedCents: number;
                                /** @description YYYY-MM (UTC) */
                                month: string;
                                netCents: number;
                                /** @description Payouts the provider confirmed in the month. */
                                paidOutCents: number;
                                sources: {
                                    bookings: number;
                                    gifts: number;
                                    other: number;
                                    paidReplies: number;
                                    readings: number;
                                    tickets: number;
                                    tips: number;
                                };
                                /** @description Taken back by refunds and lost card disputes. */
                                takenBackCents: number;
                            }[];
                            readerName: string | null;
                            totals: {
                                /** @description Credited to the reader's earnings, by source. */
                                earnedCents: number;
                                netCents: number;
                                /** @description Payouts the provider confirmed in the month. */
                                paidOutCents: number;
                                sources: {
                                    bookings: number;
                                    gifts: number;
                                    other: number;
                                    paidReplies: number;
                                    readings: number;
                                    tickets: number;
                                    tips: number;
                                };
                                /** @description Taken back by refunds and lost card disputes. */
                                takenBackCents: number;
                            };
                            year: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/readers/me/earnings/statements/{year}/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your yearly earnings statement as a CSV file (amounts in dollars) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A calendar year (UTC), up to this one. */
                    year: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description text/csv */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/readers/me/payouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your payouts: balances by stage, next payout, history and earnings chart */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account: {
                                held: boolean;
                                heldReason: string | null;
                                minimumThresholdCents: number;
                                ownThresholdCents: number | null;
                                provider: ("stripe" | "sandbox") | null;
                                /** @enum {unknown} */
                                status: "none" | "onboarding" | "ready";
                                /** @description What a daily payout needs at least (the reader's own or the minimum). */
                                thresholdCents: number;
                            };
                            /** @description Earnings past the refund window: paid at the next run. */
                            availableCents: number;
                            chart: {
                                days: {
                                    sources: {
                                        bookings: number;
                                        gifts: number;
                                        other: number;
                                        paidReplies: number;
                                        readings: number;
                                        tickets: number;
                                        tips: number;
                                    };
                                    /** @description First day of the period (YYYY-MM-DD, UTC). */
                                    start: string;
                                    totalCents: number;
                                }[];
                                months: {
                                    sources: {
                                        bookings: number;
                                        gifts: number;
                                        other: number;
                                        paidReplies: number;
                                        readings: number;
                                        tickets: number;
                                        tips: number;
                                    };
                                    /** @description First day of the period (YYYY-MM-DD, UTC). */
                                    start: string;
                                    totalCents: number;
                                }[];
                                weeks: {
                                    sources: {
                                        bookings: number;
                                        gifts: number;
                                        other: number;
                                        paidReplies: number;
                                        readings: number;
                                        tickets: number;
                                        tips: number;
                                    };
                                    /** @description First day of the period (YYYY-MM-DD, UTC). */
                                    start: string;
                                    totalCents: number;
                                }[];
                            };
                            history: {
                                items: {
                                    amountCents: number;
                                    attempts: number;
                                    /** Format: date-time */
                                    createdAt: string;
                                    failureReason: string | null;
                                    /** Format: uuid */
                                    id: string;
                                    paidAt: string | null;
                                    /** @enum {unknown} */
                                    provider: "stripe" | "sandbox";
                                    providerTransferId: string | null;
                                    readerUserId: string;
                                    /** @enum {unknown} */
                                    status: "in_transit" | "paid" | "failed" | "reversed";
                                    /** @enum {unknown} */
                                    trigger: "auto" | "manual" | "retry";
                                }[];
                                nextCursor: string | null;
                            };
                            inTransitCents: number;
                            /** Format: date-time */
                            nextPayoutAt: string;
                            /** @description Refunds of earnings already paid out: paid back from earnings before the next payout. */
                            owedCents: number;
                            paidCents: number;
                            /** @description Earnings still inside the refund window. */
                            pendingCents: number;
                            pendingHours: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/readers/me/payouts/account": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Connect (or update) your payout account: answers the onboarding address */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {unknown} */
                            status: "none" | "onboarding" | "ready";
                            url: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/readers/me/payouts/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your payouts, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description `nextCursor` of the previous page. */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                amountCents: number;
                                attempts: number;
                                /** Format: date-time */
                                createdAt: string;
                                failureReason: string | null;
                                /** Format: uuid */
                                id: string;
                                paidAt: string | null;
                                /** @enum {unknown} */
                                provider: "stripe" | "sandbox";
                                providerTransferId: string | null;
                                readerUserId: string;
                                /** @enum {unknown} */
                                status: "in_transit" | "paid" | "failed" | "reversed";
                                /** @enum {unknown} */
                                trigger: "auto" | "manual" | "retry";
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/readers/me/payouts/threshold": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set your own minimum for a daily payout */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        thresholdCents: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/readers/me/photo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Upload your profile photo
         * @description Send the raw image as the body with Content-Type image/jpeg, image/png or image/webp (at most 5 MB, checked by content); it is stored as a 512×512 WebP.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "image/jpeg": unknown;
                    "image/png": unknown;
                    "image/webp": unknown;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Reader */
                            reader: {
                                /** @description A demo reader answered by software with canned messages (demo data only); the web app says so on their page. */
                                automaticDemo: boolean;
                                bio: string;
                                /** Format: date-time */
                                createdAt: string;
                                displayName: string;
                                headline: string;
                                languages: string[];
                                /** @description Stable link to the profile photo (redirects to the image); null without one. */
                                photoUrl: string | null;
                                rates: {
                                    chat: number | null;
                                    scheduled: number | null;
                                    video: number | null;
                                    voice: number | null;
                                };
                                ratingAverage: number;
                                ratingCount: number;
                                slug: string;
                                specialties: string[];
                                status: "online" | "away" | "offline" | "busy";
                                tools: string[];
                                userId: string;
                                yearsOfExperience: number;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        /** Remove your profile photo */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Reader */
                            reader: {
                                /** @description A demo reader answered by software with canned messages (demo data only); the web app says so on their page. */
                                automaticDemo: boolean;
                                bio: string;
                                /** Format: date-time */
                                createdAt: string;
                                displayName: string;
                                headline: string;
                                languages: string[];
                                /** @description Stable link to the profile photo (redirects to the image); null without one. */
                                photoUrl: string | null;
                                rates: {
                                    chat: number | null;
                                    scheduled: number | null;
                                    video: number | null;
                                    voice: number | null;
                                };
                                ratingAverage: number;
                                ratingCount: number;
                                slug: string;
                                specialties: string[];
                                status: "online" | "away" | "offline" | "busy";
                                tools: string[];
                                userId: string;
                                yearsOfExperience: number;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/readers/me/profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your reader profile */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Reader */
                            reader: {
                                /** @description A demo reader answered by software with canned messages (demo data only); the web app says so on their page. */
                                automaticDemo: boolean;
                                bio: string;
                                /** Format: date-time */
                                createdAt: string;
                                displayName: string;
                                headline: string;
                                languages: string[];
                                /** @description Stable link to the profile photo (redirects to the image); null without one. */
                                photoUrl: string | null;
                                rates: {
                                    chat: number | null;
                                    scheduled: number | null;
                                    video: number | null;
                                    voice: number | null;
                                };
                                ratingAverage: number;
                                ratingCount: number;
                                slug: string;
                                specialties: string[];
                                status: "online" | "away" | "offline" | "busy";
                                tools: string[];
                                userId: string;
                                yearsOfExperience: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Edit your profile and per-minute rates */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        bio?: string;
                        headline?: string;
                        languages?: string[];
                        rates?: {
                            chat?: number | null;
                            scheduled?: number | null;
                            video?: number | null;
                            voice?: number | null;
                        };
                        specialties?: ("tarot" | "astrology" | "mediumship" | "love-and-relationships" | "career-and-money" | "dreams" | "numerology" | "energy-healing" | "angel-and-oracle-cards" | "past-lives" | "pets" | "spiritual-guidance")[];
                        tools?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Reader */
                            reader: {
                                /** @description A demo reader answered by software with canned messages (demo data only); the web app says so on their page. */
                                automaticDemo: boolean;
                                bio: string;
                                /** Format: date-time */
                                createdAt: string;
                                displayName: string;
                                headline: string;
                                languages: string[];
                                /** @description Stable link to the profile photo (redirects to the image); null without one. */
                                photoUrl: string | null;
                                rates: {
                                    chat: number | null;
                                    scheduled: number | null;
                                    video: number | null;
                                    voice: number | null;
                                };
                                ratingAverage: number;
                                ratingCount: number;
                                slug: string;
                                specialties: string[];
                                status: "online" | "away" | "offline" | "busy";
                                tools: string[];
                                userId: string;
                                yearsOfExperience: number;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/readers/me/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set your status: online, away or offline */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description busy is set by the platform during a reading. */
                        status: "online" | "away" | "offline";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Reader */
                            reader: {
                                /** @description A demo reader answered by software with canned messages (demo data only); the web app says so on their page. */
                                automaticDemo: boolean;
                                bio: string;
                                /** Format: date-time */
                                createdAt: string;
                                displayName: string;
                                headline: string;
                                languages: string[];
                                /** @description Stable link to the profile photo (redirects to the image); null without one. */
                                photoUrl: string | null;
                                rates: {
                                    chat: number | null;
                                    scheduled: number | null;
                                    video: number | null;
                                    voice: number | null;
                                };
                                ratingAverage: number;
                                ratingCount: number;
                                slug: string;
                                specialties: string[];
                                status: "online" | "away" | "offline" | "busy";
                                tools: string[];
                                userId: string;
                                yearsOfExperience: number;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/readers/me/waitlist": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your waitlist: the clients waiting for you, first in line first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                clientName: string;
                                /** Format: date-time */
                                createdAt: string;
                                id: string;
                                /** @enum {unknown} */
                                modality: "chat" | "voice" | "video";
                                offerExpiresAt: string | null;
                                position: number;
                                /** @enum {unknown} */
                                status: "waiting" | "offered";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/readers/{readerUserId}/booking-options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What a client may book with a reader: modalities, lengths, rate, and whether booked soon */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    readerUserId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The reader has hours, a scheduled rate and is listed. */
                            bookable: boolean;
                            /** @description A booking of this reader starts within 20 minutes (or is under way): no on-demand readings. */
                            bookedSoon: boolean;
                            horizonDays: number;
                            lengthsMinutes: number[];
                            minNoticeMinutes: number;
                            modalities: ("chat" | "voice" | "video")[];
                            ratePerMinuteCents: number | null;
                            readerTimeZone: string | null;
                            readerUserId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/readers/{readerUserId}/notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your private notes on a reader */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    readerUserId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            notes: {
                                body: string;
                                /** Format: date-time */
                                updatedAt: string;
                            } | null;
                        };
                    };
                };
            };
        };
        /** Save your private notes on a reader (empty deletes them) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    readerUserId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Plain text, seen only by you; empty deletes the notes. */
                        body: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            notes: {
                                body: string;
                                /** Format: date-time */
                                updatedAt: string;
                            } | null;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/readers/{readerUserId}/slots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A reader's open slots for one modality and length (default: the next 30 days; at most 62) */
        get: {
            parameters: {
                query: {
                    modality: "chat" | "voice" | "video";
                    lengthMinutes: number;
                    from?: string;
                    to?: string;
                };
                header?: never;
                path: {
                    readerUserId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A reader's open slots in [from, to), for one modality and length, at the price shown. Compact: a month is about a thousand slots (docs/decisions/0021-compact-slot-lists.md). */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description The whole UTC minute the slots count from: `from` rounded down to the minute.
                             */
                            baseAt: string;
                            /** Format: date-time */
                            from: string;
                            priceCents: number;
                            /** @description Each open slot's start, in whole minutes after `baseAt`, ascending (start = baseAt + minutes × 60 s). */
                            startMinutes: number[];
                            /** Format: date-time */
                            to: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/readers/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One reader's public profile */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    slug: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Reader */
                            reader: {
                                /** @description A demo reader answered by software with canned messages (demo data only); the web app says so on their page. */
                                automaticDemo: boolean;
                                bio: string;
                                /** Format: date-time */
                                createdAt: string;
                                displayName: string;
                                headline: string;
                                languages: string[];
                                /** @description Stable link to the profile photo (redirects to the image); null without one. */
                                photoUrl: string | null;
                                rates: {
                                    chat: number | null;
                                    scheduled: number | null;
                                    video: number | null;
                                    voice: number | null;
                                };
                                ratingAverage: number;
                                ratingCount: number;
                                slug: string;
                                specialties: string[];
                                status: "online" | "away" | "offline" | "busy";
                                tools: string[];
                                userId: string;
                                yearsOfExperience: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/readers/{slug}/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A reader's reviews, newest first, with their rating */
        get: {
            parameters: {
                query?: {
                    /** @description `nextCursor` of the previous page. */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path: {
                    slug: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                clientFirstName: string;
                                /** Format: date-time */
                                createdAt: string;
                                id: string;
                                repliedAt: string | null;
                                reply: string | null;
                                stars: number;
                                text: string;
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                            nextCursor: string | null;
                            ratingAverage: number;
                            ratingCount: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/readings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your readings, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
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
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Ask a reader for an on-demand reading; the rate is locked now and the reader is rung */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The per-minute rate the client was shown. If the reader's rate is different now, the answer is 409 RATE_CHANGED with the current rate in `error.current.ratePerUnitCents`, and nothing starts. */
                        expectedRatePerUnitCents: number;
                        /** @enum {unknown} */
                        modality: "chat" | "voice" | "video";
                        readerUserId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/readings/{readingId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One reading */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    readingId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/readings/{readingId}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The reader accepts a ringing request */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    readingId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/readings/{readingId}/after": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** After a reading: its review, tip window, the reader's note and your private notes */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    readingId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The caller may write or edit the review now. */
                            canReview: boolean;
                            /** @description The caller may tip the reader for this reading now. */
                            canTip: boolean;
                            /** @description The client's private notes on this reader; always null for the reader. */
                            myNotes: {
                                body: string;
                                /** Format: date-time */
                                updatedAt: string;
                            } | null;
                            readerNote: {
                                /** Format: date-time */
                                at: string;
                                text: string;
                            } | null;
                            review: {
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                editableUntil: string;
                                id: string;
                                readingId: string;
                                repliedAt: string | null;
                                reply: string | null;
                                stars: number;
                                text: string;
                                /** Format: date-time */
                                updatedAt: string;
                            } | null;
                            reviewEditableUntil: string | null;
                            /** @description Billed time needed for a review (3 units). */
                            reviewMinimumBilledMs: number;
                            tipUntil: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/readings/{readingId}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The reader declines a ringing request */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    readingId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/readings/{readingId}/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Either side ends the reading (the client may cancel before it starts) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    readingId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/readings/{readingId}/media-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A short-lived Agora RTC token for the caller's side of a live voice or video reading (call again to renew) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    readingId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            appId: string;
                            /** @description The reading's Agora channel: session-<readingId> (the name Agora knows it by). */
                            channel: string;
                            /**
                             * Format: date-time
                             * @description When the token and its join/publish privileges end; ask for a new one before.
                             */
                            expiresAt: string;
                            /** @enum {string} */
                            provider: "agora";
                            /** @description Agora RTC token (AccessToken2), publisher role. */
                            token: string;
                            /** @description The caller's Agora uid in the channel: 1 for the client, 2 for the reader. */
                            uid: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/readings/{readingId}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A reading's chat transcript, oldest first */
        get: {
            parameters: {
                query?: {
                    after?: string;
                    limit?: number;
                };
                header?: never;
                path: {
                    readingId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            complete: boolean;
                            /** @description The client's messages on this page whose words suggest self-harm (the client's support lines and the reader's notes come back after a reload) */
                            crisisMessageIds: string[];
                            items: {
                                body: string;
                                clientMessageId: string;
                                /** Format: date-time */
                                createdAt: string;
                                deliveredAt: string | null;
                                id: string;
                                readingId: string;
                                senderUserId: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Send a chat message in an active reading (a resend with the same clientMessageId is a no-op) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    readingId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body: string;
                        clientMessageId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/readings/{readingId}/messages/delivered": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm the other side's messages up to one are shown (delivery state) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    readingId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        messageId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changed: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/readings/{readingId}/reader-note": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** The reader leaves a short summary note for the client after the reading */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    readingId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Plain text. */
                        note: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            readerNote: {
                                /** Format: date-time */
                                at: string;
                                text: string;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/readings/{readingId}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Write (or, for 7 days, edit) the review of a reading of at least 3 billed minutes */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    readingId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description 1 to 5 whole stars. */
                        stars: number;
                        /** @description Plain text; may be empty. */
                        text: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Review */
                            review: {
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                editableUntil: string;
                                id: string;
                                readingId: string;
                                repliedAt: string | null;
                                reply: string | null;
                                stars: number;
                                text: string;
                                /** Format: date-time */
                                updatedAt: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Review */
                            review: {
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                editableUntil: string;
                                id: string;
                                readingId: string;
                                repliedAt: string | null;
                                reply: string | null;
                                stars: number;
                                text: string;
                                /** Format: date-time */
                                updatedAt: string;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/readings/{readingId}/tip": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Tip the reader of a finished reading (70% goes to the reader) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    readingId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        amountCents: number;
                        /** @description Chosen by the app once per tip; a repeat moves no money twice. */
                        idempotencyKey: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Your wallet balance after the tip. */
                            balanceCents: number;
                            /** @description The amount of this tip (of the first request, on a repeat). */
                            tippedCents: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/readings/{readingId}/transitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A reading's state changes with their times and causes */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    readingId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                at: string;
                                cause: string;
                                fromState: string | null;
                                toState: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reply-templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your saved replies */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                body: string;
                                /** Format: date-time */
                                createdAt: string;
                                id: string;
                                title: string;
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Save a reply to reuse (up to 50) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body: string;
                        title: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            template: {
                                body: string;
                                /** Format: date-time */
                                createdAt: string;
                                id: string;
                                title: string;
                                /** Format: date-time */
                                updatedAt: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reply-templates/{templateId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change a saved reply */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    templateId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body: string;
                        title: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            template: {
                                body: string;
                                /** Format: date-time */
                                createdAt: string;
                                id: string;
                                title: string;
                                /** Format: date-time */
                                updatedAt: string;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        /** Delete a saved reply */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    templateId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reviews/{reviewId}/reply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The reader replies to a review of theirs, once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    reviewId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Plain text. */
                        text: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Review */
                            review: {
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                editableUntil: string;
                                id: string;
                                readingId: string;
                                repliedAt: string | null;
                                reply: string | null;
                                stars: number;
                                text: string;
                                /** Format: date-time */
                                updatedAt: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sandbox/authenticate/{topUpId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A sandbox 3-D Secure page for an auto-reload the pretend bank held */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    topUpId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** TopUp */
                            topUp: {
                                amountCents: number;
                                checkoutUrl: string | null;
                                completedAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                currency: string;
                                failureMessage: string | null;
                                /** Format: uuid */
                                id: string;
                                /** @description checkout: paid on the provider's page; auto_reload: the saved card, off-session. */
                                kind: "checkout" | "auto_reload";
                                provider: "stripe" | "sandbox";
                                status: "pending" | "requires_action" | "succeeded" | "failed" | "expired";
                                transferId: string | null;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sandbox/authenticate/{topUpId}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve or fail the pretend bank's check; the outcome goes through the signed-webhook path */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    topUpId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        outcome: "approve" | "fail";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** TopUp */
                            topUp: {
                                amountCents: number;
                                checkoutUrl: string | null;
                                completedAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                currency: string;
                                failureMessage: string | null;
                                /** Format: uuid */
                                id: string;
                                /** @description checkout: paid on the provider's page; auto_reload: the saved card, off-session. */
                                kind: "checkout" | "auto_reload";
                                provider: "stripe" | "sandbox";
                                status: "pending" | "requires_action" | "succeeded" | "failed" | "expired";
                                transferId: string | null;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sandbox/checkout/{checkoutId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A sandbox checkout (no real card is charged) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    checkoutId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** TopUp */
                            topUp: {
                                amountCents: number;
                                checkoutUrl: string | null;
                                completedAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                currency: string;
                                failureMessage: string | null;
                                /** Format: uuid */
                                id: string;
                                /** @description checkout: paid on the provider's page; auto_reload: the saved card, off-session. */
                                kind: "checkout" | "auto_reload";
                                provider: "stripe" | "sandbox";
                                status: "pending" | "requires_action" | "succeeded" | "failed" | "expired";
                                transferId: string | null;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sandbox/checkout/{checkoutId}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pay or decline a sandbox checkout; the outcome goes through the signed-webhook path */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    checkoutId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        outcome: "pay" | "decline";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** TopUp */
                            topUp: {
                                amountCents: number;
                                checkoutUrl: string | null;
                                completedAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                currency: string;
                                failureMessage: string | null;
                                /** Format: uuid */
                                id: string;
                                /** @description checkout: paid on the provider's page; auto_reload: the saved card, off-session. */
                                kind: "checkout" | "auto_reload";
                                provider: "stripe" | "sandbox";
                                status: "pending" | "requires_action" | "succeeded" | "failed" | "expired";
                                transferId: string | null;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sandbox/connect/{accountId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A sandbox payout account's onboarding */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accountId: string;
                            /** @enum {unknown} */
                            status: "none" | "onboarding" | "ready";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sandbox/connect/{accountId}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Finish sandbox onboarding: a signed account.updated event through the webhook path */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accountId: string;
                            /** @enum {unknown} */
                            status: "none" | "onboarding" | "ready";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sandbox/mailbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The mail sent to the addresses this browser signed up with (sandbox without SMTP only; scoped by a signed cookie) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The addresses this browser signed up with (the only ones it may read). */
                            addresses: string[];
                            items: {
                                /** Format: date-time */
                                createdAt: string;
                                id: string;
                                kind: string;
                                subject: string;
                                textBody: string;
                                to: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sandbox/save-card/{checkoutId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A sandbox card-saving page (no real card) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    checkoutId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: "open" | "saved";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sandbox/save-card/{checkoutId}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Save a pretend card; the outcome goes through the signed-webhook path */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    checkoutId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The pretend card: always pays, asks for 3-D Secure on every charge, or is declined. */
                        card: "pays" | "authenticates" | "declines";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amountCents: number;
                            card: {
                                brand: string | null;
                                expMonth: number | null;
                                expYear: number | null;
                                last4: string | null;
                            } | null;
                            enabled: boolean;
                            floorCents: number | null;
                            last: {
                                amountCents: number;
                                /** Format: date-time */
                                createdAt: string;
                                failureMessage: string | null;
                                status: "pending" | "requires_action" | "succeeded" | "failed" | "expired";
                                /** Format: uuid */
                                topUpId: string;
                            } | null;
                            maxPerDay: number;
                            minIntervalMinutes: number;
                            /** @description A card is being saved on the provider's page. */
                            savingCard: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Listed streams: live now, or scheduled (soonest first) */
        get: {
            parameters: {
                query: {
                    status: "live" | "scheduled";
                    limit: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** StreamAccess */
                                access: {
                                    /** @description The caller may watch (and, signed in, chat and send gifts). */
                                    canWatch: boolean;
                                    hasTicket: boolean;
                                    isReader: boolean;
                                    muted: boolean;
                                    needsInvitation: boolean;
                                    needsSignIn: boolean;
                                    needsTicket: boolean;
                                    /** @description The caller asked to be reminded when it starts. */
                                    reminded: boolean;
                                };
                                endReason: string | null;
                                endedAt: string | null;
                                /** Format: uuid */
                                id: string;
                                reader: {
                                    displayName: string;
                                    slug: string;
                                    userId: string;
                                };
                                scheduledFor: string | null;
                                startedAt: string | null;
                                /** @enum {unknown} */
                                status: "scheduled" | "live" | "reconnecting" | "ended" | "cancelled";
                                ticketPriceCents: number | null;
                                title: string;
                                topic: string;
                                /** @enum {unknown} */
                                visibility: "public" | "private" | "premium";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Schedule a stream (for now, then start it; or up to 60 days ahead) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @description When it is scheduled; absent: now (then start it).
                         */
                        startsAt?: string;
                        /** @description Premium streams only: the ticket, paid once from the wallet. */
                        ticketPriceCents?: number;
                        title: string;
                        /** @description What it is about, e.g. Tarot or Astrology. */
                        topic: string;
                        /** @enum {unknown} */
                        visibility: "public" | "private" | "premium";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Stream */
                            stream: {
                                /** StreamAccess */
                                access: {
                                    /** @description The caller may watch (and, signed in, chat and send gifts). */
                                    canWatch: boolean;
                                    hasTicket: boolean;
                                    isReader: boolean;
                                    muted: boolean;
                                    needsInvitation: boolean;
                                    needsSignIn: boolean;
                                    needsTicket: boolean;
                                    /** @description The caller asked to be reminded when it starts. */
                                    reminded: boolean;
                                };
                                endReason: string | null;
                                endedAt: string | null;
                                /** Format: uuid */
                                id: string;
                                reader: {
                                    displayName: string;
                                    slug: string;
                                    userId: string;
                                };
                                scheduledFor: string | null;
                                startedAt: string | null;
                                /** @enum {unknown} */
                                status: "scheduled" | "live" | "reconnecting" | "ended" | "cancelled";
                                ticketPriceCents: number | null;
                                title: string;
                                topic: string;
                                /** @enum {unknown} */
                                visibility: "public" | "private" | "premium";
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/mine": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your streams, newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** StreamAccess */
                                access: {
                                    /** @description The caller may watch (and, signed in, chat and send gifts). */
                                    canWatch: boolean;
                                    hasTicket: boolean;
                                    isReader: boolean;
                                    muted: boolean;
                                    needsInvitation: boolean;
                                    needsSignIn: boolean;
                                    needsTicket: boolean;
                                    /** @description The caller asked to be reminded when it starts. */
                                    reminded: boolean;
                                };
                                endReason: string | null;
                                endedAt: string | null;
                                /** Format: uuid */
                                id: string;
                                reader: {
                                    displayName: string;
                                    slug: string;
                                    userId: string;
                                };
                                scheduledFor: string | null;
                                startedAt: string | null;
                                /** @enum {unknown} */
                                status: "scheduled" | "live" | "reconnecting" | "ended" | "cancelled";
                                ticketPriceCents: number | null;
                                title: string;
                                topic: string;
                                /** @enum {unknown} */
                                visibility: "public" | "private" | "premium";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{streamId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A stream, with what the caller may do */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    streamId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Stream */
                            stream: {
                                /** StreamAccess */
                                access: {
                                    /** @description The caller may watch (and, signed in, chat and send gifts). */
                                    canWatch: boolean;
                                    hasTicket: boolean;
                                    isReader: boolean;
                                    muted: boolean;
                                    needsInvitation: boolean;
                                    needsSignIn: boolean;
                                    needsTicket: boolean;
                                    /** @description The caller asked to be reminded when it starts. */
                                    reminded: boolean;
                                };
                                endReason: string | null;
                                endedAt: string | null;
                                /** Format: uuid */
                                id: string;
                                reader: {
                                    displayName: string;
                                    slug: string;
                                    userId: string;
                                };
                                scheduledFor: string | null;
                                startedAt: string | null;
                                /** @enum {unknown} */
                                status: "scheduled" | "live" | "reconnecting" | "ended" | "cancelled";
                                ticketPriceCents: number | null;
                                title: string;
                                topic: string;
                                /** @enum {unknown} */
                                visibility: "public" | "private" | "premium";
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{streamId}/chat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest live chat messages still shown */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    streamId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
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
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Write in the live chat (5 messages per 10 s) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    streamId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
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
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{streamId}/chat/{messageId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a live chat message (the stream's reader) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    streamId: string;
                    messageId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{streamId}/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the stream (or cancel it while scheduled) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    streamId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Stream */
                            stream: {
                                /** StreamAccess */
                                access: {
                                    /** @description The caller may watch (and, signed in, chat and send gifts). */
                                    canWatch: boolean;
                                    hasTicket: boolean;
                                    isReader: boolean;
                                    muted: boolean;
                                    needsInvitation: boolean;
                                    needsSignIn: boolean;
                                    needsTicket: boolean;
                                    /** @description The caller asked to be reminded when it starts. */
                                    reminded: boolean;
                                };
                                endReason: string | null;
                                endedAt: string | null;
                                /** Format: uuid */
                                id: string;
                                reader: {
                                    displayName: string;
                                    slug: string;
                                    userId: string;
                                };
                                scheduledFor: string | null;
                                startedAt: string | null;
                                /** @enum {unknown} */
                                status: "scheduled" | "live" | "reconnecting" | "ended" | "cancelled";
                                ticketPriceCents: number | null;
                                title: string;
                                topic: string;
                                /** @enum {unknown} */
                                visibility: "public" | "private" | "premium";
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{streamId}/gifts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a gift to a live stream (70 % to the reader) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    streamId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        giftId: string;
                        /** @description Chosen by the app once per payment; a repeat moves no money twice. */
                        idempotencyKey: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            balanceCents: number;
                            board: {
                                displayName: string;
                                giftCount: number;
                                totalCents: number;
                                userId: string;
                            }[];
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
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{streamId}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Invite clients you know to a private stream */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    streamId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        clientUserIds: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Newly invited clients. */
                            invited: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{streamId}/media-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** An Agora token for the stream (host for its reader, audience for viewers), when Agora is configured */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    streamId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            appId: string;
                            channel: string;
                            /** Format: date-time */
                            expiresAt: string;
                            /** @enum {string} */
                            provider: "agora";
                            /** @enum {unknown} */
                            role: "host" | "audience";
                            token: string;
                            /** @description The reader's uid (1); 0 for viewers: Agora assigns theirs. */
                            uid: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{streamId}/mutes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mute a viewer for this stream (the stream's reader) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    streamId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        userId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{streamId}/reminder": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Be reminded (or not) when a scheduled stream starts */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    streamId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        on: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Stream */
                            stream: {
                                /** StreamAccess */
                                access: {
                                    /** @description The caller may watch (and, signed in, chat and send gifts). */
                                    canWatch: boolean;
                                    hasTicket: boolean;
                                    isReader: boolean;
                                    muted: boolean;
                                    needsInvitation: boolean;
                                    needsSignIn: boolean;
                                    needsTicket: boolean;
                                    /** @description The caller asked to be reminded when it starts. */
                                    reminded: boolean;
                                };
                                endReason: string | null;
                                endedAt: string | null;
                                /** Format: uuid */
                                id: string;
                                reader: {
                                    displayName: string;
                                    slug: string;
                                    userId: string;
                                };
                                scheduledFor: string | null;
                                startedAt: string | null;
                                /** @enum {unknown} */
                                status: "scheduled" | "live" | "reconnecting" | "ended" | "cancelled";
                                ticketPriceCents: number | null;
                                title: string;
                                topic: string;
                                /** @enum {unknown} */
                                visibility: "public" | "private" | "premium";
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{streamId}/room": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What a viewer needs on arrival: the stream, viewer count, board and recent chat */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    streamId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            board: {
                                displayName: string;
                                giftCount: number;
                                totalCents: number;
                                userId: string;
                            }[];
                            chat: {
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
                            }[];
                            /** Stream */
                            stream: {
                                /** StreamAccess */
                                access: {
                                    /** @description The caller may watch (and, signed in, chat and send gifts). */
                                    canWatch: boolean;
                                    hasTicket: boolean;
                                    isReader: boolean;
                                    muted: boolean;
                                    needsInvitation: boolean;
                                    needsSignIn: boolean;
                                    needsTicket: boolean;
                                    /** @description The caller asked to be reminded when it starts. */
                                    reminded: boolean;
                                };
                                endReason: string | null;
                                endedAt: string | null;
                                /** Format: uuid */
                                id: string;
                                reader: {
                                    displayName: string;
                                    slug: string;
                                    userId: string;
                                };
                                scheduledFor: string | null;
                                startedAt: string | null;
                                /** @enum {unknown} */
                                status: "scheduled" | "live" | "reconnecting" | "ended" | "cancelled";
                                ticketPriceCents: number | null;
                                title: string;
                                topic: string;
                                /** @enum {unknown} */
                                visibility: "public" | "private" | "premium";
                            };
                            viewerCount: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{streamId}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Go live */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    streamId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Stream */
                            stream: {
                                /** StreamAccess */
                                access: {
                                    /** @description The caller may watch (and, signed in, chat and send gifts). */
                                    canWatch: boolean;
                                    hasTicket: boolean;
                                    isReader: boolean;
                                    muted: boolean;
                                    needsInvitation: boolean;
                                    needsSignIn: boolean;
                                    needsTicket: boolean;
                                    /** @description The caller asked to be reminded when it starts. */
                                    reminded: boolean;
                                };
                                endReason: string | null;
                                endedAt: string | null;
                                /** Format: uuid */
                                id: string;
                                reader: {
                                    displayName: string;
                                    slug: string;
                                    userId: string;
                                };
                                scheduledFor: string | null;
                                startedAt: string | null;
                                /** @enum {unknown} */
                                status: "scheduled" | "live" | "reconnecting" | "ended" | "cancelled";
                                ticketPriceCents: number | null;
                                title: string;
                                topic: string;
                                /** @enum {unknown} */
                                visibility: "public" | "private" | "premium";
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{streamId}/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Viewers, gifts, tickets and earnings of a stream */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    streamId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            board: {
                                displayName: string;
                                giftCount: number;
                                totalCents: number;
                                userId: string;
                            }[];
                            /** @description The reader's share of the gifts and tickets kept. */
                            earningsCents: number;
                            giftCents: number;
                            giftCount: number;
                            peakViewers: number;
                            /** Stream */
                            stream: {
                                /** StreamAccess */
                                access: {
                                    /** @description The caller may watch (and, signed in, chat and send gifts). */
                                    canWatch: boolean;
                                    hasTicket: boolean;
                                    isReader: boolean;
                                    muted: boolean;
                                    needsInvitation: boolean;
                                    needsSignIn: boolean;
                                    needsTicket: boolean;
                                    /** @description The caller asked to be reminded when it starts. */
                                    reminded: boolean;
                                };
                                endReason: string | null;
                                endedAt: string | null;
                                /** Format: uuid */
                                id: string;
                                reader: {
                                    displayName: string;
                                    slug: string;
                                    userId: string;
                                };
                                scheduledFor: string | null;
                                startedAt: string | null;
                                /** @enum {unknown} */
                                status: "scheduled" | "live" | "reconnecting" | "ended" | "cancelled";
                                ticketPriceCents: number | null;
                                title: string;
                                topic: string;
                                /** @enum {unknown} */
                                visibility: "public" | "private" | "premium";
                            };
                            ticketCents: number;
                            ticketCount: number;
                            totalViewers: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{streamId}/ticket": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Buy a premium stream's ticket from the wallet (once: a repeat pays nothing) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    streamId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            balanceCents: number;
                            priceCents: number;
                            /** Stream */
                            stream: {
                                /** StreamAccess */
                                access: {
                                    /** @description The caller may watch (and, signed in, chat and send gifts). */
                                    canWatch: boolean;
                                    hasTicket: boolean;
                                    isReader: boolean;
                                    muted: boolean;
                                    needsInvitation: boolean;
                                    needsSignIn: boolean;
                                    needsTicket: boolean;
                                    /** @description The caller asked to be reminded when it starts. */
                                    reminded: boolean;
                                };
                                endReason: string | null;
                                endedAt: string | null;
                                /** Format: uuid */
                                id: string;
                                reader: {
                                    displayName: string;
                                    slug: string;
                                    userId: string;
                                };
                                scheduledFor: string | null;
                                startedAt: string | null;
                                /** @enum {unknown} */
                                status: "scheduled" | "live" | "reconnecting" | "ended" | "cancelled";
                                ticketPriceCents: number | null;
                                title: string;
                                topic: string;
                                /** @enum {unknown} */
                                visibility: "public" | "private" | "premium";
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/support-lines": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Free crisis support lines for a country (Find A Helpline when it has none of its own) */
        get: {
            parameters: {
                query?: {
                    /** @description ISO 3166-1 alpha-2 */
                    country?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            lines: {
                                hours: string;
                                name: string;
                                phone: string | null;
                                /** @description How to text the line ("Text 988"). */
                                text: string | null;
                                url: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/waitlist": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your waitlist, newest first, with your place in each open one */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                expiresAt: string;
                                id: string;
                                /** @enum {unknown} */
                                modality: "chat" | "voice" | "video";
                                /** @description While offered: start the reading before this moment to keep your place. */
                                offerExpiresAt: string | null;
                                /** @description Your place in the reader's line while waiting or offered (1 = next). */
                                position: number | null;
                                readerName: string;
                                readerSlug: string | null;
                                readerUserId: string;
                                /** @description The reading the waitlist entry became. */
                                readingId: string | null;
                                /** @enum {unknown} */
                                status: "waiting" | "offered" | "started" | "lapsed" | "cancelled" | "expired";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Join a busy or unanswering reader's waitlist; you are offered the reader when they are free */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        modality: "chat" | "voice" | "video";
                        readerUserId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entry: {
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                expiresAt: string;
                                id: string;
                                /** @enum {unknown} */
                                modality: "chat" | "voice" | "video";
                                /** @description While offered: start the reading before this moment to keep your place. */
                                offerExpiresAt: string | null;
                                /** @description Your place in the reader's line while waiting or offered (1 = next). */
                                position: number | null;
                                readerName: string;
                                readerSlug: string | null;
                                readerUserId: string;
                                /** @description The reading the waitlist entry became. */
                                readingId: string | null;
                                /** @enum {unknown} */
                                status: "waiting" | "offered" | "started" | "lapsed" | "cancelled" | "expired";
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/waitlist/{entryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Leave a waitlist */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    entryId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entry: {
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                expiresAt: string;
                                id: string;
                                /** @enum {unknown} */
                                modality: "chat" | "voice" | "video";
                                /** @description While offered: start the reading before this moment to keep your place. */
                                offerExpiresAt: string | null;
                                /** @description Your place in the reader's line while waiting or offered (1 = next). */
                                position: number | null;
                                readerName: string;
                                readerSlug: string | null;
                                readerUserId: string;
                                /** @description The reading the waitlist entry became. */
                                readingId: string | null;
                                /** @enum {unknown} */
                                status: "waiting" | "offered" | "started" | "lapsed" | "cancelled" | "expired";
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/wallet": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your wallet balance and top-up options */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            balanceCents: number;
                            /** @enum {string} */
                            currency: "usd";
                            /** @description Frozen while a card dispute of a top-up is open: nothing can be spent or withdrawn. */
                            frozen: boolean;
                            maxTopUpCents: number;
                            minTopUpCents: number;
                            topUpPresetsCents: number[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/wallet/auto-reload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your saved card, auto-reload settings and latest auto-reload */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amountCents: number;
                            card: {
                                brand: string | null;
                                expMonth: number | null;
                                expYear: number | null;
                                last4: string | null;
                            } | null;
                            enabled: boolean;
                            floorCents: number | null;
                            last: {
                                amountCents: number;
                                /** Format: date-time */
                                createdAt: string;
                                failureMessage: string | null;
                                status: "pending" | "requires_action" | "succeeded" | "failed" | "expired";
                                /** Format: uuid */
                                topUpId: string;
                            } | null;
                            maxPerDay: number;
                            minIntervalMinutes: number;
                            /** @description A card is being saved on the provider's page. */
                            savingCard: boolean;
                        };
                    };
                };
            };
        };
        /** Turn auto-reload on or off: the amount each reload adds, and an optional floor outside readings (needs a saved card) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description What each auto-reload adds: $5.00 to $500.00, in cents. */
                        amountCents: number;
                        enabled: boolean;
                        /** @description null: reload only in readings (below 2 minutes of the rate). */
                        floorCents: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amountCents: number;
                            card: {
                                brand: string | null;
                                expMonth: number | null;
                                expYear: number | null;
                                last4: string | null;
                            } | null;
                            enabled: boolean;
                            floorCents: number | null;
                            last: {
                                amountCents: number;
                                /** Format: date-time */
                                createdAt: string;
                                failureMessage: string | null;
                                status: "pending" | "requires_action" | "succeeded" | "failed" | "expired";
                                /** Format: uuid */
                                topUpId: string;
                            } | null;
                            maxPerDay: number;
                            minIntervalMinutes: number;
                            /** @description A card is being saved on the provider's page. */
                            savingCard: boolean;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/wallet/auto-reloads/{topUpId}/authenticate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Where to confirm an auto-reload your bank held for 3-D Secure (null: nothing left to confirm) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    topUpId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            url: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/wallet/limits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your daily, weekly and monthly spending limits */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            limits: {
                                limitCents: number | null;
                                pendingEffectiveAt: string | null;
                                pendingLimitCents: number | null;
                                pendingRemoval: boolean;
                                period: "daily" | "weekly" | "monthly";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/wallet/limits/{period}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set a spending limit: lowering applies at once, raising or removing after 24 hours */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    period: "daily" | "weekly" | "monthly";
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description null removes the limit (after 24 h, like a raise). */
                        limitCents: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            limits: {
                                limitCents: number | null;
                                pendingEffectiveAt: string | null;
                                pendingLimitCents: number | null;
                                pendingRemoval: boolean;
                                period: "daily" | "weekly" | "monthly";
                            }[];
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/wallet/refund-to-card": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send your wallet balance back to the card(s) it came from, newest top-up first */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Chosen by the caller; the same key answers the first request's refunds. */
                        idempotencyKey: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Sent back (or on its way) to the card; failed ones are back in the wallet. */
                            refundedCents: number;
                            refunds: {
                                amountCents: number;
                                /** Format: date-time */
                                createdAt: string;
                                failureReason: string | null;
                                /** Format: uuid */
                                id: string;
                                /** @enum {unknown} */
                                status: "pending" | "succeeded" | "failed";
                                /** Format: uuid */
                                topUpId: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/wallet/saved-card": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Save a card for auto-reload: returns the provider's page (replaces a card saved before) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            url: string | null;
                        };
                    };
                };
            };
        };
        /** Forget your saved card (at the provider too) and turn auto-reload off */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amountCents: number;
                            card: {
                                brand: string | null;
                                expMonth: number | null;
                                expYear: number | null;
                                last4: string | null;
                            } | null;
                            enabled: boolean;
                            floorCents: number | null;
                            last: {
                                amountCents: number;
                                /** Format: date-time */
                                createdAt: string;
                                failureMessage: string | null;
                                status: "pending" | "requires_action" | "succeeded" | "failed" | "expired";
                                /** Format: uuid */
                                topUpId: string;
                            } | null;
                            maxPerDay: number;
                            minIntervalMinutes: number;
                            /** @description A card is being saved on the provider's page. */
                            savingCard: boolean;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/wallet/top-ups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a top-up: returns the hosted checkout address */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Between $5.00 and $500.00, in cents. */
                        amountCents: number;
                        /** @description Only usd. */
                        currency?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** TopUp */
                            topUp: {
                                amountCents: number;
                                checkoutUrl: string | null;
                                completedAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                currency: string;
                                failureMessage: string | null;
                                /** Format: uuid */
                                id: string;
                                /** @description checkout: paid on the provider's page; auto_reload: the saved card, off-session. */
                                kind: "checkout" | "auto_reload";
                                provider: "stripe" | "sandbox";
                                status: "pending" | "requires_action" | "succeeded" | "failed" | "expired";
                                transferId: string | null;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/wallet/top-ups/{topUpId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of your top-ups (poll after checkout) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    topUpId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** TopUp */
                            topUp: {
                                amountCents: number;
                                checkoutUrl: string | null;
                                completedAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                currency: string;
                                failureMessage: string | null;
                                /** Format: uuid */
                                id: string;
                                /** @description checkout: paid on the provider's page; auto_reload: the saved card, off-session. */
                                kind: "checkout" | "auto_reload";
                                provider: "stripe" | "sandbox";
                                status: "pending" | "requires_action" | "succeeded" | "failed" | "expired";
                                transferId: string | null;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/wallet/transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your wallet history, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description `nextCursor` of the previous page. */
                    cursor?: string;
                    limit?: number;
                    kind?: "top_up" | "session_charge" | "booking_hold" | "booking_capture" | "booking_refund" | "paid_reply" | "gift" | "ticket" | "tip" | "product_sale" | "refund" | "adjustment" | "payout" | "reader_share" | "platform_fee" | "chargeback" | "hold" | "hold_capture" | "hold_release" | "receivable";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description Positive: money in; negative: money out. */
                                amountCents: number;
                                code: string;
                                /** Format: date-time */
                                createdAt: string;
                                id: string;
                                references: {
                                    [key: string]: string;
                                };
                                transferId: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is up */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process can serve requests (database reachable) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ready";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** ErrorResponse */
        ErrorResponse: {
            error: {
                /** @description Stable machine-readable code, e.g. EMAIL_TAKEN. */
                code: string;
                /** @description Values the caller needs to try again, e.g. `ratePerUnitCents` with RATE_CHANGED. */
                current?: {
                    [key: string]: number;
                };
                details?: {
                    message: string;
                    path: string;
                }[];
                message: string;
                requestId: string;
                /** @description RETRY_LATER: send the same request again after this long. */
                retryAfterMs?: number;
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

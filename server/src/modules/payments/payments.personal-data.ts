import { personalDataTable } from "../../platform/personal-data.js";
import { autoReloadSettings, cardRefunds, savedCards, topUps } from "./payments.tables.js";

export const paymentsPersonalData = [
  personalDataTable(topUps, {
    userColumns: [topUps.userId],
    omitFromExport: [topUps.checkoutUrl],
    erase: [{ kind: "scrub", by: [topUps.userId], set: [[topUps.checkoutUrl, null]] }],
    kept: "Money history: top-ups match the ledger's transfers; they hold no name or contact.",
  }),
  personalDataTable(cardRefunds, {
    userColumns: [cardRefunds.userId],
    erase: [],
    kept: "Money history: refunds to the card match the ledger's transfers and the processor's; no name or contact.",
  }),
  personalDataTable(savedCards, {
    userColumns: [savedCards.userId],
    omitFromExport: [savedCards.customerId, savedCards.paymentMethodId, savedCards.setupCheckoutId],
    erase: [{ kind: "delete", by: [savedCards.userId] }],
  }),
  personalDataTable(autoReloadSettings, {
    userColumns: [autoReloadSettings.userId],
    erase: [{ kind: "delete", by: [autoReloadSettings.userId] }],
  }),
];

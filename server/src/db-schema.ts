/** Every table, for drizzle-kit and for typed queries. Each module owns its own tables file. */
export * from "./modules/accounts/accounts.tables.js";
export * from "./modules/audit/audit.tables.js";
export * from "./modules/email/email.tables.js";
export * from "./modules/ledger/ledger.tables.js";
export * from "./modules/payments/payments.tables.js";
export * from "./modules/readers/readers.tables.js";
export * from "./modules/system/system.tables.js";

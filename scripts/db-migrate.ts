// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database.
import { withConfiguredDatabase } from "./configured-database.js";

await withConfiguredDatabase(async () => console.log("migrations applied"));

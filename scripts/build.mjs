// `npm run build`: compiles the server to dist/server (tsc -p tsconfig.build.json) and builds the
// web app to web/dist (Vite), then records the hash of their sources in dist/build-hash.json.
// `--if-stale` builds only what is missing or stale (the end-to-end run uses it).
import { BuildError, build, ensureBuild } from "./build-state.mjs";

const parts = ["server", "web"];
try {
  if (process.argv.includes("--if-stale")) ensureBuild(parts);
  else build(parts);
} catch (error) {
  if (!(error instanceof BuildError)) throw error;
  console.error(error.message);
  process.exit(1);
}

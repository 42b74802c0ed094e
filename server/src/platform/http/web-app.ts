import { existsSync } from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { App } from "./server.js";

const API_PREFIXES = ["/api/", "/health", "/ready"];

/**
 * Serves the built web app (web/dist): hashed assets with long caching, and index.html for
 * every other GET so client-side routes work on reload.
 */
export async function registerWebApp(app: App, distDir: string) {
  const indexFile = path.join(distDir, "index.html");
  if (!existsSync(indexFile)) {
    throw new Error(
      `web app not built: ${indexFile} is missing (run "npm run build", or set SERVE_WEB=false)`,
    );
  }
  // serve: false — no routes of its own; the one route below decides what to send.
  await app.register(fastifyStatic, { root: distDir, serve: false });
  app.get("/*", { config: { access: "public" }, schema: { hide: true } }, async (request, reply) => {
    const pathname = request.url.split("?")[0] ?? "/";
    if (API_PREFIXES.some((prefix) => pathname.startsWith(prefix))) {
      return reply.callNotFound();
    }
    const relative = path.normalize(pathname).replace(/^(\.\.[/\\])+/, "");
    const candidate = path.join(distDir, relative);
    if (
      relative !== "/" &&
      candidate.startsWith(distDir) &&
      existsSync(candidate) &&
      !candidate.endsWith(path.sep)
    ) {
      const immutable = relative.startsWith("/assets/");
      reply.header("cache-control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
      return reply.sendFile(relative);
    }
    return reply.header("cache-control", "no-cache").sendFile("index.html");
  });
}

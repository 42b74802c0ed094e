import type { paths } from "./schema";

type Method = "get" | "post" | "put" | "patch" | "delete";

/** The JSON body of a 200 answer of `method` on `path`, as the generated schema declares it. */
export type ResponseOf<Path extends keyof paths, M extends Method = "get"> =
  paths[Path] extends Record<M, { responses: { 200: { content: { "application/json": infer Body } } } }>
    ? Body
    : never;

/** The query parameters of `method` on `path`. */
export type QueryOf<Path extends keyof paths, M extends Method = "get"> =
  paths[Path] extends Record<M, { parameters: { query?: infer Query } }> ? NonNullable<Query> : never;

/** The JSON request body of `method` on `path`. */
export type BodyOf<Path extends keyof paths, M extends Method> =
  paths[Path] extends Record<M, { requestBody?: { content: { "application/json": infer Body } } }>
    ? Body
    : never;

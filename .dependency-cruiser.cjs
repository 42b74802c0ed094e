/** Import rules of docs/engineering.md, checked by `npm run lint:imports`. */
module.exports = {
  forbidden: [
    {
      name: "platform-is-not-business",
      comment: "platform/ holds technology adapters; it must not depend on any domain module.",
      severity: "error",
      from: { path: "^server/src/platform/" },
      to: { path: "^server/src/(modules|seed)/" },
    },
    {
      name: "no-foreign-repositories",
      comment: "Modules call each other's services, never each other's repositories.",
      severity: "error",
      from: { path: "^server/src/modules/([^/]+)/" },
      to: { path: "^server/src/modules/[^/]+/[^/]+\\.repository\\.ts$", pathNot: "^server/src/modules/$1/" },
    },
    {
      name: "no-foreign-tables",
      comment:
        "A domain owns its tables: another module reads them only through the owner's service. Only a tables file may name another module's table (a foreign key, better-auth's schema map).",
      severity: "error",
      from: { path: "^server/src/modules/([^/]+)/", pathNot: "\\.tables\\.ts$" },
      to: { path: "^server/src/modules/[^/]+/[^/]+\\.tables\\.ts$", pathNot: "^server/src/modules/$1/" },
    },
    {
      name: "tables-only-from-modules",
      comment: "Outside the modules (app wiring, seeds, scripts) nothing reaches a table: use the services.",
      severity: "error",
      from: { path: "^server/src/(?!modules/)" },
      to: { path: "\\.tables\\.ts$" },
    },
    {
      name: "repositories-only-from-their-service",
      comment: "Outside its module nothing reaches a repository (routes go through the service).",
      severity: "error",
      from: { path: "^server/src/(?!modules/)" },
      to: { path: "\\.repository\\.ts$" },
    },
    {
      name: "routes-are-http-only",
      comment: "Routes validate and call one service: no SQL, no repositories, no database driver.",
      severity: "error",
      from: { path: "\\.routes\\.ts$" },
      to: { path: "(\\.repository\\.ts$|\\.tables\\.ts$|node_modules/(drizzle-orm|pg)/)" },
    },
    {
      name: "web-and-server-are-separate",
      comment: "The web app talks to the server only through the generated API client.",
      severity: "error",
      from: { path: "^web/src/" },
      to: { path: "^server/" },
    },
    {
      name: "server-does-not-import-web",
      severity: "error",
      from: { path: "^server/" },
      to: { path: "^web/" },
    },
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(\\.test\\.ts$|/test/)" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
    },
  },
};

// `write`: regenerates .env.example and the README configuration table from the config schema.
// `check`: fails when either is stale. The schema in server/src/config.ts is the one source.
import { readFileSync, writeFileSync } from "node:fs";
import { ConfigSchema } from "../server/src/config.js";

interface Property {
  description?: string;
  default?: unknown;
}

const properties = Object.entries(ConfigSchema.properties as Record<string, Property>);
const required = new Set<string>((ConfigSchema as { required?: string[] }).required ?? []);

function envExample(): string {
  const lines = [
    "# SoulSeer configuration. Every variable is optional: with none set, `npm start` runs on an",
    "# embedded PostgreSQL with built-in stand-ins for every third party. Generated from",
    "# server/src/config.ts by `npm run env:generate`.",
    "",
  ];
  for (const [name, property] of properties) {
    lines.push(`# ${property.description ?? ""}`);
    lines.push(property.default !== undefined ? `# ${name}=${String(property.default)}` : `# ${name}=`);
    lines.push("");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

function readmeTable(): string {
  const rows = properties.map(([name, property]) => {
    const fallback =
      property.default !== undefined
        ? `\`${String(property.default)}\``
        : required.has(name)
          ? "required"
          : "unset";
    return `| \`${name}\` | ${fallback} | ${(property.description ?? "").replaceAll("|", "\\|")} |`;
  });
  return ["| variable | default | what it does |", "| --- | --- | --- |", ...rows].join("\n");
}

const START = "<!-- config-table:start -->";
const END = "<!-- config-table:end -->";

function withTable(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < 0) throw new Error(`README.md needs ${START} and ${END} markers`);
  return `${readme.slice(0, start + START.length)}\n${readmeTable()}\n${readme.slice(end)}`;
}

const readme = readFileSync("README.md", "utf8");
const expected = { ".env.example": envExample(), "README.md": withTable(readme) };
if (process.argv[2] === "write") {
  for (const [file, content] of Object.entries(expected)) writeFileSync(file, content);
  console.log("wrote .env.example and the README configuration table");
} else {
  const stale = Object.entries(expected).filter(([file, content]) => readFileSync(file, "utf8") !== content);
  if (stale.length > 0) {
    console.error(`stale: ${stale.map(([file]) => file).join(", ")} — run \`npm run env:generate\``);
    process.exit(1);
  }
  console.log(".env.example and the README configuration table are up to date");
}

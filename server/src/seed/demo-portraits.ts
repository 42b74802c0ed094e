import sharp from "sharp";
import { randomFrom } from "./demo-random.js";

/**
 * Demo reader portraits, drawn at seed time: stylised SVG illustrations in the SoulSeer palette
 * (night, pink, gold, white), one per reader, the same on every run. People get a silhouette with
 * closed eyes and a celestial motif behind them; the automatic demo readers get an object (a
 * crystal ball, a tarot card) instead of a face, since they are not people.
 */

const SIZE = 512;
const PINK = "#ff69b4";
const GOLD = "#d4af37";
const GOLD_SOFT = "#f1d77a";
const NIGHT = "#0b0610";

export type Motif = "crescent" | "planet" | "full-moon" | "star-burst" | "clouds" | "sun" | "coin";
export type Hair = "long" | "short" | "veil" | "bun" | "curly" | "crown" | "swept";

export type PortraitSpec =
  | {
      kind: "person";
      /** Seeds the stars and small variations. */
      seed: string;
      motif: Motif;
      hair: Hair;
      skin: string;
      hairColor: string;
      accent: string;
      background: string;
      glasses?: boolean;
      beard?: boolean;
    }
  | { kind: "crystal-ball" | "star-card"; seed: string; accent: string; background: string };

const round = (value: number) => Math.round(value * 10) / 10;

function starfield(seed: string, count: number) {
  const random = randomFrom(`${seed}:stars`);
  const stars: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const x = round(random() * SIZE);
    const y = round(random() * SIZE * 0.75);
    const radius = round(0.6 + random() * 1.8);
    const color = random() < 0.25 ? GOLD_SOFT : "#ffffff";
    stars.push(
      `<circle cx="${x}" cy="${y}" r="${radius}" fill="${color}" opacity="${round(0.35 + random() * 0.6)}"/>`,
    );
  }
  return stars.join("");
}

/** A four-pointed sparkle centred on (x, y). */
function sparkle(x: number, y: number, size: number, color: string, opacity = 1) {
  const s = size;
  const w = size * 0.22;
  return `<path d="M${x} ${y - s} Q${x + w} ${y - w} ${x + s} ${y} Q${x + w} ${y + w} ${x} ${y + s} Q${x - w} ${y + w} ${x - s} ${y} Q${x - w} ${y - w} ${x} ${y - s}Z" fill="${color}" opacity="${opacity}"/>`;
}

function background(spec: { seed: string; background: string; accent: string }) {
  return `<defs>
    <radialGradient id="sky" cx="50%" cy="38%" r="75%">
      <stop offset="0%" stop-color="${spec.background}"/>
      <stop offset="100%" stop-color="${NIGHT}"/>
    </radialGradient>
    <linearGradient id="gold" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0%" stop-color="${GOLD_SOFT}"/>
      <stop offset="100%" stop-color="${GOLD}"/>
    </linearGradient>
    <filter id="glow" x="-30%" y="-30%" width="160%" height="160%"><feGaussianBlur stdDeviation="9"/></filter>
    <filter id="soft" x="-10%" y="-10%" width="120%" height="120%"><feGaussianBlur stdDeviation="2.5"/></filter>
  </defs>
  <rect width="${SIZE}" height="${SIZE}" fill="url(#sky)"/>
  ${starfield(spec.seed, 70)}`;
}

/** The celestial motif behind the head, centred near (256, 190). */
function motif(kind: Motif, accent: string) {
  const cx = 256;
  const cy = 188;
  switch (kind) {
    case "crescent":
      return `<circle cx="${cx + 20}" cy="${cy - 10}" r="150" fill="${accent}" opacity="0.22" filter="url(#glow)"/>
        <path d="M${cx - 40} ${cy - 160} A160 160 0 1 0 ${cx + 150} ${cy + 70} A130 130 0 1 1 ${cx - 40} ${cy - 160}Z" fill="url(#gold)" opacity="0.9"/>`;
    case "planet":
      return `<circle cx="${cx}" cy="${cy}" r="130" fill="${accent}" opacity="0.18" filter="url(#glow)"/>
        <circle cx="${cx}" cy="${cy}" r="118" fill="none" stroke="url(#gold)" stroke-width="5"/>
        <ellipse cx="${cx}" cy="${cy}" rx="210" ry="46" fill="none" stroke="${accent}" stroke-width="6" opacity="0.8" transform="rotate(-18 ${cx} ${cy})"/>
        <g stroke="${GOLD_SOFT}" stroke-width="2" opacity="0.8"><path d="M70 92 L112 120 L150 108"/><path d="M362 70 L400 96 L440 88"/></g>
        ${sparkle(70, 92, 9, "#fff")}${sparkle(112, 120, 7, "#fff")}${sparkle(150, 108, 9, "#fff")}
        ${sparkle(362, 70, 7, GOLD_SOFT)}${sparkle(400, 96, 9, "#fff")}${sparkle(440, 88, 7, GOLD_SOFT)}`;
    case "full-moon":
      return `<circle cx="${cx}" cy="${cy - 6}" r="170" fill="#ffffff" opacity="0.12" filter="url(#glow)"/>
        <circle cx="${cx}" cy="${cy - 6}" r="142" fill="#f4eefc" opacity="0.9"/>
        <circle cx="${cx - 52}" cy="${cy - 58}" r="22" fill="#d9d0e8" opacity="0.8"/>
        <circle cx="${cx + 62}" cy="${cy - 18}" r="14" fill="#d9d0e8" opacity="0.8"/>
        <circle cx="${cx + 28}" cy="${cy - 92}" r="10" fill="#d9d0e8" opacity="0.8"/>
        <circle cx="${cx}" cy="${cy - 6}" r="156" fill="none" stroke="${accent}" stroke-width="3" opacity="0.7"/>`;
    case "star-burst": {
      const rays: string[] = [];
      for (let index = 0; index < 16; index += 1) {
        const angle = (index / 16) * Math.PI * 2;
        const long = index % 2 === 0 ? 190 : 150;
        const x = round(cx + Math.cos(angle) * long);
        const y = round(cy + Math.sin(angle) * long);
        const a1 = angle + 0.06;
        const a2 = angle - 0.06;
        rays.push(
          `<path d="M${round(cx + Math.cos(a1) * 60)} ${round(cy + Math.sin(a1) * 60)} L${x} ${y} L${round(cx + Math.cos(a2) * 60)} ${round(cy + Math.sin(a2) * 60)}Z"/>`,
        );
      }
      return `<circle cx="${cx}" cy="${cy}" r="150" fill="${accent}" opacity="0.22" filter="url(#glow)"/>
        <g fill="url(#gold)" opacity="0.85">${rays.join("")}</g>
        <circle cx="${cx}" cy="${cy}" r="112" fill="${NIGHT}" opacity="0.55"/>`;
    }
    case "clouds":
      return `<path d="M${cx - 30} ${cy - 150} A150 150 0 1 0 ${cx + 140} ${cy + 40} A118 118 0 1 1 ${cx - 30} ${cy - 150}Z" fill="#e9e3ff" opacity="0.85"/>
        <g fill="${accent}" opacity="0.35" filter="url(#soft)">
          <ellipse cx="90" cy="300" rx="90" ry="26"/><ellipse cx="150" cy="280" rx="60" ry="30"/>
          <ellipse cx="420" cy="250" rx="95" ry="24"/><ellipse cx="380" cy="232" rx="55" ry="26"/>
        </g>
        ${sparkle(118, 110, 14, GOLD_SOFT)}${sparkle(412, 130, 10, "#fff")}${sparkle(380, 60, 7, "#fff")}`;
    case "sun": {
      const rays: string[] = [];
      for (let index = 0; index < 24; index += 1) {
        const angle = (index / 24) * Math.PI * 2;
        const inner = 128;
        const outer = index % 2 === 0 ? 205 : 172;
        rays.push(
          `<line x1="${round(cx + Math.cos(angle) * inner)}" y1="${round(cy + Math.sin(angle) * inner)}" x2="${round(cx + Math.cos(angle) * outer)}" y2="${round(cy + Math.sin(angle) * outer)}"/>`,
        );
      }
      return `<circle cx="${cx}" cy="${cy}" r="160" fill="${accent}" opacity="0.28" filter="url(#glow)"/>
        <g stroke="url(#gold)" stroke-width="7" stroke-linecap="round">${rays.join("")}</g>
        <circle cx="${cx}" cy="${cy}" r="118" fill="none" stroke="url(#gold)" stroke-width="6"/>`;
    }
    case "coin":
      return `<circle cx="${cx}" cy="${cy}" r="150" fill="${accent}" opacity="0.18" filter="url(#glow)"/>
        <circle cx="${cx}" cy="${cy}" r="138" fill="url(#gold)" opacity="0.9"/>
        <circle cx="${cx}" cy="${cy}" r="120" fill="none" stroke="${NIGHT}" stroke-width="3" opacity="0.5"/>
        <path d="M${cx} ${cy - 112} L${cx + 106} ${cy + 34} L${cx - 106} ${cy + 34}Z M${cx} ${cy + 82} L${cx - 106} ${cy - 34} L${cx + 106} ${cy - 34}Z" fill="none" stroke="${NIGHT}" stroke-width="3" opacity="0.45"/>`;
  }
}

/** Hair drawn behind the head (long shapes) or over it (caps), as [behind, front]. */
function hair(style: Hair, color: string, accent: string): [string, string] {
  switch (style) {
    case "long":
      return [
        `<path d="M170 190 C160 110 205 78 256 78 C314 78 356 112 344 196 C340 260 366 320 380 372 L132 372 C150 318 176 262 170 190Z" fill="${color}"/>`,
        `<path d="M188 176 C196 120 236 104 262 104 C300 104 324 130 326 170 C300 138 262 128 226 148 C210 158 198 168 188 176Z" fill="${color}"/>`,
      ];
    case "short":
      return [
        "",
        `<path d="M190 182 C186 122 222 96 258 96 C298 96 330 122 324 184 C316 150 296 134 258 132 C224 132 200 146 190 182Z" fill="${color}"/>`,
      ];
    case "swept":
      return [
        "",
        `<path d="M188 186 C180 118 226 90 266 94 C312 98 336 132 326 190 C318 150 290 126 246 134 C282 120 222 118 206 150 C198 162 192 172 188 186Z" fill="${color}"/>`,
      ];
    case "veil":
      return [
        `<path d="M256 64 C318 64 356 112 360 180 C366 268 392 330 412 380 L100 380 C120 330 146 268 152 180 C156 112 194 64 256 64Z" fill="${color}"/>`,
        `<path d="M178 172 C186 110 222 90 256 90 C290 90 326 110 334 172 C314 132 290 118 256 118 C222 118 198 132 178 172Z" fill="${color}"/>
         <path d="M160 118 C200 80 312 80 352 118" fill="none" stroke="${accent}" stroke-width="3" opacity="0.8"/>`,
      ];
    case "bun":
      return [
        `<circle cx="256" cy="78" r="38" fill="${color}"/>`,
        `<path d="M186 180 C184 120 222 100 256 100 C292 100 328 120 326 180 C312 140 290 128 256 128 C222 128 200 140 186 180Z" fill="${color}"/>
         <path d="M226 70 C240 52 272 52 286 70" fill="none" stroke="${accent}" stroke-width="4"/>`,
      ];
    case "curly": {
      const curls: string[] = [];
      for (let index = 0; index < 13; index += 1) {
        const angle = Math.PI * (1.05 + (index / 12) * 0.9);
        const x = round(256 + Math.cos(angle) * 78);
        const y = round(176 + Math.sin(angle) * 92);
        curls.push(`<circle cx="${x}" cy="${y}" r="${index % 2 === 0 ? 28 : 24}"/>`);
      }
      return [`<g fill="${color}">${curls.join("")}</g>`, ""];
    }
    case "crown":
      return [
        `<ellipse cx="256" cy="134" rx="112" ry="96" fill="${color}"/>`,
        `<path d="M196 150 C206 124 232 114 256 114 C280 114 306 124 316 150" fill="none" stroke="${accent}" stroke-width="5" stroke-linecap="round"/>`,
      ];
  }
}

/** A bust: shoulders, neck, head, closed eyes, lips, a third-eye sparkle and gold jewellery. */
function person(spec: Extract<PortraitSpec, { kind: "person" }>) {
  const [hairBehind, hairFront] = hair(spec.hair, spec.hairColor, spec.accent);
  const eyes = `<g fill="none" stroke="${GOLD_SOFT}" stroke-width="4" stroke-linecap="round">
      <path d="M218 196 Q230 206 242 196"/><path d="M270 196 Q282 206 294 196"/>
    </g>`;
  const glasses = spec.glasses
    ? `<g fill="none" stroke="${GOLD}" stroke-width="4"><circle cx="230" cy="198" r="19"/><circle cx="282" cy="198" r="19"/><path d="M249 198 L263 198"/></g>`
    : "";
  const beard = spec.beard
    ? `<path d="M188 222 C190 276 222 304 256 304 C290 304 322 276 324 222 C316 250 300 262 286 264 Q256 252 226 264 C212 262 196 250 188 222Z" fill="${spec.hairColor}"/>
       <path d="M232 256 Q256 244 280 256 Q256 252 232 256Z" fill="${spec.hairColor}" stroke="${spec.hairColor}" stroke-width="6" stroke-linejoin="round"/>
       <path d="M244 272 Q256 278 268 272" fill="none" stroke="${PINK}" stroke-width="4" stroke-linecap="round"/>`
    : "";
  return `${motif(spec.motif, spec.accent)}
    ${hairBehind}
    <path d="M96 512 C100 420 150 372 214 356 L298 356 C362 372 412 420 416 512Z" fill="#140c1c"/>
    <path d="M96 512 C100 420 150 372 214 356 L298 356 C362 372 412 420 416 512" fill="none" stroke="${spec.accent}" stroke-width="5" opacity="0.85"/>
    <path d="M222 300 L222 362 C236 376 276 376 290 362 L290 300Z" fill="${spec.skin}"/>
    <path d="M222 300 L222 362 C236 376 276 376 290 362 L290 300Z" fill="#000" opacity="0.25"/>
    <ellipse cx="256" cy="206" rx="70" ry="92" fill="${spec.skin}"/>
    <ellipse cx="256" cy="206" rx="70" ry="92" fill="none" stroke="${spec.accent}" stroke-width="3" opacity="0.55"/>
    ${beard}
    ${hairFront}
    ${eyes}${glasses}
    <path d="M256 212 Q250 236 258 242" fill="none" stroke="#000" stroke-width="3" opacity="0.3" stroke-linecap="round"/>
    ${spec.beard ? "" : `<path d="M240 262 Q256 254 272 262 Q256 276 240 262Z" fill="${PINK}" opacity="0.9"/>`}
    ${sparkle(256, 152, 10, spec.accent)}
    <circle cx="186" cy="238" r="6" fill="url(#gold)"/><circle cx="326" cy="238" r="6" fill="url(#gold)"/>
    <path d="M206 392 Q256 440 306 392" fill="none" stroke="url(#gold)" stroke-width="3"/>
    <path d="M256 424 m-14 0 a14 14 0 1 0 28 0 a10 10 0 1 1 -28 0Z" fill="url(#gold)"/>`;
}

function crystalBall(spec: { accent: string }) {
  return `<defs>
      <radialGradient id="orb" cx="42%" cy="36%" r="70%">
        <stop offset="0%" stop-color="#ffffff" stop-opacity="0.95"/>
        <stop offset="30%" stop-color="${spec.accent}" stop-opacity="0.75"/>
        <stop offset="100%" stop-color="#2a0f3a" stop-opacity="0.95"/>
      </radialGradient>
    </defs>
    <circle cx="256" cy="226" r="190" fill="${spec.accent}" opacity="0.25" filter="url(#glow)"/>
    <circle cx="256" cy="226" r="150" fill="url(#orb)"/>
    <circle cx="256" cy="226" r="150" fill="none" stroke="url(#gold)" stroke-width="4"/>
    <path d="M170 196 C200 150 250 150 276 190 C300 226 348 224 356 200" fill="none" stroke="#fff" stroke-width="5" opacity="0.55"/>
    ${sparkle(212, 168, 20, "#fff")}${sparkle(300, 262, 13, GOLD_SOFT)}${sparkle(236, 290, 8, "#fff", 0.8)}
    <path d="M150 420 C170 370 200 362 256 362 C312 362 342 370 362 420Z" fill="url(#gold)"/>
    <rect x="126" y="418" width="260" height="30" rx="12" fill="url(#gold)"/>
    <rect x="126" y="418" width="260" height="30" rx="12" fill="none" stroke="${NIGHT}" stroke-width="2" opacity="0.4"/>`;
}

function starCard(spec: { accent: string }) {
  return `<g transform="rotate(-6 256 256)">
      <rect x="146" y="64" width="220" height="372" rx="18" fill="${spec.accent}" opacity="0.3" filter="url(#glow)"/>
      <rect x="146" y="64" width="220" height="372" rx="18" fill="#1a0f24"/>
      <rect x="146" y="64" width="220" height="372" rx="18" fill="none" stroke="url(#gold)" stroke-width="6"/>
      <rect x="162" y="80" width="188" height="340" rx="10" fill="none" stroke="${spec.accent}" stroke-width="2" opacity="0.8"/>
      ${sparkle(256, 210, 64, "url(#gold)")}
      ${sparkle(196, 132, 14, "#fff")}${sparkle(318, 128, 11, "#fff")}${sparkle(200, 300, 10, GOLD_SOFT)}
      ${sparkle(316, 296, 13, "#fff")}${sparkle(256, 112, 8, GOLD_SOFT)}
      <path d="M186 372 Q221 352 256 372 T326 372" fill="none" stroke="${spec.accent}" stroke-width="4"/>
      <path d="M186 392 Q221 372 256 392 T326 392" fill="none" stroke="${spec.accent}" stroke-width="4" opacity="0.6"/>
    </g>`;
}

/** The portrait as SVG text (512×512). */
export function portraitSvg(spec: PortraitSpec): string {
  const body =
    spec.kind === "person" ? person(spec) : spec.kind === "crystal-ball" ? crystalBall(spec) : starCard(spec);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">${background(spec)}${body}</svg>`;
}

/** The portrait rasterised to PNG bytes (what a reader would upload). */
export async function renderPortrait(spec: PortraitSpec): Promise<Buffer> {
  return sharp(Buffer.from(portraitSvg(spec)))
    .png()
    .toBuffer();
}

/** One portrait per demo reader, by email. */
export const DEMO_PORTRAITS: Readonly<Record<string, PortraitSpec>> = {
  "luna@soulseer.test": {
    kind: "person",
    seed: "luna",
    motif: "crescent",
    hair: "long",
    skin: "#c68863",
    hairColor: "#2b1022",
    accent: PINK,
    background: "#3a1236",
  },
  "orion@soulseer.test": {
    kind: "person",
    seed: "orion",
    motif: "planet",
    hair: "short",
    skin: "#e0b08f",
    hairColor: "#1c1420",
    accent: GOLD_SOFT,
    background: "#151d3f",
    beard: true,
  },
  "sage@soulseer.test": {
    kind: "person",
    seed: "sage",
    motif: "full-moon",
    hair: "veil",
    skin: "#efc7ae",
    hairColor: "#2d1f4a",
    accent: "#c9b6ff",
    background: "#241537",
  },
  "celeste@soulseer.test": {
    kind: "person",
    seed: "celeste",
    motif: "star-burst",
    hair: "bun",
    skin: "#a86b4c",
    hairColor: "#24100c",
    accent: PINK,
    background: "#2e0f2b",
  },
  "rowan@soulseer.test": {
    kind: "person",
    seed: "rowan",
    motif: "clouds",
    hair: "curly",
    skin: "#d89a78",
    hairColor: "#4a1f17",
    accent: "#9fb4ff",
    background: "#171a3a",
  },
  "amara@soulseer.test": {
    kind: "person",
    seed: "amara",
    motif: "sun",
    hair: "crown",
    skin: "#6e4330",
    hairColor: "#120a0e",
    accent: PINK,
    background: "#3a1024",
  },
  "theo@soulseer.test": {
    kind: "person",
    seed: "theo",
    motif: "coin",
    hair: "swept",
    skin: "#f0c9ac",
    hairColor: "#8a6a3c",
    accent: GOLD_SOFT,
    background: "#1f1a12",
    glasses: true,
  },
  "nova@soulseer.test": { kind: "crystal-ball", seed: "nova", accent: PINK, background: "#2a1038" },
  "ember@soulseer.test": { kind: "star-card", seed: "ember", accent: PINK, background: "#301022" },
};

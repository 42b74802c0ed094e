// `npm run bench -- <name>`: runs one benchmark; each prints figures and ends with one JSON line.
const benches: Record<string, () => Promise<unknown>> = {
  ledger: async () => (await import("./ledger.bench.js")).runLedgerBench(),
  browse: async () => (await import("./browse.bench.js")).runBrowseBench(),
  billing: async () => (await import("./billing.bench.js")).runBillingBench(),
  chat: async () => (await import("./chat.bench.js")).runChatBench(),
  slots: async () => (await import("./slots.bench.js")).runSlotsBench(),
  messages: async () => (await import("./messages.bench.js")).runMessagesBench(),
  "live-media": async () => (await import("./live-media.bench.js")).runLiveMediaBench(),
  gifts: async () => (await import("./stream-gifts.bench.js")).runStreamGiftsBench(),
  payouts: async () => (await import("./payouts.bench.js")).runPayoutsBench(),
};

const name = process.argv[2];
const bench = name ? benches[name] : undefined;
if (!bench) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join("|")}>`);
  process.exit(2);
}
await bench();

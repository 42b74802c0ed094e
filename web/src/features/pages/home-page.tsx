import { Link } from "react-router";
import { useMe } from "../../lib/session";
import { LiveNowStrip } from "../live/live-list-page";

const PROMISES = [
  {
    title: "A fair meter",
    text: "You pay only while both of you are connected and the reading is running — never for ringing, a dropped line, or a pause to add funds.",
  },
  {
    title: "Chat, voice or video",
    text: "Meet tarot readers, astrologers, mediums and intuitive guides the way you are most comfortable, billed by the minute, only while you are connected.",
  },
  {
    title: "70% to your reader",
    text: "Readers keep 70 cents of every dollar you spend with them, tips included. A fair deal for the people who guide you.",
  },
  {
    title: "You stay in control",
    text: "See the price before you start and while you talk, set your own daily, weekly and monthly limits, and top up without hanging up.",
  },
];

export function HomePage() {
  const { data: me } = useMe();
  return (
    <div className="flex flex-col gap-14">
      <section className="grid items-center gap-10 pt-4 md:grid-cols-[1.2fr_1fr]">
        <div>
          <p className="mb-3 text-sm uppercase tracking-[0.3em] text-gold">
            Psychic · Tarot · Astrology · Mediumship
          </p>
          <h1 className="text-6xl leading-tight text-pink sm:text-7xl">
            Find your reader. Pay only for the time you're connected.
          </h1>
          <p className="mt-5 max-w-xl text-lg text-white/80">
            SoulSeer brings you gifted, vetted readers for live readings by chat, voice and video — with
            honest, per-second-fair billing and limits you set yourself.
          </p>
          <div className="mt-8 flex flex-wrap gap-3">
            {me ? (
              <Link
                to="/wallet"
                className="rounded-full bg-pink px-6 py-3 font-semibold text-night hover:bg-pink-soft"
              >
                Go to your wallet
              </Link>
            ) : (
              <Link
                to="/sign-up"
                className="rounded-full bg-pink px-6 py-3 font-semibold text-night hover:bg-pink-soft"
              >
                Create your free account
              </Link>
            )}
            <Link
              to="/help"
              className="rounded-full border border-gold/60 px-6 py-3 font-semibold text-gold hover:bg-gold/10"
            >
              How it works
            </Link>
          </div>
        </div>
        <div
          className="card relative mx-auto aspect-square w-full max-w-sm overflow-hidden p-0"
          aria-hidden="true"
        >
          <svg viewBox="0 0 200 200" className="size-full" aria-hidden="true">
            <defs>
              <radialGradient id="glow" cx="50%" cy="45%" r="50%">
                <stop offset="0%" stopColor="#ff69b4" stopOpacity="0.55" />
                <stop offset="100%" stopColor="#0b0610" stopOpacity="0" />
              </radialGradient>
            </defs>
            <rect width="200" height="200" fill="url(#glow)" />
            <circle cx="100" cy="92" r="46" fill="none" stroke="#d4af37" strokeWidth="1.2" />
            <circle
              cx="100"
              cy="92"
              r="60"
              fill="none"
              stroke="#d4af37"
              strokeOpacity="0.4"
              strokeDasharray="2 5"
            />
            <path d="M112 58a36 36 0 1 0 20 62a30 30 0 1 1-20-62z" fill="#d4af37" />
            <g fill="#ff69b4">
              <circle cx="52" cy="40" r="2" />
              <circle cx="160" cy="54" r="1.6" />
              <circle cx="150" cy="150" r="2.2" />
              <circle cx="40" cy="142" r="1.4" />
            </g>
            <text
              x="100"
              y="182"
              textAnchor="middle"
              fill="#f1d77a"
              fontFamily="Alex Brush, cursive"
              fontSize="22"
            >
              trust your intuition
            </text>
          </svg>
        </div>
      </section>
      <LiveNowStrip />
      <section aria-labelledby="promises">
        <h2 id="promises" className="mb-6 text-5xl text-gold">
          Why SoulSeer
        </h2>
        <ul className="grid gap-5 sm:grid-cols-2 lg:grid-cols-4">
          {PROMISES.map((promise) => (
            <li key={promise.title} className="card p-6">
              <h3 className="mb-2 text-xl font-semibold text-pink">{promise.title}</h3>
              <p className="text-white/75">{promise.text}</p>
            </li>
          ))}
        </ul>
      </section>
      <section className="card flex flex-col items-start gap-4 p-8 sm:flex-row sm:items-center sm:justify-between">
        <div>
          <h2 className="text-4xl text-gold">Safe, private, 18+</h2>
          <p className="mt-1 max-w-2xl text-white/75">
            Readings are for entertainment and reflection, not a substitute for professional advice. If you
            are in crisis, contact your local emergency number or a crisis line such as 988 in the US.
          </p>
        </div>
        <Link
          to="/disclaimer"
          className="shrink-0 rounded-full border border-pink/60 px-5 py-2 text-pink hover:bg-pink/10"
        >
          Read the disclaimer
        </Link>
      </section>
    </div>
  );
}

import { useEffect, useRef, useState } from "react";
import { useNavigate } from "react-router";
import { Button } from "../../components/ui";
import { formatCents, friendlyMessage } from "../../lib/api/client";
import { useLiveTopic } from "../../lib/live";
import { useMe } from "../../lib/session";
import { useAnswerReading, useMyLatestReadings } from "./queries";
import { MODALITY_LABEL, type ReadingView } from "./reading-format";

const RING_MS = 60_000;

/** A soft two-tone ring through Web Audio while `on` (browsers may keep it silent until a click). */
function useRingTone(on: boolean) {
  useEffect(() => {
    if (!on || typeof AudioContext === "undefined") return;
    const audio = new AudioContext();
    const ring = () => {
      for (const [offset, frequency] of [
        [0, 880],
        [0.25, 660],
      ] as const) {
        const oscillator = audio.createOscillator();
        const gain = audio.createGain();
        oscillator.frequency.value = frequency;
        gain.gain.setValueAtTime(0.08, audio.currentTime + offset);
        gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + offset + 0.22);
        oscillator.connect(gain).connect(audio.destination);
        oscillator.start(audio.currentTime + offset);
        oscillator.stop(audio.currentTime + offset + 0.24);
      }
    };
    ring();
    const timer = setInterval(ring, 2_000);
    return () => {
      clearInterval(timer);
      void audio.close();
    };
  }, [on]);
}

/** For readers, anywhere in the app: a ringing request to accept or decline within 60 s. */
export function IncomingRequests() {
  const { data: me } = useMe();
  const isReader = me?.role === "reader";
  const navigate = useNavigate();
  const [ringing, setRinging] = useState<ReadingView | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const acceptRef = useRef<HTMLButtonElement>(null);
  // A request that rang before this page loaded still shows.
  const open = useMyLatestReadings(isReader);
  useEffect(() => {
    const pending = open.data?.items.find((item) => item.state === "created" && item.readerUserId === me?.id);
    if (pending) setRinging((current) => current ?? pending);
  }, [open.data, me?.id]);
  useLiveTopic(isReader ? "user:me" : null, (event) => {
    if (event.event === "reading.requested") setRinging(event.data.reading);
    else if (event.event === "reading.state") {
      const { reading } = event.data;
      setRinging((current) => (current?.id === reading.id && reading.state !== "created" ? null : current));
    }
  });
  useEffect(() => {
    if (!ringing) return;
    acceptRef.current?.focus();
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [ringing]);
  useRingTone(Boolean(ringing));
  const answer = useAnswerReading();
  const respond = (id: string, accept: boolean) =>
    answer.mutate(
      { id, accept },
      {
        onSuccess: (data) => {
          setRinging(null);
          if (accept) navigate(`/readings/${data.reading.id}`);
        },
      },
    );
  if (!ringing) return null;
  const answerBy = ringing.answerBy
    ? new Date(ringing.answerBy).getTime()
    : new Date(ringing.createdAt).getTime() + RING_MS;
  const secondsLeft = Math.max(0, Math.ceil((answerBy - now) / 1000));
  return (
    <div className="fixed inset-0 z-50 flex items-end justify-center bg-black/70 p-4 sm:items-center">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="incoming-title"
        aria-describedby="incoming-details"
        className="w-full max-w-md rounded-2xl border border-pink/50 bg-[#140c1c] p-6 shadow-2xl shadow-pink/20"
      >
        <p className="text-sm uppercase tracking-widest text-pink motion-safe:animate-pulse">
          Incoming reading
        </p>
        <h2 id="incoming-title" className="mt-1 font-heading text-5xl text-gold">
          {MODALITY_LABEL[ringing.modality]} request
        </h2>
        <p id="incoming-details" className="mt-2 text-white/85">
          {ringing.clientName} wants a {ringing.modality} reading at {formatCents(ringing.ratePerUnitCents)}
          /min. <span aria-live="polite">{secondsLeft} s left to answer.</span>
        </p>
        <div className="mt-5 flex gap-3">
          <Button
            ref={acceptRef}
            className="flex-1"
            disabled={answer.isPending}
            onClick={() => respond(ringing.id, true)}
          >
            Accept
          </Button>
          <Button
            variant="ghost"
            className="flex-1"
            disabled={answer.isPending}
            onClick={() => respond(ringing.id, false)}
          >
            Decline
          </Button>
        </div>
        {answer.error && (
          <p className="mt-3 text-sm text-pink" role="alert">
            {friendlyMessage(answer.error)}
          </p>
        )}
      </div>
    </div>
  );
}

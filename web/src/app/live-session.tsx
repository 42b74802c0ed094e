import { useEffect, useRef } from "react";
import { live } from "../lib/live";
import { useMe } from "../lib/session";

/** Keeps the live socket on the signed-in user's session: reopened when the user changes. */
export function LiveSession() {
  const { data: me, isSuccess } = useMe();
  const userId = me?.id ?? null;
  const previous = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (!isSuccess) return;
    if (previous.current === undefined) {
      previous.current = userId;
      if (userId) live.connect();
      return;
    }
    if (previous.current !== userId) {
      previous.current = userId;
      live.restart();
    }
  }, [isSuccess, userId]);
  return null;
}

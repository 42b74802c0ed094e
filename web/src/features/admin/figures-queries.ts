import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../lib/api/client";
import type { ResponseOf } from "../../lib/api/types";

export type KeyFigures = ResponseOf<"/api/v1/admin/figures">;
export type FiguresBucket = KeyFigures["buckets"][number];
export type FiguresPeriod = KeyFigures["period"];

export const FIGURES_PERIODS: readonly FiguresPeriod[] = ["day", "week", "month"];

export const figuresKeys = {
  all: ["admin", "figures"] as const,
  period: (period: FiguresPeriod) => [...figuresKeys.all, period] as const,
};

/** The admin key figures by UTC day, ISO week or month; the previous period stays shown while the next loads. */
export function useKeyFigures(period: FiguresPeriod) {
  return useQuery({
    queryKey: figuresKeys.period(period),
    queryFn: () => unwrap(api.GET("/api/v1/admin/figures", { params: { query: { period } } })),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

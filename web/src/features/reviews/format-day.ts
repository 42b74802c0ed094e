const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

/** A date as people read it, e.g. "Dec 4, 2026". */
export const formatDay = (iso: string) => dateFormat.format(new Date(iso));

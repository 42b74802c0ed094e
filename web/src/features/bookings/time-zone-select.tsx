import { useMemo } from "react";
import { Select } from "../../components/ui";
import { allTimeZones } from "./time";

/**
 * A labelled select over every IANA zone the browser knows; `pinned` zones (the viewer's own, the
 * reader's) come first with words of their own.
 */
export function TimeZoneSelect({
  label,
  value,
  onChange,
  pinned = [],
  hint,
  error,
  className,
  name,
}: {
  label: string;
  value: string;
  onChange: (zone: string) => void;
  pinned?: { zone: string; label: string }[];
  hint?: string;
  error?: string;
  className?: string;
  name?: string;
}) {
  const zones = useMemo(() => allTimeZones([value, ...pinned.map((entry) => entry.zone)]), [value, pinned]);
  const pinnedZones = new Set(pinned.map((entry) => entry.zone));
  return (
    <Select
      label={label}
      value={value}
      name={name}
      hint={hint}
      error={error}
      className={className}
      onChange={(event) => onChange(event.target.value)}
    >
      {pinned.length > 0 && (
        <optgroup label="Suggested">
          {pinned.map((entry) => (
            <option key={entry.zone} value={entry.zone}>
              {entry.label}
            </option>
          ))}
        </optgroup>
      )}
      <optgroup label="All time zones">
        {zones
          .filter((zone) => !pinnedZones.has(zone))
          .map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll("_", " ")}
            </option>
          ))}
      </optgroup>
    </Select>
  );
}

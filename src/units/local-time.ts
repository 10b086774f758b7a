// Local calendar dates and wall-clock times in a contract's zone. Dates are
// handled as "epoch days" (days since 1970-01-01 of the local calendar), which
// makes a day's neighbours and weekday plain integer arithmetic; luxon turns
// local wall-clock times into UTC instants, so the host's TZ never matters.
import { DateTime } from "luxon";

const DAY_MS = 86_400_000;

export interface HoursRange {
  /** Minutes after local midnight. */
  open: number;
  /** Minutes after local midnight; 1440 means the next midnight. */
  close: number;
}

const HOURS = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/;

export function parseHoursRange(text: string): HoursRange & { error?: undefined } | { error: string } {
  const m = HOURS.exec(text);
  if (!m) return { error: `expected working hours written "HH:MM-HH:MM", e.g. "09:00-18:00", got ${JSON.stringify(text)}` };
  const [oh, om, ch, cm] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  if (oh > 23 || om > 59 || ch > 24 || cm > 59 || (ch === 24 && cm !== 0)) {
    return { error: `expected times between 00:00 and 24:00, got ${JSON.stringify(text)}` };
  }
  const open = oh * 60 + om;
  const close = ch * 60 + cm;
  if (open >= close) return { error: `the opening time must be before the closing time, got ${JSON.stringify(text)}` };
  return { open, close };
}

export function epochDayOf(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

export function epochDayFromIso(date: string): number {
  return epochDayOf(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

export function isoFromEpochDay(epochDay: number): string {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}

export function yearOfEpochDay(epochDay: number): number {
  return new Date(epochDay * DAY_MS).getUTCFullYear();
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekdayOfEpochDay(epochDay: number): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

const HOUR_MS = 3_600_000;
const offsets = new Map<string, Map<number, number>>();

/**
 * A zone's UTC offset (minutes) at an instant. Offsets are remembered per
 * UTC hour when they are the same at both ends of it (zones change offset on
 * whole or half hours, at most once in an hour); asking Intl through luxon
 * every time is what made evaluation slow.
 */
function offsetAt(instantMs: number, zone: string): number {
  let byHour = offsets.get(zone);
  if (!byHour) {
    byHour = new Map();
    offsets.set(zone, byHour);
  }
  const hour = Math.floor(instantMs / HOUR_MS);
  const known = byHour.get(hour);
  if (known !== undefined) return known;
  const start = DateTime.fromMillis(hour * HOUR_MS, { zone }).offset;
  const end = DateTime.fromMillis((hour + 1) * HOUR_MS - 1, { zone }).offset;
  if (start !== end) return DateTime.fromMillis(instantMs, { zone }).offset;
  if (byHour.size > 200_000) byHour.clear();
  byHour.set(hour, start);
  return start;
}

/** The local calendar date (as an epoch day) of an instant in a zone. */
export function localEpochDay(instantMs: number, zone: string): number {
  return Math.floor((instantMs + offsetAt(instantMs, zone) * 60_000) / DAY_MS);
}

/**
 * The UTC instant of a local wall-clock time. A time that does not exist
 * (skipped by a daylight-saving change) moves forward by the gap; a time that
 * exists twice is its first occurrence.
 */
export function instantAt(epochDay: number, minutes: number, zone: string): number {
  const date = new Date((epochDay + Math.floor(minutes / 1440)) * DAY_MS);
  const rest = minutes % 1440;
  const wall = {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: Math.floor(rest / 60),
    minute: rest % 60,
  };
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  // Far from any offset change (the usual case) the wall time has one instant: no luxon needed.
  const before = offsetAt(asUtc - DAY_MS, zone);
  if (before === offsetAt(asUtc + DAY_MS, zone)) return asUtc - before * 60_000;
  const resolved = DateTime.fromObject(wall, { zone }).toMillis();
  // luxon picks one of the two instants of a repeated wall time; the first one
  // is the instant under the offset in force a few hours earlier.
  const earlierOffset = DateTime.fromMillis(resolved - 6 * 3_600_000, { zone }).offset;
  const first = asUtc - earlierOffset * 60_000;
  if (first < resolved) {
    const back = DateTime.fromMillis(first, { zone });
    if (back.hour === wall.hour && back.minute === wall.minute && back.day === wall.day) return first;
  }
  return resolved;
}

/** Parse `YYYY-MM-DD HH:MM` (or ISO 8601 without an offset) as local time in a zone, or ISO 8601 with an offset. */
export function parseLocalOrIso(text: string, zone: string): number | null {
  const trimmed = text.trim();
  const local = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(trimmed);
  if (local) {
    const dt = DateTime.fromObject(
      {
        year: Number(local[1]),
        month: Number(local[2]),
        day: Number(local[3]),
        hour: Number(local[4]),
        minute: Number(local[5]),
        second: Number(local[6] ?? 0),
      },
      { zone },
    );
    return dt.isValid ? dt.toMillis() : null;
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed)) {
    const dt = DateTime.fromISO(trimmed, { setZone: true });
    return dt.isValid ? dt.toMillis() : null;
  }
  return null;
}

/** How a local time reads: the one local-time formatter's options. */
interface LocalTimeStyle {
  /** The date as the reader's language writes it, from "YYYY-MM-DD" (default: as it is). */
  date?: (iso: string) => string;
  /**
   * The UTC offset after the time: "short" " UTC+3" / " UTC+5:30" (the default),
   * "zone" " (UTC+03:00, Europe/Moscow)", "none" nothing.
   */
  offset?: "short" | "zone" | "none";
  /** Seconds after the minutes when the instant has any (":07"). */
  seconds?: boolean;
}

/**
 * Local wall-clock text of an instant in a zone, e.g. "2026-03-10 16:00 UTC+3"
 * (or, by `style`, "2026-03-10 17:00 (UTC+03:00, Europe/Moscow)", "10.03.2026 16:00").
 * The one local-time formatter of every text a person reads; no Intl, no host zone.
 */
export function formatLocal(instantMs: number, zone: string, style: LocalTimeStyle = {}): string {
  const offset = offsetAt(instantMs, zone);
  // The local wall time, read with UTC getters (no Intl, no host zone).
  const local = new Date(instantMs + offset * 60_000);
  const two = (n: number) => String(n).padStart(2, "0");
  const iso = `${local.getUTCFullYear()}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())}`;
  const date = style.date ? style.date(iso) : iso;
  const seconds = style.seconds && local.getUTCSeconds() !== 0 ? `:${two(local.getUTCSeconds())}` : "";
  const time = `${date} ${two(local.getUTCHours())}:${two(local.getUTCMinutes())}${seconds}`;
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  switch (style.offset ?? "short") {
    case "short":
      return `${time} UTC${sign}${abs % 60 ? `${Math.floor(abs / 60)}:${two(abs % 60)}` : `${abs / 60}`}`;
    case "zone":
      return `${time} (UTC${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}, ${zone})`;
    case "none":
      return time;
  }
}

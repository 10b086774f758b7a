// The peer: moment-business-time 2.0.0 on moment-timezone, configured with the
// same working week, hours and days off as our calendar. moment-business-time
// reads its configuration from the global moment locale, so it is set once
// here, the equivalent of building our calendar once; it keeps no per-day
// cache of its own, so there is no "warm" or "cold" to tell apart on its side.
import moment from "moment-timezone";
import "moment-business-time";

declare module "moment" {
  interface Moment {
    /** Adds business time, modifying this moment (moment-business-time). */
    addWorkingTime(amount: number, unit: "minutes"): Moment;
  }
}

export interface PeerCalendar {
  /** Local working hours "HH:MM-HH:MM", same for every working weekday. */
  hours: string;
  /** ISO weekdays 1 = Monday … 7 = Sunday. */
  workingWeekdays: readonly number[];
  holidays: readonly string[];
}

export function configurePeer(calendar: PeerCalendar): void {
  const [open, close] = calendar.hours.split("-").map((t) => `${t}:00`);
  const workinghours: Record<number, string[] | null> = {};
  // moment numbers weekdays 0 = Sunday … 6 = Saturday.
  for (let day = 0; day < 7; day++) workinghours[day] = calendar.workingWeekdays.includes(day === 0 ? 7 : day) ? [open!, close!] : null;
  moment.updateLocale(moment.locale(), { workinghours, holidays: [...calendar.holidays] });
}

/** Due time (UTC ms) of `minutes` business minutes from `startMs`, computed in `zone`. */
export function peerDueAt(startMs: number, minutes: number, zone: string): number {
  // Minutes, not moment-business-time's "days": its days step to the same
  // clock time on the next working day, whereas a contract's `d` is one
  // standard working day of business time (DESIGN §4).
  return moment.tz(startMs, zone).addWorkingTime(minutes, "minutes").valueOf();
}

export const PEER_VERSIONS = (): string => `moment ${moment.version}, moment-timezone ${moment.tz.version} (data ${moment.tz.dataVersion})`;

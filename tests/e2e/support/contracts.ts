// Contracts and people for the end-to-end worlds. The suite runs against the
// real clock (the app is a separate process; its time cannot be frozen), so
// what depends on the time of day is made certain by the contract itself: its
// zone is chosen so that the local time now is the hour a scenario needs, and
// today is listed as a working date, whatever day the suite runs on.
import { parse as parseYaml } from "yaml";
import { parseConfig, parseConfigText } from "../../../src/config/parse-config.js";
import { evaluate } from "../../../src/domain/clock/evaluate.js";
import type { Answers } from "../../fixtures/app/forms.js";

export const CUSTOMER = "cust-bob";
export const ENGINEER = "eng-anna";
export const MANAGER = "boss-mila";
export const COMPANY_PHONE = "+7 495 100-00-00";
export const ON_DUTY_PHONE = "+7 900 200-00-00";
export const RENEWAL = "sales@vendor.example";

/** A complete level-3 incident form (every diagnostic given): a status comment and its severity label, nothing else. */
export const COMPLETE_LEVEL3: Answers = {
  requestType: "incident",
  severity: "3",
  environment: "PROD",
  affectedShare: "upTo10",
  workaroundAvailable: "yes",
  productVersion: "5.2.1",
  description: "One department sees a slow login page.",
  reproduction: "1. Open the portal\n2. Sign in",
  logs: "```text\nWARN ldap pool exhausted\n```",
  infrastructureChecks: ["dbms", "directory"],
  incidentDbChecked: true,
  remoteAccess: "not-given",
  phoneCall: false,
};

/** An Etc/GMT zone whose local hour is `hour` at `now` (Etc/GMT-3 is UTC+3). */
export function zoneWithLocalHour(hour: number, now = Date.now()): string {
  let offset = hour - new Date(now).getUTCHours();
  if (offset > 14) offset -= 24;
  if (offset < -12) offset += 24;
  return offset === 0 ? "Etc/GMT" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`;
}

/** "YYYY-MM-DD HH:MM" at `at` in an Etc/GMT zone (what a person writes in the form's "Received at"). */
export function localStamp(zone: string, at = Date.now()): string {
  const m = /^Etc\/GMT(?:([+-])(\d+))?$/.exec(zone);
  const offsetHours = m?.[1] ? (m[1] === "-" ? 1 : -1) * Number(m[2]) : 0;
  return new Date(at + offsetHours * 3600_000).toISOString().slice(0, 16).replace("T", " ");
}

/** The local date (YYYY-MM-DD) at `now` in an Etc/GMT zone. */
export const localDate = (zone: string, now = Date.now()): string => localStamp(zone, now).slice(0, 10);

export interface ContractOptions {
  language?: "en" | "ru";
  /** Local hour now (default 12: the middle of a working day). */
  localHour?: number;
  /** More YAML lines at the top level. */
  extra?: string[];
  /** YAML lines inside `contract:`. */
  contract?: string[];
  /** YAML lines inside `severities:` (replaces the default table). */
  severities?: string[];
  /** YAML lines inside `diagnostics:`. */
  diagnostics?: string[];
}

/**
 * A contract whose zone puts `localHour` now, with 09:00–18:00 working hours on
 * weekdays and today listed as a working date (so a weekend run is a working day too).
 */
export function contract(o: ContractOptions = {}, now = Date.now()): { yaml: string; zone: string } {
  const zone = zoneWithLocalHour(o.localHour ?? 12, now);
  const lines = [
    `language: ${o.language ?? "en"}`,
    `timezone: ${zone}`,
    ...(o.contract ? ["contract:", ...o.contract.map((l) => `  ${l}`)] : []),
    "calendar:",
    "  preset: none",
    '  hours: "09:00-18:00"',
    `  workingDates: { "${localDate(zone, now)}": "09:00-18:00" }`,
    "team:",
    `  engineers: [${ENGINEER}]`,
    "contacts:",
    `  companyPhone: "${COMPANY_PHONE}"`,
    `  onDutyPhone: "${ON_DUTY_PHONE}"`,
    `  renewal: ${RENEWAL}`,
    "reminders:",
    `  escalate: [${MANAGER}]`,
    ...(o.severities ? ["severities:", ...o.severities.map((l) => `  ${l}`)] : []),
    ...(o.diagnostics ? ["diagnostics:", ...o.diagnostics.map((l) => `  ${l}`)] : []),
    ...(o.extra ?? []),
  ];
  const yaml = `${lines.join("\n")}\n`;
  parseConfigText(yaml); // a typo in a test contract fails here, not as an app error
  return { yaml, zone };
}

/**
 * When to backdate an incident so that, by the engine's own clock, `amount` of the
 * severity's time (e.g. "6h") is used up exactly at `at`: a search over creation
 * times, since counted time only grows as the creation moves earlier.
 */
export function createdAtFor(yaml: string, severity: number, amount: string, at: number): number {
  const raw = parseYaml(yaml) as Record<string, unknown>;
  const clock = parseConfigText(yaml).severities[severity]!.clock;
  // The same contract with a single target of `amount`: its due time is when `amount` is used.
  const config = parseConfig({ ...raw, defaultSeverity: severity, severities: { [severity]: { clock, accept: amount } } });
  const dueFor = (createdAt: number) => {
    const issue = { number: 1, state: "open", created_at: new Date(createdAt).toISOString(), user: { login: "x" }, body: "", labels: [] };
    return Date.parse(evaluate({ config, issue, timeline: [], now: createdAt }).targets.accept!.dueAt);
  };
  let lo = at - 14 * 86_400_000;
  let hi = at;
  // Seconds are GitHub's resolution.
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2000) * 1000;
    if (dueFor(mid) < at) lo = mid;
    else hi = mid;
  }
  return hi;
}

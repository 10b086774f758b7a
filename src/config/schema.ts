// The configuration of one customer's contract (`.github/incident-sla.yml`).
// This zod schema is the single source of the TypeScript types, the defaults,
// the committed JSON Schema (config.schema.json) and the README's reference
// table. Every object is strict: a misspelt key is an error, never a silent
// default. Each default is written once, on its field: an omitted section is
// read as an empty one (`prefault({})`).
import { IANAZone } from "luxon";
import { z } from "zod";
import { parseDuration } from "../units/durations.js";
import { parseHoursRange } from "../units/local-time.js";

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date that really exists, written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

// YAML 1.1 loaders (js-yaml, which Probot's config plugin uses) turn an
// unquoted 2026-01-01 into a Date at UTC midnight; accept that as the date
// it was written as.
function dateToText(value: unknown): unknown {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value;
}

const isoDate = z.preprocess(
  dateToText,
  z.string({ error: "expected a date written YYYY-MM-DD" }).regex(ISO_DATE, { abort: true, error: (issue) => `expected a date written YYYY-MM-DD, got ${JSON.stringify(issue.input)}` }).refine(isIsoDate, {
    error: (issue) => `expected a real date written YYYY-MM-DD, got ${JSON.stringify(issue.input)}`,
  }),
);

const hoursRange = z
  .string({ error: 'expected working hours written "HH:MM-HH:MM", e.g. "09:00-18:00"' })
  .regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/, { abort: true, error: (issue) => `expected working hours written "HH:MM-HH:MM", e.g. "09:00-18:00", got ${JSON.stringify(issue.input)}` })
  .superRefine((text, ctx) => {
  const problem = parseHoursRange(text).error;
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

const duration = z
  .string({ error: "expected a duration such as 30m, 4h, 2d or 1d4h" })
  .regex(/^(\d+d)?(\d+h)?(\d+m)?$/, { abort: true, error: (issue) => `expected a duration such as 30m, 4h, 2d or 1d4h, got ${JSON.stringify(issue.input)}` })
  .superRefine((text, ctx) => {
    const parsed = parseDuration(text);
    if ("error" in parsed) ctx.addIssue({ code: "custom", message: parsed.error });
  });

const severityKey = z.string().regex(/^[1-9]$/, { error: "severity levels are the digits 1 to 9 (1 is the most severe)" });

const target = (what: string) => duration.optional().meta({ description: `${what}; omitted: no deadline` });

export const severitySchema = z
  .strictObject({
    clock: z.enum(["24x7", "business"]).meta({
      description: "`24x7`: every instant counts; `business`: only the calendar's working time counts",
    }),
    accept: target("Acceptance into work"),
    workaround: target("Workaround"),
    resolve: target("Permanent solution"),
    reply: duration.optional().meta({
      description: "Reply to the customer: after each customer comment, the time (on this clock) within which a support engineer answers; omitted: no reply target",
    }),
  })
  .meta({ description: "One severity level's clock and targets" });

const DEFAULT_SEVERITIES = {
  "1": { clock: "24x7" as const, accept: "30m", workaround: "4h", resolve: "3d" },
  "2": { clock: "24x7" as const, accept: "1h", workaround: "8h", resolve: "5d" },
  "3": { clock: "business" as const, accept: "8h", resolve: "10d" },
};

/** Preliminary diagnostics (P4) the app can require, by form field. */
const DIAGNOSTIC_FIELDS = ["productVersion", "reproduction", "logs", "infrastructureChecks", "incidentDbChecked"] as const;
export type DiagnosticField = (typeof DIAGNOSTIC_FIELDS)[number];

const login = z
  .string()
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(\[bot\])?$/, { error: "expected a GitHub login such as octocat" });

/** A login or an `org/team` to @-mention. */
const mentionable = z
  .string()
  .regex(/^@?[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(\/[A-Za-z0-9][A-Za-z0-9_.-]*)?$/, { error: "expected a GitHub login (octocat) or a team (org/team)" })
  .transform((s) => s.replace(/^@/, ""));

const labelName = z
  .string()
  .min(1, { error: "a label name cannot be empty" })
  .max(50, { error: "GitHub label names are at most 50 characters" });

const fieldName = z
  .string()
  .min(1, { error: "an issue field or option name cannot be empty" })
  .max(100, { error: "issue field and option names are at most 100 characters" });

export const configSchema = z
  .strictObject({
    _extends: z.string().optional().meta({
      description:
        "A file of the same owner to inherit from (`.github`, `repo`, `repo:path` or `owner/repo:path` with this repository's owner; another owner is an error), read from that repository's default branch",
    }),
    timezone: z
      .string()
      .refine((zone) => IANAZone.isValidZone(zone), {
        error: (issue) =>
          `expected an IANA time zone such as Europe/Moscow or America/New_York, got ${JSON.stringify(issue.input)}`,
      })
      .default("Europe/Moscow")
      .meta({ description: "IANA time zone of the contract: all calendar arithmetic happens here" }),
    language: z.enum(["ru", "en"]).default("ru").meta({ description: "Language of the app's comments and explanations" }),
    contract: z
      .strictObject({
        customer: z.string().optional().meta({ description: "Customer's name, for reports" }),
        supportFrom: isoDate.optional().meta({ description: "First day of the support period, inclusive" }),
        supportUntil: isoDate.optional().meta({ description: "Last day of the support period, inclusive" }),
      })
      .refine((c) => !c.supportFrom || !c.supportUntil || c.supportFrom <= c.supportUntil, {
        error: "supportFrom must not be after supportUntil",
        path: ["supportUntil"],
      })
      .default({})
      .meta({ description: "The support contract" }),
    calendar: z
      .strictObject({
        preset: z.enum(["ru", "none"]).default("ru").meta({
          description: "`ru`: the Russian production calendar; `none`: only the keys below",
        }),
        workingDays: z
          .array(z.enum(WEEKDAYS, { error: `expected a weekday: ${WEEKDAYS.join(", ")}` }))
          .min(1, { error: "at least one working day is needed" })
          .refine((days) => new Set(days).size === days.length, { error: "a weekday is listed twice" })
          .default(["mon", "tue", "wed", "thu", "fri"])
          .meta({ description: "Weekdays that are working days unless the preset or the dates below say otherwise" }),
        hours: hoursRange.default("09:00-18:00").meta({
          description: "Working hours of a working day, half-open `[open, close)`; their length is one `d` on a business clock",
        }),
        holidays: z
          .array(isoDate)
          .default([])
          .meta({ description: "Extra non-working dates (YYYY-MM-DD)" }),
        workingDates: z
          .record(isoDate, hoursRange, { error: 'expected a mapping of dates to hours, e.g. "2027-11-06": "09:00-17:00"' })
          .default({})
          .meta({ description: "Dates that are working with the given hours, whatever else says (YYYY-MM-DD: HH:MM-HH:MM)" }),
      })
      .prefault({})
      .meta({ description: "Working time for `business` clocks" }),
    team: z
      .strictObject({
        engineers: z.array(login).default([]).meta({ description: "GitHub logins of support engineers" }),
        orgMembersAreEngineers: z.boolean().default(true).meta({
          description: "Members and owners of the repository's organisation count as support engineers too",
        }),
      })
      .prefault({})
      .meta({ description: "Who is trusted to pause clocks and meet targets" }),
    defaultSeverity: z
      .number({ error: "expected a severity level such as 3" })
      .int()
      .default(3)
      .meta({ description: "Severity of an incident without a severity label" }),
    severities: z
      .record(severityKey, severitySchema)
      .refine((r) => Object.keys(r).length > 0, { error: "at least one severity level is needed" })
      .default(DEFAULT_SEVERITIES)
      .meta({ description: "Clock and targets per severity level; a key replaces the whole default table" }),
    labels: z
      .strictObject({
        severity: z
          .record(severityKey, labelName)
          .default({})
          .meta({ description: 'Label per severity level; a level not listed gets "severity: N"' }),
        accepted: labelName.default("state: accepted").meta({ description: "Set by support when the request is accepted into work" }),
        waiting: labelName.default("state: waiting for customer").meta({
          description: "Pauses the clock while support waits for the customer",
        }),
        workaround: labelName.default("state: workaround").meta({ description: "A workaround (temporary solution) was given" }),
        resolved: labelName.default("state: resolved").meta({ description: "A permanent solution was given" }),
        paused: labelName.default("sla: paused").meta({ description: "Managers' filter: a clock is paused (set by the app)" }),
        atRisk: labelName.default("sla: at risk").meta({
          description: "Managers' filter: a running target has used `reminders.atRiskShare` of its time (set by the app)",
        }),
        breached: labelName.default("sla: breached").meta({ description: "Managers' filter: a deadline was missed (set by the app)" }),
        expired: labelName.default("support: expired").meta({
          description: "Registered outside the support period; no clock runs (set by the app)",
        }),
        needsDiagnostics: labelName.default("needs: diagnostics").meta({
          description: "Preliminary diagnostics are incomplete (set by the app)",
        }),
      })
      .prefault({})
      .meta({ description: "Label names the app reads and writes" }),
    diagnostics: z
      .strictObject({
        required: z
          .array(z.enum(DIAGNOSTIC_FIELDS, { error: `expected one of ${DIAGNOSTIC_FIELDS.join(", ")}` }))
          .default([...DIAGNOSTIC_FIELDS])
          .meta({
            description:
              "Preliminary diagnostics an incident must carry; `logs` is never required when remote access was given",
          }),
        pauseUntilComplete: z
          .array(z.number().int())
          .default([])
          .meta({
            description:
              "Severity levels whose clock waits (the app adds the waiting label) until diagnostics are complete; level 1 cannot be listed",
          }),
      })
      .prefault({})
      .meta({ description: "Checking the customer's preliminary diagnostics" }),
    contacts: z
      .strictObject({
        companyPhone: z.string().min(1).optional().meta({ description: "The company's support phone for working hours" }),
        onDutyPhone: z.string().min(1).optional().meta({
          description: "The on-duty engineers' line outside working hours; without it customers are told to ask for the numbers",
        }),
        email: z.string().min(1).optional().meta({ description: "The official support e-mail address" }),
        renewal: z.string().min(1).optional().meta({
          description: "Whom to contact about the support period, shown when a request falls outside it",
        }),
      })
      .default({})
      .meta({ description: "Contacts the app tells customers about; never built into the code" }),
    texts: z
      .strictObject({
        phoneWorkingHours: z.string().min(1).optional().meta({
          description: "Replaces the phone instructions posted in working hours; placeholders {severity} {companyPhone} (the on-duty line when there is no company phone) {onDutyPhone} {email} {hours} {zone}",
        }),
        phoneOutsideHours: z.string().min(1).optional().meta({
          description: "Replaces the phone instructions posted outside working hours when `contacts.onDutyPhone` is set",
        }),
        phoneAskForNumbers: z.string().min(1).optional().meta({
          description: "Replaces the phone instructions posted when the configuration has no number for the moment (customers ask for the engineers' numbers)",
        }),
        outsideSupportPeriod: z.string().min(1).optional().meta({
          description: "Replaces the comment on a request outside the support period; placeholders {supportFrom} {supportUntil} {renewal}",
        }),
      })
      .default({})
      .meta({ description: "Texts of the app's comments that a contract may word itself" }),
    reminders: z
      .strictObject({
        atRiskShare: z
          .number()
          .gt(0, { error: "expected a share between 0 and 1, e.g. 0.75" })
          .lt(1, { error: "expected a share between 0 and 1, e.g. 0.75" })
          .default(0.75)
          .meta({ description: "Share of a running target's time used at which the incident is labelled at risk" }),
        thresholds: z
          .array(
            z
              .number()
              .gt(0, { error: "expected a share between 0 and 1, e.g. 0.75" })
              .lt(1, { error: "expected a share between 0 and 1, e.g. 0.75" }),
          )
          .refine((list) => new Set(list).size === list.length, { error: "a threshold is listed twice" })
          .default([0.75])
          .meta({
            description:
              "Shares of a running target's time at which a reminder comment is posted (one per incident, target, threshold and severity); a breach always escalates",
          }),
        mention: z
          .array(mentionable)
          .default([])
          .meta({ description: "Who reminders mention when the incident has no assignees: logins or teams (`org/team`)" }),
        escalate: z
          .array(mentionable)
          .default([])
          .meta({ description: "Managers mentioned when a deadline is breached: logins or teams (`org/team`)" }),
      })
      .prefault({})
      .meta({ description: "When deadlines call for attention" }),
    report: z
      .strictObject({
        repository: z
          .string({ error: "expected the internal repository to post reports in, written owner/name" })
          .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, {
            error: (issue) => `expected a repository written owner/name, e.g. acme/support-reports, got ${JSON.stringify(issue.input)}`,
          })
          .meta({
            description:
              "Internal repository (owner/name) where the previous month's compliance report is posted as an issue; never a customer's repository (one with its own incident-sla configuration) nor a reported one",
          }),
        schedule: z.enum(["monthly", "off"]).default("monthly").meta({
          description: "`monthly`: the app posts last month's report once, early in the month; `off`: only `incident-sla report --post` posts",
        }),
        language: z.enum(["ru", "en"]).optional().meta({ description: "Language of the posted report; default: `language`" }),
        board: z.enum(["on", "off"]).default("off").meta({
          description:
            "`on`: the sweep keeps one SLA board issue in the same repository: every open incident of every customer repository of the installation, most urgent first",
        }),
      })
      .optional()
      .meta({
        description:
          "The scheduled compliance report; read from the organisation's defaults (`.github/incident-sla.yml` in the organisation's `.github` repository, the file customers `_extends`)",
      }),
    configCheck: z
      .strictObject({
        whenDeadlinesMove: z.enum(["neutral", "success", "failure"]).default("neutral").meta({
          description:
            "Conclusion of the `incident-sla` check run on a valid change that moves open incidents' deadlines; read from the pull request's base, never its head",
        }),
      })
      .prefault({})
      .meta({
        description:
          "The check run on pull requests that change this configuration; only the configuration already merged decides, so a pull request cannot choose its own verdict",
      }),
    issueFields: z
      .strictObject({
        nextDue: fieldName.optional().meta({ description: "Organisation date field the app sets to the due date of the next deadline owed (an unmet target or an open customer wait) in the contract's zone; cleared when nothing is owed" }),
        status: fieldName.optional().meta({ description: "Organisation single select field the app sets to the incident's status (`statusOptions`)" }),
        severity: fieldName.optional().meta({ description: "Organisation single select field the app sets to the incident's severity (`severityOptions`)" }),
        statusOptions: z
          .strictObject({
            running: fieldName.default("running"),
            paused: fieldName.default("paused"),
            atRisk: fieldName.default("at risk"),
            breached: fieldName.default("breached"),
            met: fieldName.default("met"),
            notCovered: fieldName.default("not covered"),
          })
          .prefault({})
          .meta({ description: "Option of the `status` field for each status" }),
        severityOptions: z
          .record(severityKey, fieldName)
          .default({})
          .meta({ description: "Option of the `severity` field per severity level; a level not listed: its severity label" }),
      })
      .optional()
      .meta({
        description:
          "Organisation issue fields the app keeps true like the managers' labels, each naming an existing field of the organisation; omitted: none (organisation repositories only)",
      }),
  })
  .superRefine((config, ctx) => {
    const levels = Object.keys(config.severities);
    if (!levels.includes(String(config.defaultSeverity))) {
      ctx.addIssue({
        code: "custom",
        path: ["defaultSeverity"],
        message: `expected one of the configured severity levels (${levels.join(", ")}), got ${config.defaultSeverity}`,
      });
    }
    for (const level of Object.keys(config.labels.severity)) {
      if (!levels.includes(level)) {
        ctx.addIssue({
          code: "custom",
          path: ["labels", "severity", level],
          message: `severity ${level} is not configured under severities (${levels.join(", ")})`,
        });
      }
    }
    for (const level of Object.keys(config.issueFields?.severityOptions ?? {})) {
      if (!levels.includes(level)) {
        ctx.addIssue({ code: "custom", path: ["issueFields", "severityOptions", level], message: `severity ${level} is not configured under severities (${levels.join(", ")})` });
      }
    }
    const names = new Map<string, string>();
    const seen = (name: string, where: string) => {
      const key = name.toLowerCase();
      const other = names.get(key);
      if (other) {
        ctx.addIssue({ code: "custom", path: ["labels"], message: `labels.${where} and labels.${other} share the name "${name}"` });
      }
      names.set(key, where);
    };
    for (const level of levels) seen(severityLabel(config, Number(level)), `severity.${level}`);
    for (const key of ["accepted", "waiting", "workaround", "resolved", "paused", "atRisk", "breached", "expired", "needsDiagnostics"] as const) {
      seen(config.labels[key], key);
    }
    config.diagnostics.pauseUntilComplete.forEach((level, i) => {
      if (level === 1) {
        ctx.addIssue({
          code: "custom",
          path: ["diagnostics", "pauseUntilComplete", i],
          message: "level 1 is an outage and is never held back by missing diagnostics; remove it",
        });
      } else if (!levels.includes(String(level))) {
        ctx.addIssue({
          code: "custom",
          path: ["diagnostics", "pauseUntilComplete", i],
          message: `expected one of the configured severity levels (${levels.join(", ")}), got ${level}`,
        });
      }
    });
  });

/** The label that marks a severity level. */
export function severityLabel(config: Pick<Config, "labels">, level: number): string {
  return config.labels.severity[String(level)] ?? `severity: ${level}`;
}

/** The configuration as written in the file (every key optional). */
export type ConfigInput = z.input<typeof configSchema>;
/** The configuration after defaults are applied. */
export type Config = z.output<typeof configSchema>;
export type SeverityConfig = z.output<typeof severitySchema>;
/** A severity's targets are its keys besides `clock`, in the schema's order (the schema is the one source). */
export type TargetName = Exclude<keyof SeverityConfig, "clock" | RepeatingTargetName>;
/** Targets that start again after each customer comment (src/domain/clock/reply.ts), kept apart from the contract's three. */
export const REPEATING_TARGET_NAMES = ["reply"] as const;
export type RepeatingTargetName = (typeof REPEATING_TARGET_NAMES)[number];
export const TARGET_NAMES: readonly TargetName[] = Object.keys(severitySchema.shape).filter(
  (key): key is TargetName => key !== "clock" && !(REPEATING_TARGET_NAMES as readonly string[]).includes(key),
);
export type Weekday = (typeof WEEKDAYS)[number];
export { WEEKDAYS };

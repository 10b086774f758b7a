// The benchmark's incidents, generated from a fixed seed straight into the
// fake GitHub: uneven repositories (a few large customers, many small ones),
// issue-form bodies in the contract's language (complete, missing
// diagnostics, registered by an engineer from an e-mail, P11), timelines the
// way support work leaves them (severity and state labels by engineers,
// comments by both sides, pauses started by engineers and ended by customers'
// replies, a waiting label added by a customer, which starts nothing (P7),
// closes and reopens, events the sweep does not ask for), ages from minutes
// to a month so that some targets run, some are near a reminder threshold
// and some are breached. A few incidents have more than 100 timeline items,
// so the GraphQL read needs extra pages; a few have exactly 99 or 100, so the
// app's own comments push them over between the first and second sweep.
import { parseConfigText } from "../../src/config/parse-config.js";
import { FORM_FIELDS, type FormField } from "../../src/domain/forms/form-fields.js";
import type { FakeGitHub } from "../../tests/support/fake-github/index.js";
import type { IssueSeed, TimelineSeed } from "../../tests/support/fake-github/state.js";
import { type Random, seededRandom } from "../random.js";
import { ENGINEERS, MANAGERS, NOW, OWNER, type RepoExpectation, type Scenario, pagesOf, repoName } from "./scenario.js";

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;

const LABEL = {
  accepted: "state: accepted",
  waiting: "state: waiting for customer",
  workaround: "state: workaround",
  resolved: "state: resolved",
  severity: (level: number) => `severity: ${level}`,
};

/** Timeline kinds the sweep's GraphQL query asks for (read-open-incidents.ts); the rest are REST-only. */
const GRAPHQL_KINDS = new Set(["labeled", "unlabeled", "commented", "closed", "reopened"]);

type Lang = "ru" | "en";

interface RepoPlan {
  name: string;
  lang: Lang;
  zone: string;
  config: string;
  customers: string[];
  engineers: string[];
}

/** Fisher–Yates with the seeded generator: the same order on every engine (a random comparator is not). */
function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Zipf-like sizes (weight 1/rank), shuffled, summing to `total` exactly. */
export function repoSizes(total: number, repos: number, random: Random): number[] {
  const weights = Array.from({ length: repos }, (_, i) => 1 / (i + 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (w / sum) * total);
  const sizes = raw.map(Math.floor);
  let left = total - sizes.reduce((a, b) => a + b, 0);
  const byFraction = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of byFraction) {
    if (left-- <= 0) break;
    sizes[i]!++;
  }
  return shuffle(sizes, random);
}

/** Four kinds of contract, in turn: languages, zones, calendars, reminder settings and trust differ. */
function repoPlan(index: number, random: Random): RepoPlan {
  const name = repoName(index);
  const customers = [`${name}-admin`, `${name}-ops`, `${name}-dev`];
  const engineers = shuffle([...ENGINEERS], random).slice(0, 3);
  const variant = index % 4;
  const common = `contract:\n  customer: Customer ${index + 1}\n`;
  if (variant === 0) {
    return {
      name,
      lang: "ru",
      zone: "Europe/Moscow",
      customers,
      engineers,
      config:
        `timezone: Europe/Moscow\nlanguage: ru\n${common}  supportFrom: 2026-01-01\n  supportUntil: 2026-12-31\n` +
        `calendar:\n  preset: ru\nteam:\n  engineers: [${engineers.slice(0, 2).join(", ")}]\n  orgMembersAreEngineers: true\n` +
        `contacts:\n  companyPhone: "+7 495 000-00-00"\n  onDutyPhone: "+7 900 000-00-00"\n` +
        `reminders:\n  thresholds: [0.5, 0.75]\n  mention: [${OWNER}/duty]\n  escalate: [${MANAGERS[0]}]\n`,
    };
  }
  if (variant === 1) {
    return {
      name,
      lang: "en",
      zone: "Europe/Berlin",
      customers,
      engineers,
      config:
        `timezone: Europe/Berlin\nlanguage: en\n${common}` +
        `calendar:\n  preset: none\n  hours: "08:00-17:00"\n  holidays: [2026-04-03, 2026-04-06]\n` +
        `team:\n  orgMembersAreEngineers: true\n` +
        `severities:\n  1: { clock: 24x7, accept: 15m, workaround: 2h, resolve: 2d }\n  2: { clock: 24x7, accept: 1h, workaround: 8h, resolve: 5d }\n  3: { clock: business, accept: 4h, resolve: 10d }\n` +
        `reminders:\n  thresholds: [0.75]\n  escalate: [${MANAGERS[1]}, ${OWNER}/leads]\n`,
    };
  }
  if (variant === 2) {
    return {
      name,
      lang: "ru",
      zone: "Asia/Yekaterinburg",
      customers,
      engineers,
      config:
        `timezone: Asia/Yekaterinburg\nlanguage: ru\n${common}` +
        `calendar:\n  preset: ru\n  hours: "10:00-19:00"\nteam:\n  engineers: [${ENGINEERS.join(", ")}]\n  orgMembersAreEngineers: false\n` +
        `reminders:\n  atRiskShare: 0.8\n  thresholds: [0.75, 0.9]\n  mention: [${engineers[0]}]\n  escalate: [${MANAGERS.join(", ")}]\n`,
    };
  }
  // A contract that ended on 10 March: incidents registered after it get no clock (P1).
  return {
    name,
    lang: "en",
    zone: "America/New_York",
    customers,
    engineers,
    config:
      `timezone: America/New_York\nlanguage: en\n${common}  supportFrom: 2025-03-11\n  supportUntil: 2026-03-10\n` +
      `calendar:\n  preset: none\nteam:\n  orgMembersAreEngineers: true\n` +
      `reminders:\n  thresholds: [0.8]\n  escalate: [${MANAGERS[0]}]\n`,
  };
}

// ---------------------------------------------------------------- issue bodies

function optionText(field: FormField, value: string, lang: Lang): string {
  const option = field.options?.find((o) => o.value === value);
  return option ? option[lang] : value;
}

function localTime(ms: number, zone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(ms);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}`;
}

interface FormAnswers {
  level: number;
  environment: "PROD" | "TEST";
  version: string | null;
  logs: boolean;
  infra: string[];
  dbChecked: boolean;
  remoteAccess: boolean;
  phoneCall: boolean;
  registration?: { channel: "email" | "phone"; receivedAt: string };
}

function formBody(lang: Lang, a: FormAnswers): string {
  const f = FORM_FIELDS;
  const none = "_No response_";
  const section = (field: FormField, value: string) => `### ${field[lang]}\n\n${value}\n`;
  const boxes = (field: FormField, ticked: readonly string[]) => field.options!.map((o) => `- [${ticked.includes(o.value) ? "X" : " "}] ${o[lang]}`).join("\n");
  const parts = [
    section(f.requestType, optionText(f.requestType, "incident", lang)),
    section(f.severity, optionText(f.severity, String(a.level), lang)),
    section(f.environment, a.environment),
    section(f.affectedShare, optionText(f.affectedShare, a.level === 1 ? "all" : a.level === 2 ? "over10" : "upTo10", lang)),
    section(f.workaroundAvailable, optionText(f.workaroundAvailable, a.level === 3 ? "yes" : "no", lang)),
    section(f.productVersion, a.version ?? none),
    section(f.description, lang === "ru" ? "После обновления часть пользователей не может войти: страница входа отвечает 502." : "Since the upgrade some users cannot sign in: the login page answers 502."),
    section(f.reproduction, "1. https://sso.customer.test/login\n2. Enter a valid user and password\n3. 502 Bad Gateway"),
    section(
      f.logs,
      a.logs ? "```\n2026-03-02 02:10:44 ERROR [pool-3] JdbcStore - Cannot get a connection, pool error Timeout waiting for idle object\n```" : none,
    ),
    section(f.infrastructureChecks, boxes(f.infrastructureChecks, a.infra)),
    section(f.incidentDbChecked, boxes(f.incidentDbChecked, a.dbChecked ? ["checked"] : [])),
    section(f.remoteAccess, optionText(f.remoteAccess, a.remoteAccess ? "given" : "not-given", lang)),
    section(f.phoneCall, boxes(f.phoneCall, a.phoneCall ? ["made"] : [])),
  ];
  if (a.registration) {
    parts.push(section(f.channel, optionText(f.channel, a.registration.channel, lang)), section(f.receivedAt, a.registration.receivedAt));
  }
  return parts.join("\n");
}

// ---------------------------------------------------------------- incidents

interface PlannedIncident {
  seed: IssueSeed;
  events: TimelineSeed[];
  /** Timeline items the sweep's GraphQL query returns. */
  graphqlItems: number;
  /** Events GET …/timeline returns (every kind). */
  restItems: number;
}

const CUSTOMER_LINES = [
  "Logs attached, see above. The problem is still there.",
  "We restarted the node, no change. Any news?",
  "Here is the configuration you asked for.",
  "Access for your engineer is granted, same VPN as last time.",
  "Users in the second data centre are affected too.",
];
const ENGINEER_LINES = [
  "Accepted. Looking at the connection pool settings.",
  "Please send the server.log for the hour before the failure and the output of `idp-admin status`.",
  "We reproduced it on 5.2.1; a patched build is being prepared.",
  "The workaround: raise pool.maxIdle to 50 and restart the nodes one by one.",
  "Could you confirm the load balancer keeps sessions sticky?",
];

function plannedIncident(random: Random, plan: RepoPlan, open: boolean): PlannedIncident {
  // Ages: a third fresh (accept targets running, reminders near), a third days old, a third weeks.
  const u = random.next();
  const ageMinutes = u < 0.3 ? random.int(6, 8 * 60) : u < 0.6 ? random.int(8 * 60, 5 * 1440) : random.int(5 * 1440, 30 * 1440);
  const created = Math.floor((NOW - ageMinutes * MINUTE) / 1000) * 1000;
  const level = random.pick([1, 2, 2, 3, 3, 3, 3]);
  const customer = random.pick(plan.customers);
  const engineer = () => random.pick(plan.engineers);
  // An engineer who works on the issue with labels only (trusted through the org or the contract's list).
  const labeller = random.chance(0.1) ? ENGINEERS[random.int(0, ENGINEERS.length - 1)]! : null;
  const registered = random.chance(0.12);
  const author = registered ? engineer() : customer;
  const answers: FormAnswers = {
    level,
    environment: random.chance(0.1) ? "TEST" : "PROD",
    version: random.chance(0.85) ? random.pick(["5.2.1", "5.1.4", "4.9.0"]) : null,
    logs: random.chance(0.8),
    infra: ["dbms", "directory", "network", "dns", "certificates"].filter(() => random.chance(0.7)),
    dbChecked: random.chance(0.8),
    remoteAccess: random.chance(0.3),
    phoneCall: level < 3 && random.chance(0.7),
  };
  if (registered) answers.registration = { channel: random.pick(["email", "phone"] as const), receivedAt: localTime(created - random.int(10, 180) * MINUTE, plan.zone) };

  // How many GraphQL items: most incidents a handful to a few dozen; a few long ones need extra pages;
  // a few sit just under the page size, so the app's own comments push them over.
  const roll = random.next();
  const target = roll < 0.015 ? random.int(101, 280) : roll < 0.02 ? random.int(98, 100) : Math.min(60, 2 + Math.floor(-Math.log(1 - random.next()) * 12));

  const actions: { kind: string; actor: string; label?: string; body?: string; association?: string; reason?: string }[] = [];
  const labels = new Set<string>();
  let graphqlItems = 0;
  const label = (kind: "labeled" | "unlabeled", name: string, actor: string) => {
    if (kind === "labeled") labels.add(name);
    else labels.delete(name);
    actions.push({ kind, actor, label: name });
    graphqlItems++;
  };
  const comment = (actor: string, association: string, lines: readonly string[]) => {
    actions.push({ kind: "commented", actor, association, body: random.pick(lines) });
    graphqlItems++;
  };

  if (!registered && random.chance(0.8)) label("labeled", LABEL.severity(level), labeller ?? engineer());
  const fresh = ageMinutes < 8 * 60;
  if (!fresh || random.chance(0.5)) {
    comment(engineer(), "MEMBER", ENGINEER_LINES);
    label("labeled", LABEL.accepted, labeller ?? engineer());
  }
  let workaround = false;
  let closedOnce = false;
  const closingSteps = open ? 0 : 2;
  while (graphqlItems < target - closingSteps) {
    const paused = labels.has(LABEL.waiting);
    const r = random.next();
    if (r < 0.3) comment(customer, "NONE", CUSTOMER_LINES);
    else if (r < 0.52) comment(engineer(), "MEMBER", ENGINEER_LINES);
    else if (r < 0.62 && !paused) label("labeled", LABEL.waiting, labeller ?? engineer());
    else if (r < 0.7 && paused) label("unlabeled", LABEL.waiting, random.chance(0.5) ? engineer() : customer);
    else if (r < 0.72 && !paused) label("labeled", LABEL.waiting, customer); // starts nothing (P7); the app removes it
    else if (r < 0.76 && !workaround && level < 3) {
      workaround = true;
      label("labeled", LABEL.workaround, engineer());
    } else if (r < 0.78 && !closedOnce && graphqlItems + 2 < target - closingSteps) {
      // Closed by support, reopened by the customer.
      closedOnce = true;
      actions.push({ kind: "closed", actor: engineer(), reason: "completed" }, { kind: "reopened", actor: customer });
      graphqlItems += 2;
    } else actions.push({ kind: random.pick(["mentioned", "subscribed", "referenced"]), actor: engineer() });
  }
  if (!open) {
    label("labeled", LABEL.resolved, engineer());
    actions.push({ kind: "closed", actor: engineer(), reason: "completed" });
    graphqlItems++;
  }

  // Times: spread in order between the creation and a minute before now.
  const span = NOW - MINUTE - created;
  const offsets = actions.map(() => Math.floor(random.next() * span)).sort((a, b) => a - b);
  const events: TimelineSeed[] = actions.map((a, i) => {
    const createdAt = created + offsets[i]!;
    switch (a.kind) {
      case "labeled":
      case "unlabeled":
        return { event: a.kind, actor: a.actor, label: a.label!, createdAt };
      case "commented":
        return { event: "commented", actor: a.actor, body: a.body!, authorAssociation: a.association as "MEMBER" | "NONE", createdAt };
      case "closed":
        return { event: "closed", actor: a.actor, stateReason: "completed", createdAt };
      case "reopened":
        return { event: "reopened", actor: a.actor, createdAt };
      default:
        return { event: a.kind, actor: a.actor, createdAt };
    }
  });
  const closedAt = open ? null : created + offsets[offsets.length - 1]!;
  const title = plan.lang === "ru" ? `Не работает вход (уровень ${level})` : `Sign-in fails (level ${level})`;
  const seed: IssueSeed = {
    title,
    body: formBody(plan.lang, answers),
    user: author,
    authorAssociation: registered ? "MEMBER" : "NONE",
    labels: [...labels],
    assignees: random.chance(0.6) ? [engineer()] : [],
    state: open ? "open" : "closed",
    stateReason: open ? (closedOnce ? "reopened" : null) : "completed",
    createdAt: created,
    updatedAt: offsets.length ? created + offsets[offsets.length - 1]! : created,
    closedAt,
  };
  return { seed, events, graphqlItems, restItems: events.length };
}

export interface SeedResult {
  expected: RepoExpectation[];
  /** Repository names in creation order. */
  repos: string[];
}

/**
 * Fills `fake` with the scenario. The expectations are counted from the
 * generated plan, not read back from the fake, so they check the fake too.
 */
export function seedScenario(fake: Pick<FakeGitHub, "addRepo" | "setFile" | "addIssue" | "addTimelineEvent" | "addMember">, scenario: Scenario): SeedResult {
  const random = seededRandom(scenario.seed);
  for (const login of ENGINEERS) fake.addMember(OWNER, login);
  const sizes = repoSizes(scenario.incidents, scenario.repos, random);
  const expected: RepoExpectation[] = [];
  const repos: string[] = [];
  sizes.forEach((open, index) => {
    const plan = repoPlan(index, random);
    parseConfigText(plan.config); // a benchmark on an invalid contract would measure nothing
    const fullName = `${OWNER}/${plan.name}`;
    fake.addRepo({ owner: OWNER, ownerType: "Organization", name: plan.name, createdAt: NOW - 400 * DAY });
    fake.setFile(fullName, ".github/incident-sla.yml", plan.config);
    repos.push(plan.name);
    // Closed incidents too (a quarter as many): the sweep must not read them.
    const closed = Math.round(open / 4);
    const kinds = shuffle([...Array<boolean>(open).fill(true), ...Array<boolean>(closed).fill(false)], random);
    const e: RepoExpectation = { repo: plan.name, open, closed, over100: 0, issuePages: pagesOf(open), extraPages: 0, restListPages: pagesOf(open), restTimelinePages: 0 };
    for (const isOpen of kinds) {
      const incident = plannedIncident(random, plan, isOpen);
      const { number } = fake.addIssue(fullName, incident.seed);
      for (const event of incident.events) fake.addTimelineEvent(fullName, number, event);
      if (!isOpen) continue;
      e.extraPages += pagesOf(incident.graphqlItems) - 1;
      if (incident.graphqlItems > 100) e.over100++;
      e.restTimelinePages += pagesOf(incident.restItems);
    }
    expected.push(e);
  });
  return { expected, repos };
}

/** The same expectations, counted from what the fake holds now (after the app's writes). */
export function expectationsFromState(fake: Pick<FakeGitHub, "state">, repos: readonly string[]): RepoExpectation[] {
  return repos.map((name) => {
    const repo = fake.state.repo(`${OWNER}/${name}`);
    const open = repo.issues.filter((i) => i.state === "open" && !i.pullRequest);
    const e: RepoExpectation = {
      repo: name,
      open: open.length,
      closed: repo.issues.length - open.length,
      over100: 0,
      issuePages: pagesOf(open.length),
      extraPages: 0,
      restListPages: pagesOf(open.length),
      restTimelinePages: 0,
    };
    for (const issue of open) {
      const items = issue.timeline.reduce((n, entry) => n + (GRAPHQL_KINDS.has(entry.kind) ? 1 : 0), 0);
      e.extraPages += pagesOf(items) - 1;
      if (items > 100) e.over100++;
      e.restTimelinePages += pagesOf(issue.timeline.length);
    }
    return e;
  });
}

// The evaluate() workload: incidents shaped like what GitHub's REST API
// returns for an issue and its timeline, 50 timeline events each: severity
// and state labels, comments by the customer and by engineers, pauses (some
// started by the customer side, which start nothing, P7), a close and a
// reopen, a few event kinds the engine ignores, and for some incidents a
// final resolution. Generated with a fixed seed.
import { seededRandom, type Random } from "./random.js";

export const EVENTS_PER_INCIDENT = 50;

export interface Incident {
  issue: Record<string, unknown>;
  timeline: Record<string, unknown>[];
  now: string;
}

const MINUTE = 60_000;
const LABELS = {
  accepted: "state: accepted",
  waiting: "state: waiting for customer",
  workaround: "state: workaround",
  resolved: "state: resolved",
};

/** GitHub writes times to the second, with a Z. */
const stamp = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");

function moscowLocal(ms: number): string {
  // Europe/Moscow has been UTC+3 all year since 2014; good enough for a form answer.
  return new Date(ms + 3 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

function incident(number: number, random: Random): Incident {
  const customer = `customer-${random.int(1, 40)}`;
  const engineers = [`engineer-${random.int(1, 5)}`, `engineer-${random.int(6, 9)}`];
  const level = random.pick([1, 2, 2, 3, 3, 3]);
  const createdAt = Date.UTC(2026, 0, 12) + random.int(0, 320 * 24 * 60) * MINUTE;
  // One in five incidents was registered by an engineer from an email received earlier (P11).
  const registered = random.chance(0.2);
  const author = registered ? engineers[0]! : customer;
  const body = [
    "### Channel",
    "",
    registered ? "Email" : "GitHub",
    "",
    "### Received at",
    "",
    registered ? moscowLocal(createdAt - random.int(5, 180) * MINUTE) : "_No response_",
    "",
    "### Description",
    "",
    "Payments gateway answers 502 to about one request in ten since the last deploy.",
    "",
    "### Logs",
    "",
    "```",
    "2026-03-02 08:55:01 ERROR upstream timed out (110: Connection timed out)",
    "```",
  ].join("\n");

  const timeline: Record<string, unknown>[] = [];
  const labels = new Set<string>();
  let t = createdAt;
  let ids = number * 1000;
  const advance = () => {
    // Mostly minutes to hours apart, now and then a quiet day or three.
    t += (random.chance(0.1) ? random.int(600, 4320) : random.int(1, 240)) * MINUTE + random.int(0, 59) * 1000;
  };
  const user = (login: string) => ({ login, id: login.length * 7919, type: "User" });
  const labelEvent = (kind: "labeled" | "unlabeled", name: string, by: string) => {
    advance();
    if (kind === "labeled") labels.add(name);
    else labels.delete(name);
    timeline.push({ id: ++ids, event: kind, actor: user(by), created_at: stamp(t), label: { name, color: "ededed" } });
  };
  const comment = (by: string, association: string) => {
    advance();
    timeline.push({
      id: ++ids,
      event: "commented",
      actor: user(by),
      user: user(by),
      author_association: association,
      created_at: stamp(t),
      updated_at: stamp(t),
      body: "Any news? Logs attached.",
    });
  };
  const plain = (event: string, by: string, extra: Record<string, unknown> = {}) => {
    advance();
    timeline.push({ id: ++ids, event, actor: user(by), created_at: stamp(t), ...extra });
  };
  const engineer = () => random.pick(engineers);

  if (level !== 3 || random.chance(0.3)) labelEvent("labeled", `severity: ${level}`, engineer());
  // An engineer's comment carries author_association MEMBER, which makes them trusted (orgMembersAreEngineers).
  comment(engineer(), "MEMBER");
  labelEvent("labeled", LABELS.accepted, engineer());

  const resolves = random.chance(0.4);
  const fillTo = EVENTS_PER_INCIDENT - (resolves ? 2 : 0);
  let closedOnce = false;
  while (timeline.length < fillTo) {
    const paused = labels.has(LABELS.waiting);
    if (!closedOnce && timeline.length >= 24 && timeline.length + 3 <= fillTo) {
      // The close and reopen: closed by support, reopened by the customer who answers at once.
      closedOnce = true;
      plain("closed", engineer(), { state_reason: random.pick(["completed", "not_planned"]) });
      plain("reopened", customer);
      comment(customer, "NONE");
      continue;
    }
    const roll = random.next();
    if (roll < 0.3) comment(customer, "NONE");
    else if (roll < 0.55) comment(engineer(), "MEMBER");
    else if (roll < 0.7 && !paused) labelEvent("labeled", LABELS.waiting, engineer());
    else if (roll < 0.78 && paused) labelEvent("unlabeled", LABELS.waiting, random.chance(0.5) ? engineer() : customer);
    else if (roll < 0.82 && !paused) labelEvent("labeled", LABELS.waiting, customer); // starts nothing (P7)
    else if (roll < 0.86 && !labels.has(LABELS.workaround) && level < 3) labelEvent("labeled", LABELS.workaround, engineer());
    else plain(random.pick(["mentioned", "subscribed", "referenced"]), engineer());
  }
  let closedAt: number | null = null;
  if (resolves) {
    labelEvent("labeled", LABELS.resolved, engineer());
    plain("closed", engineer(), { state_reason: "completed" });
    closedAt = t;
  }
  const now = t + random.int(0, 48 * 60) * MINUTE;
  const issue = {
    number,
    title: `Payments gateway answers 502 (#${number})`,
    html_url: `https://github.com/acme/support/issues/${number}`,
    user: user(author),
    author_association: registered ? "MEMBER" : "NONE",
    labels: [...labels].map((name) => ({ name, color: "ededed" })),
    state: closedAt === null ? "open" : "closed",
    state_reason: closedAt === null ? null : "completed",
    closed_at: closedAt === null ? null : stamp(closedAt),
    created_at: stamp(createdAt),
    updated_at: stamp(t),
    body,
  };
  return { issue, timeline, now: stamp(now) };
}

export function incidents(count: number, seed: number): Incident[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => incident(i + 1, random));
}

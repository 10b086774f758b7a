// The report's figures on fixtures worked out by hand (tests/fixtures/report/
// acme-march.ts explains every number), and the rule that holds them to the
// incidents: each incident's result in the report is exactly what `evaluate`
// says at the same `now`.
import { describe, expect, it } from "vitest";
import { TARGET_NAMES } from "../../src/config/schema.js";
import { evaluate } from "../../src/domain/clock/evaluate.js";
import { buildReport, collectRepository, type CustomerReport } from "../../src/report/build-report.js";
import { ACME_EXPECTED, ACME_INCIDENTS, GLOBEX_EXPECTED, GLOBEX_INCIDENTS, NOW, PERIOD, acmeConfig, globexConfig } from "../fixtures/report/acme-march.js";
import { ENGINEER, closed, issue, labeled } from "../fixtures/incident-builders.js";

const now = Date.parse(NOW);
const report = () =>
  buildReport({ period: PERIOD, now }, [
    { repository: "acme/support", config: acmeConfig(), incidents: ACME_INCIDENTS },
    { repository: "globex/helpdesk", config: globexConfig(), incidents: GLOBEX_INCIDENTS },
  ]);
const acme = (): CustomerReport => report().customers.find((c) => c.repository === "acme/support")!;
const globex = (): CustomerReport => report().customers.find((c) => c.repository === "globex/helpdesk")!;

describe("figures worked out by hand (ACME Bank, March 2026, Moscow)", () => {
  it("counts the incidents whose t0 is in the period, in the contract's zone, and nothing else", () => {
    const c = acme();
    expect(c.customer).toBe(ACME_EXPECTED.customer);
    expect(c.incidents).toBe(ACME_EXPECTED.incidents);
    // By t0: #105 (6 Mar), #101 (5 Mar)… ordered by start, #108 by its P11 registration time.
    expect(c.incidentList.map((r) => r.number).sort()).toEqual([...ACME_EXPECTED.incidentNumbers].sort());
    expect(c.incidentList.map((r) => r.startedAt)).toEqual([...c.incidentList.map((r) => r.startedAt)].sort((a, b) => a - b));
  });

  it("totals: met on time, breached and compliance over decided deadlines", () => {
    const c = acme();
    expect({ metOnTime: c.metOnTime, breached: c.breached, compliance: c.compliance }).toEqual({
      metOnTime: ACME_EXPECTED.metOnTime,
      breached: ACME_EXPECTED.breached,
      compliance: ACME_EXPECTED.compliance,
    });
  });

  it.each([1, 2, 3] as const)("severity %i: incidents, deadlines met on time, breached, pending, cancelled, median and 90th percentile", (level) => {
    const expected = ACME_EXPECTED.severities[level];
    const s = acme().severities.find((x) => x.severity === level)!;
    expect({ incidents: s.incidents, outsideSupport: s.outsideSupport, metOnTime: s.metOnTime, breached: s.breached }).toEqual({
      incidents: expected.incidents,
      outsideSupport: expected.outsideSupport,
      metOnTime: expected.metOnTime,
      breached: expected.breached,
    });
    const targets = Object.fromEntries(
      s.targets.map((t) => [
        t.target,
        { incidents: t.incidents, metOnTime: t.metOnTime, breached: t.breached, metLate: t.metLate, pending: t.pending, cancelled: t.cancelled, median: t.timeToMeet.medianMs, p90: t.timeToMeet.p90Ms },
      ]),
    );
    expect(targets).toEqual(expected.targets);
    expect(s.paused).toEqual(expected.paused);
  });

  it("time paused waiting for the customer (P7): total and median over paused incidents", () => {
    expect(acme().paused).toEqual(ACME_EXPECTED.paused);
  });

  it("requests by type (P2), in the form's order; no form counts as an incident", () => {
    expect(acme().requestsByType).toEqual(ACME_EXPECTED.requestsByType);
  });

  it("incidents outside the support period (P1)", () => {
    expect(acme().outsideSupport.map((r) => ({ number: r.number, coverage: r.coverage }))).toEqual(ACME_EXPECTED.outsideSupport);
  });

  it("breaches with by how much (wall-clock past due) and their ISO week, by due time", () => {
    const c = acme();
    expect(c.breaches.map((b) => ({ number: b.number, target: b.target, status: b.status, overdueMs: b.overdueMs, week: b.week }))).toEqual(ACME_EXPECTED.breaches);
    expect(c.breaches.every((b) => b.url === `https://github.com/acme/support/issues/${b.number}`)).toBe(true);
    expect(c.breachesPerWeek).toEqual(ACME_EXPECTED.breachesPerWeek);
  });

  it("open incidents at risk now: breached or ≥ atRiskShare used, whatever their period", () => {
    const c = acme();
    expect(
      c.atRisk.map((r) => ({
        number: r.number,
        targets: r.atRisk.map((t) =>
          t.status === "running" ? { name: t.name, status: t.status, usedShare: t.usedShare, leftMs: t.leftMs } : { name: t.name, status: t.status, overdueMs: t.overdueMs },
        ),
      })),
    ).toEqual(ACME_EXPECTED.atRisk);
  });

  it("support period ending within 60 days of the period's end, either side (P1)", () => {
    expect(acme().support).toEqual(ACME_EXPECTED.support);
    expect(globex().support).toEqual(GLOBEX_EXPECTED.support);
  });

  it("each contract's zone decides its period: London's March ends at 23:00Z after the clocks went forward", () => {
    const g = globex();
    expect({ customer: g.customer, incidents: g.incidents, metOnTime: g.metOnTime, breached: g.breached }).toEqual({
      customer: GLOBEX_EXPECTED.customer,
      incidents: GLOBEX_EXPECTED.incidents,
      metOnTime: GLOBEX_EXPECTED.metOnTime,
      breached: GLOBEX_EXPECTED.breached,
    });
    expect(g.bounds).toEqual({ start: Date.parse("2026-03-01T00:00:00Z"), end: Date.parse("2026-03-31T23:00:00Z") });
    expect(acme().bounds).toEqual({ start: Date.parse("2026-02-28T21:00:00Z"), end: Date.parse("2026-03-31T21:00:00Z") });
  });

  it("customers come in name order", () => {
    expect(report().customers.map((c) => c.customer)).toEqual(["ACME Bank", "globex/helpdesk"]);
  });
});

describe("the report agrees with evaluate", () => {
  it.each([
    ["acme/support", ACME_INCIDENTS, acmeConfig],
    ["globex/helpdesk", GLOBEX_INCIDENTS, globexConfig],
  ] as const)("%s: every incident's evaluation is evaluate's, at the same now", (repository, incidents, config) => {
    const c = report().customers.find((x) => x.repository === repository)!;
    const rows = [...c.incidentList, ...c.atRisk];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const input = incidents.find((i) => i.issue.number === row.number)!;
      expect(row.evaluation).toEqual(evaluate({ config: config(), issue: input.issue, timeline: input.timeline, now }));
      // Paused time is the evaluation's pausedMinutes, to the millisecond.
      expect(Math.floor(row.pausedMs / 60_000)).toBe(row.evaluation.pausedMinutes);
      for (const t of row.targets) {
        const e = row.evaluation.targets[t.name]!;
        expect({ status: t.status, dueAt: new Date(t.dueAt).toISOString(), metAt: t.metAt === null ? null : new Date(t.metAt).toISOString(), breached: t.breached }).toEqual(e);
      }
    }
  });

  it("time to meet is the engine's counted time when on time, and goes past the target (uncapped) when late", () => {
    const rows = acme().incidentList.flatMap((r) => r.targets);
    for (const t of rows.filter((x) => x.metAt !== null && !x.breached)) expect(t.timeToMeetMs).toBe(t.usedMs);
    const late = rows.filter((x) => x.metAt !== null && x.breached);
    expect(late.length).toBe(4);
    for (const t of late) {
      expect(t.usedMs).toBe(t.amountMs); // the engine caps what it shows as used
      expect(t.timeToMeetMs!).toBeGreaterThan(t.amountMs);
    }
  });

  it("each deadline is in one bucket: a deadline breached before a cancelling close stays breached, not cancelled", () => {
    const c = collectRepository({ repository: "acme/support", config: acmeConfig() }, { period: PERIOD, now });
    // Level 1 (24x7; accept 30m, workaround 4h, resolve 3d), t0 07:00. The engineer's close as not
    // planned at 12:00 meets accept late; workaround was due at 11:00 and is breached though the
    // close cancels it; resolve, not yet due, is cancelled.
    const late = { number: 1, createdAt: "2026-03-10T07:00:00Z", labels: ["severity: 1"], state: "closed" as const, closedAt: "2026-03-10T12:00:00Z", stateReason: "not_planned" };
    c.add(issue(late), [closed("2026-03-10T12:00:00Z", ENGINEER, "not_planned")]);
    const s = c.finish().severities.find((x) => x.severity === 1)!;
    const figures = Object.fromEntries(s.targets.map((t) => [t.target, { incidents: t.incidents, breached: t.breached, cancelled: t.cancelled }]));
    expect(figures).toEqual({
      accept: { incidents: 1, breached: 1, cancelled: 0 },
      workaround: { incidents: 1, breached: 1, cancelled: 0 },
      resolve: { incidents: 1, breached: 0, cancelled: 1 },
    });
    for (const t of [...s.targets, ...acme().severities.flatMap((x) => x.targets), ...globex().severities.flatMap((x) => x.targets)]) {
      expect(t.metOnTime + t.breached + t.pending + t.cancelled).toBe(t.incidents);
    }
  });

  it("the report does not depend on the order incidents arrive in", () => {
    const reversed = buildReport({ period: PERIOD, now }, [{ repository: "acme/support", config: acmeConfig(), incidents: [...ACME_INCIDENTS].reverse() }]);
    expect(reversed.customers[0]).toEqual(acme());
  });
});

describe("what is not an incident, and what cannot be evaluated", () => {
  const collect = () => collectRepository({ repository: "acme/support", config: acmeConfig() }, { period: PERIOD, now });

  it("skips issues created after now (the report as of an earlier time)", () => {
    const c = collect();
    c.add(issue({ number: 1, createdAt: "2026-03-10T07:00:00Z" }), []);
    c.add(issue({ number: 2, createdAt: "2026-04-02T07:00:00Z" }), []);
    expect(c.finish().incidentList.map((r) => r.number)).toEqual([1]);
  });

  it("skips the app's configuration-error issue, but not a customer's issue quoting its marker", () => {
    const c = collect();
    const body = "<!-- incident-sla:config-error -->";
    c.add(issue({ number: 1, createdAt: "2026-03-10T07:00:00Z", author: "incident-sla[bot]", association: "NONE", body }), []);
    c.add(issue({ number: 2, createdAt: "2026-03-10T07:00:00Z", body }), []);
    // Whichever app opened it (a sweep run with Actions' token writes as github-actions[bot]).
    c.add(issue({ number: 3, createdAt: "2026-03-10T07:00:00Z", author: "github-actions[bot]", association: "NONE", body }), []);
    expect(c.finish().incidentList.map((r) => r.number)).toEqual([2]);
  });

  it("keeps a malformed incident as an error with its number and line, and counts the rest", () => {
    const c = collect();
    c.add(issue({ number: 1, createdAt: "2026-03-10T07:00:00Z" }), [labeled("not a time", "eng-anna", "state: accepted")], 1);
    c.add(issue({ number: 2, createdAt: "2026-03-10T07:00:00Z" }), [], 2);
    const out = c.finish();
    expect(out.incidents).toBe(1);
    expect(out.errors).toEqual([{ number: 1, line: 1, message: expect.stringContaining("timeline[0].created_at") }]);
  });

  it("a target the contract leaves out has no figures (level 3 has no workaround)", () => {
    expect(acme().severities.find((s) => s.severity === 3)!.targets.map((t) => t.target)).toEqual(["accept", "resolve"]);
    expect(TARGET_NAMES).toContain("workaround");
  });
});

// How many evaluations one plan costs (issue 12, item 2): planIncident
// normalises the incident once, replays it once with the severity label it
// sets, decides the app's waiting label (P7) from that replay, and computes
// the results once with the app's label change as an event at `now` going on
// from the replay: one evaluation in every case, never through the
// REST-shaped explainIncident.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { parseConfig } from "../../src/config/parse-config.js";
import { evaluate, explainIncident, explainNormalised, replayNormalised, resultsOf } from "../../src/domain/clock/evaluate.js";
import { continueReplay, replayTimeline } from "../../src/domain/clock/replay.js";
import { planIncident } from "../../src/domain/plans/plan-incident.js";
import { COMPLETE, formBody } from "../fixtures/app/forms.js";
import { BOT, CUSTOMER, ENGINEER, issue, labeled, unlabeled } from "../fixtures/incident-builders.js";

vi.mock("../../src/domain/clock/evaluate.js", async (original) => {
  const actual = await original<typeof import("../../src/domain/clock/evaluate.js")>();
  return {
    ...actual,
    explainIncident: vi.fn(actual.explainIncident),
    explainNormalised: vi.fn(actual.explainNormalised),
    replayNormalised: vi.fn(actual.replayNormalised),
    resultsOf: vi.fn(actual.resultsOf),
  };
});
vi.mock("../../src/domain/clock/replay.js", async (original) => {
  const actual = await original<typeof import("../../src/domain/clock/replay.js")>();
  return { ...actual, replayTimeline: vi.fn(actual.replayTimeline), continueReplay: vi.fn(actual.continueReplay) };
});

const MON_0950 = "2026-03-02T06:50:00Z";
const MON_0955 = "2026-03-02T06:55:00Z";
const MON_10 = "2026-03-02T07:00:00Z";
const WAITING = "state: waiting for customer";
const config = parseConfig({ language: "en", team: { engineers: [ENGINEER], orgMembersAreEngineers: false }, diagnostics: { pauseUntilComplete: [3] } });

function incident(o: { labels?: string[]; timeline?: unknown[]; answers?: typeof COMPLETE }) {
  return {
    config,
    issue: issue({ createdAt: MON_0950, body: formBody("en", o.answers ?? COMPLETE), labels: o.labels ?? [], author: CUSTOMER }),
    timeline: o.timeline ?? [],
    now: MON_10,
  };
}
const plan = (o: Parameters<typeof incident>[0]) => planIncident(incident(o));

/** One evaluation: one replay of the timeline and one computation of the results. */
function expectOneEvaluation(): void {
  expect(vi.mocked(replayNormalised)).toHaveBeenCalledTimes(1);
  expect(vi.mocked(replayTimeline)).toHaveBeenCalledTimes(1);
  expect(vi.mocked(resultsOf)).toHaveBeenCalledTimes(1);
  expect(vi.mocked(explainNormalised)).not.toHaveBeenCalled();
  expect(vi.mocked(explainIncident)).not.toHaveBeenCalled();
}

describe("evaluations per plan", () => {
  beforeEach(() => {
    for (const f of [explainIncident, explainNormalised, replayNormalised, resultsOf, replayTimeline, continueReplay]) vi.mocked(f).mockClear();
  });

  it("a new incident the app gives a severity label: one evaluation, with that label", () => {
    const { plan: p, explanation } = plan({});
    expect(p.addLabels[0]).toMatch(/^severity: /);
    expect(explanation.issue.labels).toContain(p.addLabels[0]);
    expectOneEvaluation();
    expect(vi.mocked(continueReplay)).not.toHaveBeenCalled();
  });

  it("an incident with its severity and nothing for the app to pause: one evaluation", () => {
    plan({ labels: ["severity: 2"], timeline: [labeled(MON_0955, ENGINEER, "severity: 2")] });
    expectOneEvaluation();
    expect(vi.mocked(continueReplay)).not.toHaveBeenCalled();
  });

  it("the app adds its waiting label for missing diagnostics: one evaluation, the bot's event at now going on from the replay (P7)", () => {
    const { plan: p, explanation } = plan({ answers: { ...COMPLETE, logs: null } });
    expect(p.addLabels).toContain(WAITING);
    expectOneEvaluation();
    expect(vi.mocked(continueReplay)).toHaveBeenCalledTimes(1);
    expect(explanation.events.at(-1)).toEqual({ kind: "labeled", at: Date.parse(MON_10), actor: { login: BOT, display: BOT }, label: WAITING });
    expect(explanation.issue.labels).toContain(WAITING);
    expect(explanation.evaluation.paused).toBe(true);
  });

  it("the app removes its waiting label once a severity-3 incident's diagnostics are complete: one evaluation, the pause ending at now (P7)", () => {
    const timeline = [labeled(MON_0955, ENGINEER, "severity: 3"), labeled(MON_0955, BOT, WAITING)];
    const { plan: p, explanation } = plan({ labels: ["severity: 3", WAITING], timeline });
    expect(p.removeLabels).toContain(WAITING);
    expectOneEvaluation();
    expect(vi.mocked(continueReplay)).toHaveBeenCalledTimes(1);
    expect(explanation.events.at(-1)).toEqual({ kind: "unlabeled", at: Date.parse(MON_10), actor: { login: BOT, display: BOT }, label: WAITING });
    expect(explanation.issue.labels).toEqual(["severity: 3"]);
    expect(explanation.evaluation.paused).toBe(false);
    expect(explanation.pauses).toEqual([expect.objectContaining({ start: Date.parse(MON_0955), end: Date.parse(MON_10), endReason: "label-removed" })]);
  });

  const cases: { name: string; given: Parameters<typeof incident>[0]; own: unknown[] }[] = [
    { name: "adds", given: { answers: { ...COMPLETE, logs: null } }, own: [labeled(MON_10, BOT, WAITING)] },
    {
      name: "removes",
      given: { labels: ["severity: 3", WAITING], timeline: [labeled(MON_0955, ENGINEER, "severity: 3"), labeled(MON_0955, BOT, WAITING)] },
      own: [unlabeled(MON_10, BOT, WAITING)],
    },
  ];
  it.each(cases)("the app $name its waiting label: the one evaluation is the evaluation of the issue after the plan, as GitHub will show it", ({ given, own }) => {
    const { plan: p, explanation } = plan(given);
    const labelsAfter = [...(given.labels ?? []), ...p.addLabels].filter((l) => !p.removeLabels.includes(l));
    expect(explanation.evaluation).toEqual(evaluate(incident({ ...given, labels: labelsAfter, timeline: [...(given.timeline ?? []), ...own] })));
  });
});

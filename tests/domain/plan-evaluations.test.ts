// How many evaluations one plan costs (issue 12, item 2): planIncident
// normalises the incident once and evaluates it with its own decisions added
// as labels and events; a second evaluation only when the app changes its
// waiting label (P7), never through the REST-shaped explainIncident.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { parseConfig } from "../../src/config/parse-config.js";
import { explainIncident, explainNormalised } from "../../src/domain/clock/evaluate.js";
import { planIncident } from "../../src/domain/plans/plan-incident.js";
import { COMPLETE, formBody } from "../fixtures/app/forms.js";
import { BOT, CUSTOMER, ENGINEER, issue, labeled } from "../fixtures/incident-builders.js";

vi.mock("../../src/domain/clock/evaluate.js", async (original) => {
  const actual = await original<typeof import("../../src/domain/clock/evaluate.js")>();
  return { ...actual, explainIncident: vi.fn(actual.explainIncident), explainNormalised: vi.fn(actual.explainNormalised) };
});

const MON_0955 = "2026-03-02T06:55:00Z";
const MON_10 = "2026-03-02T07:00:00Z";
const WAITING = "state: waiting for customer";
const config = parseConfig({ language: "en", team: { engineers: [ENGINEER], orgMembersAreEngineers: false }, diagnostics: { pauseUntilComplete: [3] } });

function plan(o: { labels?: string[]; timeline?: unknown[]; answers?: typeof COMPLETE }) {
  return planIncident({
    config,
    issue: issue({ createdAt: MON_0955, body: formBody("en", o.answers ?? COMPLETE), labels: o.labels ?? [], author: CUSTOMER }),
    timeline: o.timeline ?? [],
    now: MON_10,
  });
}

describe("evaluations per plan", () => {
  beforeEach(() => {
    vi.mocked(explainIncident).mockClear();
    vi.mocked(explainNormalised).mockClear();
  });

  it("a new incident the app gives a severity label: one evaluation, with that label", () => {
    const { plan: p, explanation } = plan({});
    expect(p.addLabels[0]).toMatch(/^severity: /);
    expect(explanation.issue.labels).toContain(p.addLabels[0]);
    expect(vi.mocked(explainNormalised)).toHaveBeenCalledTimes(1);
    expect(vi.mocked(explainIncident)).not.toHaveBeenCalled();
  });

  it("an incident with its severity and nothing for the app to pause: one evaluation", () => {
    plan({ labels: ["severity: 2"], timeline: [labeled(MON_0955, ENGINEER, "severity: 2")] });
    expect(vi.mocked(explainNormalised)).toHaveBeenCalledTimes(1);
    expect(vi.mocked(explainIncident)).not.toHaveBeenCalled();
  });

  it("the app adds its waiting label for missing diagnostics: two, the second with the bot's event at now (P7)", () => {
    const { plan: p, explanation } = plan({ answers: { ...COMPLETE, logs: null } });
    expect(p.addLabels).toContain(WAITING);
    expect(vi.mocked(explainNormalised)).toHaveBeenCalledTimes(2);
    expect(vi.mocked(explainIncident)).not.toHaveBeenCalled();
    expect(explanation.events.at(-1)).toEqual({ kind: "labeled", at: Date.parse(MON_10), actor: { login: BOT, display: BOT }, label: WAITING });
    expect(explanation.evaluation.paused).toBe(true);
  });
});

// No lost events (README, Health and metrics): a delivery GitHub could not make while the app
// was down is sent again after the app starts (its first reconciliation lists the app's
// deliveries and asks for the failed one), the redelivered event is handled and the incident
// gets its status comment; the next check asks for nothing.
import { afterAll, describe, expect, it } from "vitest";
import { formBody } from "../fixtures/app/forms.js";
import { deliveriesOf, recordDelivery, redeliveriesSent } from "../support/fake-github/deliveries.js";
import { COMPLETE_LEVEL3, CUSTOMER, contract } from "./support/contracts.js";
import { summarise } from "./support/state.js";
import { World, stopAllWorlds } from "./support/world.js";

afterAll(stopAllWorlds, 20_000);

describe("failed deliveries are redelivered", () => {
  it("an issues.opened that failed while the app was down: redelivered after start, handled, its status comment written; the next check redelivers nothing", async () => {
    // First reconciliation 6–10 s after start, the next about 20 s later.
    const w = await World.start({ appSlug: "incident-sla", sweepInterval: 20 });
    const { yaml } = contract();
    const repo = w.repo("support", yaml, { customers: [CUSTOMER] });
    const issue = w.fake.addIssue(repo, { user: CUSTOMER, title: "Login fails", body: formBody("en", COMPLETE_LEVEL3) });
    const target = { url: w.app.url, secret: w.secret };
    const lost = recordDelivery(w.fake.state, { event: "issues", payload: w.fake.payloads.issues("opened", repo, issue.number), target, at: Date.now() - 120_000 });
    // An event that reached the app is not sent again.
    recordDelivery(w.fake.state, { event: "issues", payload: w.fake.payloads.issues("edited", repo, issue.number), target, statusCode: 200, at: Date.now() - 60_000 });

    const asked = await w.app.waitForLog((l) => l.msg === "failed webhook delivery redelivered", { timeoutMs: 60_000 });
    expect(asked).toMatchObject({ delivery: lost.id, guid: lost.guid, event: "issues.opened" });
    await w.app.waitForLog((l) => l.id === lost.guid && /^incident (updated|unchanged)$/.test(String(l.msg)), { timeoutMs: 30_000 });
    await redeliveriesSent(w.fake.state);
    expect(summarise(w.fake, repo)).toEqual([{ number: issue.number, state: "open", labels: ["severity: 3"], comments: ["bot:status"] }]);

    // The next reconciliation: the event succeeded by its redelivery, nothing is asked again.
    const first = await w.app.waitForLog((l) => l.msg === "webhook deliveries checked", { timeoutMs: 30_000 });
    expect(first).toMatchObject({ listed: 2, redelivered: 1, failed: 0 });
    const from = w.app.logs.indexOf(first) + 1;
    const second = await w.app.waitForLog((l) => l.msg === "webhook deliveries checked", { from, timeoutMs: 60_000 });
    expect(second).toMatchObject({ redelivered: 0, failed: 0 });
    expect(w.app.logs.filter((l) => l.msg === "failed webhook delivery redelivered")).toHaveLength(1);
    const redeliveries = deliveriesOf(w.fake.state).filter((d) => d.redelivery);
    expect(redeliveries.map((d) => [d.guid, d.statusCode])).toEqual([[lost.guid, 200]]);
    expect(w.fake.requests.filter((r) => r.route === "GET /app/hook/deliveries").length).toBeGreaterThanOrEqual(2);
    expect(w.problems()).toEqual([]);
    expect(w.fake.violations).toEqual([]);
  }, 120_000);
});

// Bounded webhooks (README, Security: webhooks) against the real app process: a 60 MB
// unsigned delivery is refused from its Content-Length before it is read (the
// app's memory does not move), and no refused or failed delivery's payload is
// ever written to the log.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { formBody } from "../fixtures/app/forms.js";
import { faults } from "../support/fake-github/faults.js";
import { COMPLETE_LEVEL3, CUSTOMER, contract } from "./support/contracts.js";
import { buildApp } from "./support/build-app.js";
import { World, stopAllWorlds } from "./support/world.js";

vi.setConfig({ maxConcurrency: 4 });
beforeAll(async () => void (await buildApp()), 120_000);
afterAll(stopAllWorlds, 20_000);

const SCENARIO_MS = 75_000;
/** Customer text that must never appear in the app's log. */
const MARKER = "CUSTOMER-TEXT-NEVER-LOGGED-51c2";

/** Streams `bytes` of a body (announced with Content-Length, unless chunked) and resolves with the answer's status. */
function postBody(url: string, bytes: number, options: { chunked?: boolean; send?: number } = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { "content-type": "application/json", "x-github-event": "issues", "x-github-delivery": "delivery-huge" };
    if (!options.chunked) headers["content-length"] = String(bytes);
    // A chunked body is read (up to the cap) before its signature can be checked: give it one.
    else headers["x-hub-signature-256"] = `sha256=${"0".repeat(64)}`;
    const req = request(`${url}/api/github/webhooks`, { method: "POST", headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", (error) => (/ECONNRESET|EPIPE|socket hang up/.test(String(error)) ? undefined : reject(error)));
    const chunk = Buffer.from(`${MARKER} `.repeat(64 * 1024 / (MARKER.length + 1)));
    let sent = 0;
    const limit = options.send ?? bytes;
    const pump = () => {
      while (sent < limit) {
        const piece = chunk.subarray(0, Math.min(chunk.length, limit - sent));
        sent += piece.length;
        if (!req.write(piece)) return void req.once("drain", pump);
      }
      if (options.chunked) req.end();
    };
    req.on("close", () => resolve(0));
    pump();
  });
}

describe.concurrent("bounded webhooks, end to end", () => {
  it("a 60 MB unsigned delivery: refused with 413 from its Content-Length, memory unmoved, nothing of it logged", async () => {
    const w = await World.start({ appSlug: "incident-sla" });
    const rssBefore = w.app.rss()!;
    const peakBefore = w.app.peakRss()!;
    // Only the first megabyte is ever sent: the answer cannot have waited for the rest.
    const status = await postBody(w.app.url, 60 * 1024 * 1024, { send: 1024 * 1024 });
    expect(status).toBe(413);
    const refused = await w.app.waitForLog((l) => l.msg === "webhook delivery refused" && l.delivery === "delivery-huge");
    expect(refused).toMatchObject({ level: 40, status: 413, bytes: 60 * 1024 * 1024 });
    expect(await w.app.ping()).toBe(true);
    // Well below what buffering 60 MB costs (about 700 MB was seen without the guard).
    expect(w.app.peakRss()! - peakBefore).toBeLessThan(40 * 1024 * 1024);
    expect(w.app.rss()! - rssBefore).toBeLessThan(40 * 1024 * 1024);
    expect(JSON.stringify([...w.app.logs, ...w.app.rawOutput])).not.toContain(MARKER);
    expect(w.fake.requests.length).toBe(0);
  }, SCENARIO_MS);

  it("a 30 MB chunked body (no Content-Length): refused with 413 once it passes 25 MB, the app stays up", async () => {
    const w = await World.start({ appSlug: "incident-sla" });
    const status = await postBody(w.app.url, 30 * 1024 * 1024, { chunked: true });
    // The app answers 413 and closes; a client still writing may see the connection end first.
    expect([0, 413]).toContain(status);
    await w.app.waitForLog((l) => l.msg === "webhook delivery refused" && l.delivery === "delivery-huge" && l.status === 413);
    expect(await w.app.ping()).toBe(true);
    expect(JSON.stringify([...w.app.logs, ...w.app.rawOutput])).not.toContain(MARKER);
  }, SCENARIO_MS);

  it("a forged delivery and a failing one: neither payload reaches the log; the failure names the repository and issue", async () => {
    const w = await World.start({ appSlug: "incident-sla" });
    const { yaml } = contract();
    const repo = w.repo("support", yaml, { customers: [CUSTOMER] });
    const issue = w.fake.addIssue(repo, { user: CUSTOMER, title: "Slow login", body: `${formBody("en", COMPLETE_LEVEL3)}\n\n${MARKER}` });
    const payload = w.fake.payloads.issues("opened", repo, issue.number);
    const forged = await w.send("issues", payload, { signature: `sha256=${"0".repeat(64)}`, id: "delivery-forged" });
    expect(forged.status).toBe(400);
    // GitHub fails the status comment: the handler throws, Probot answers 500 and logs the error.
    w.fake.setFault({ method: "POST", path: `/repos/${repo}/issues/${issue.number}/comments` }, faults.status(500, { times: Number.POSITIVE_INFINITY }));
    const failed = await w.send("issues", payload, { id: "delivery-failing" });
    expect(failed.status).toBe(500);
    const logged = await w.app.waitForLog((l) => l.msg === "event failed" && l.id === "delivery-failing");
    expect(logged).toMatchObject({ level: 50, event: "issues.opened", repo, issue: issue.number });
    await w.app.waitForLog((l) => l.level === 50 && l.msg !== "event failed" && l.id === "delivery-failing");
    const everything = JSON.stringify([...w.app.logs, ...w.app.rawOutput]);
    expect(everything).toContain("delivery-failing");
    expect(everything).not.toContain(MARKER);
  }, SCENARIO_MS);
});

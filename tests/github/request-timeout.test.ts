// Every GitHub request has a deadline, Octokit's retries included: a connection
// GitHub never answers must not hold an issue's queue for minutes.
import { ProbotOctokit } from "probot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withRequestTimeout } from "../../src/github/request-timeout.js";
import { type FakeGitHub, createFakeGitHub, faults } from "../support/fake-github/index.js";

let fake: FakeGitHub;
beforeEach(async () => {
  fake = await createFakeGitHub({});
  fake.addRepo({ owner: "acme", name: "support", labels: ["bug"] });
  fake.addToken("t0k", { login: "someone" });
});
afterEach(async () => {
  await fake.close();
});

const client = () => new ProbotOctokit({ auth: { token: "t0k" }, baseUrl: fake.url, throttle: { enabled: false } });

describe("withRequestTimeout", () => {
  it("gives up on a request GitHub never answers, at the deadline, without retrying it", async () => {
    fake.setFault({ method: "GET", path: "/repos/acme/support/labels" }, faults.hang());
    const octokit = withRequestTimeout(client(), 300);
    const started = Date.now();
    const error = (await octokit.rest.issues.listLabelsForRepo({ owner: "acme", repo: "support" }).catch((e: unknown) => e)) as Error;
    const took = Date.now() - started;
    expect(error.message).toContain("GitHub did not answer GET /repos/{owner}/{repo}/labels within 0.3 s");
    expect(took).toBeLessThan(3_000); // Octokit's retries (1 s, 4 s, 9 s apart) did not run
    expect(fake.requests.filter((r) => r.path === "/repos/acme/support/labels")).toHaveLength(1);
  });

  it("leaves a request that answers in time alone, and applies once per client", async () => {
    const octokit = withRequestTimeout(withRequestTimeout(client(), 300), 300);
    const { data } = await octokit.rest.issues.listLabelsForRepo({ owner: "acme", repo: "support" });
    expect(data.map((l) => l.name)).toEqual(["bug"]);
    expect(fake.violations).toEqual([]);
  });

  it("without it, the same hung request is still waiting when the deadline would have passed", async () => {
    fake.setFault({ method: "GET", path: "/repos/acme/support/labels" }, faults.hang());
    const pending = client().rest.issues.listLabelsForRepo({ owner: "acme", repo: "support", request: { retries: 0 } });
    const outcome = await Promise.race([pending.then(() => "answered", () => "failed"), new Promise((r) => setTimeout(() => r("still waiting"), 1_000))]);
    expect(outcome).toBe("still waiting");
  });
});

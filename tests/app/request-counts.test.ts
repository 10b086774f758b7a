// What each handled event costs in GitHub API requests (README, What each event costs),
// asserted so that a regression shows. Counted: every REST request the app
// makes for the event, the installation-token exchange left out (Probot
// caches the token for about an hour per installation). "Reads" are GETs,
// "writes" everything else. Unless a row says otherwise the repository is
// prepared the way installation leaves it (all labels exist) and the event is
// the first for that repository in a fresh process, so the label list (cached
// 10 minutes per repository) is read once when the event adds a label.
// The README's table of figures is this table.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { COMPLETE, appForm, formBody } from "../fixtures/app/forms.js";
import { loadForm } from "../fixtures/incident-builders.js";
import { BOT, OWNER, payload } from "./harness.js";
import { CUSTOMER, ENGINEER, MEMBER, WAITING, contract, installLabels, tally } from "./scenarios.js";
import { World, setUpNetwork, tearDownNetwork } from "./world.js";

beforeEach(setUpNetwork);
afterEach(tearDownNetwork);

const COMPLETE_L3 = loadForm("incident-en-complete-level3.md");

function customerRepo(body: string, o: { language?: "en" | "ru"; labels?: boolean; ownerType?: "User" | "Organization" } = {}) {
  const w = new World("2026-03-02T07:00:00Z");
  const yaml = contract(o.language ?? "en");
  w.gh.setConfig(yaml);
  if (o.labels !== false) installLabels(w.gh, yaml);
  w.ownerType = o.ownerType ?? "User";
  w.gh.orgMembers = [MEMBER];
  w.gh.openIssue({ author: CUSTOMER, body });
  w.at("2026-03-02T07:01:00Z");
  return w;
}

/** Opens the incident and lets the app handle it, then forgets those requests. */
async function handledOpen(body = COMPLETE_L3, o: Parameters<typeof customerRepo>[1] = {}) {
  const w = customerRepo(body, o);
  await w.issueEvent("opened", { sender: CUSTOMER });
  w.gh.clearRequests();
  return w;
}

interface Row {
  event: string;
  run: () => Promise<World>;
  requests: number;
  reads: number;
  writes: number;
}

const rows: Row[] = [
  {
    event: "issues.opened, complete form (level 3)",
    run: async () => {
      const w = customerRepo(COMPLETE_L3);
      await w.issueEvent("opened", { sender: CUSTOMER });
      return w;
    },
    // config, issue, timeline, label list | add labels, status comment | twin check
    requests: 7,
    reads: 5,
    writes: 2,
  },
  {
    event: "issues.opened, complete form, label list already cached (a second incident within 10 minutes)",
    run: async () => {
      const w = customerRepo(COMPLETE_L3);
      w.gh.openIssue({ number: 2, author: CUSTOMER, body: COMPLETE_L3 });
      await w.issueEvent("opened", { sender: CUSTOMER, number: 2 });
      w.gh.clearRequests();
      await w.issueEvent("opened", { sender: CUSTOMER });
      return w;
    },
    requests: 6,
    reads: 4,
    writes: 2,
  },
  {
    event: "issues.opened, complete form, labels not created yet (created on first use)",
    run: async () => {
      const w = customerRepo(COMPLETE_L3, { labels: false });
      await w.issueEvent("opened", { sender: CUSTOMER });
      return w;
    },
    requests: 8,
    reads: 5,
    writes: 3,
  },
  {
    event: "issues.opened, missing diagnostics (ru)",
    run: async () => {
      const w = customerRepo(appForm("incident-ru-missing-logs-and-db-check.md"), { language: "ru" });
      await w.issueEvent("opened", { sender: CUSTOMER });
      return w;
    },
    // + the diagnostics comment and its twin check
    requests: 9,
    reads: 6,
    writes: 3,
  },
  {
    event: "issues.opened, level 1 (phone comment)",
    run: async () => {
      const w = customerRepo(appForm("incident-ru-level1-outage.md"));
      await w.issueEvent("opened", { sender: CUSTOMER });
      return w;
    },
    requests: 9,
    reads: 6,
    writes: 3,
  },
  {
    event: "issues.opened, TEST environment claiming level 1 (correction comment)",
    run: async () => {
      const w = customerRepo(appForm("incident-en-test-env-claims-level1.md"));
      await w.issueEvent("opened", { sender: CUSTOMER });
      return w;
    },
    requests: 9,
    reads: 6,
    writes: 3,
  },
  {
    event: "issues.opened, level 1 claim corrected to 2, missing diagnostics (correction, diagnostics, phone, status)",
    run: async () => {
      const w = customerRepo(formBody("en", { ...COMPLETE, severity: "1", affectedShare: "over10", workaroundAvailable: "no", productVersion: null }));
      await w.issueEvent("opened", { sender: CUSTOMER });
      return w;
    },
    requests: 13,
    reads: 8,
    writes: 5,
  },
  {
    event: "issues.opened in an organisation's repository (members looked up, cached 5 minutes)",
    run: async () => {
      const w = customerRepo(COMPLETE_L3, { ownerType: "Organization" });
      await w.issueEvent("opened", { sender: CUSTOMER });
      return w;
    },
    requests: 8,
    reads: 6,
    writes: 2,
  },
  {
    event: "issues.edited, nothing that matters changed",
    run: async () => {
      const w = await handledOpen();
      w.gh.edit(1, `${COMPLETE_L3}\n`);
      await w.at("2026-03-02T07:05:00Z").issueEvent("edited", { sender: CUSTOMER });
      return w;
    },
    requests: 3,
    reads: 3,
    writes: 0,
  },
  {
    event: "issues.edited, diagnostics completed (label removed, diagnostics comment deleted)",
    run: async () => {
      const w = await handledOpen(appForm("incident-ru-missing-logs-and-db-check.md"), { language: "ru" });
      w.gh.edit(1, appForm("incident-ru-complete-logs-and-db-check.md"));
      await w.at("2026-03-02T07:05:00Z").issueEvent("edited", { sender: CUSTOMER });
      return w;
    },
    // needs: diagnostics removed, the diagnostics comment deleted (found in the timeline by its marker)
    requests: 5,
    reads: 3,
    writes: 2,
  },
  {
    event: "issues.edited, diagnostics still incomplete (the list in the diagnostics comment edited)",
    run: async () => {
      const w = await handledOpen(appForm("incident-en-missing-version-and-steps.md"));
      w.gh.edit(1, appForm("incident-en-missing-version-and-steps.md").replace("### Product version\n\n_No response_", "### Product version\n\n4.2.1"));
      await w.at("2026-03-02T07:05:00Z").issueEvent("edited", { sender: CUSTOMER });
      return w;
    },
    requests: 4,
    reads: 3,
    writes: 1,
  },
  {
    event: "issues.opened delivered a second time (every comment found by its marker)",
    run: async () => {
      const w = await handledOpen(formBody("en", { ...COMPLETE, severity: "1", affectedShare: "over10", workaroundAvailable: "no", productVersion: null }));
      await w.issueEvent("opened", { sender: CUSTOMER });
      return w;
    },
    requests: 3,
    reads: 3,
    writes: 0,
  },
  {
    event: "issues.labeled, waiting label by a support engineer",
    run: async () => {
      const w = await handledOpen();
      w.at("2026-03-02T07:05:00Z").gh.label(1, WAITING, ENGINEER);
      await w.issueEvent("labeled", { sender: ENGINEER, label: WAITING });
      return w;
    },
    // sla: paused added, status edited
    requests: 5,
    reads: 3,
    writes: 2,
  },
  {
    event: "issues.labeled, waiting label by the customer (removed, explained)",
    run: async () => {
      const w = await handledOpen();
      w.at("2026-03-02T07:05:00Z").gh.label(1, WAITING, CUSTOMER);
      await w.issueEvent("labeled", { sender: CUSTOMER, label: WAITING });
      return w;
    },
    requests: 6,
    reads: 4,
    writes: 2,
  },
  {
    event: "issues.labeled, waiting label by the customer again (removed, the one explanation edited)",
    run: async () => {
      const w = await handledOpen();
      w.at("2026-03-02T07:05:00Z").gh.label(1, WAITING, CUSTOMER);
      await w.issueEvent("labeled", { sender: CUSTOMER, label: WAITING });
      w.at("2026-03-02T07:06:00Z").gh.label(1, WAITING, CUSTOMER);
      w.gh.clearRequests();
      await w.issueEvent("labeled", { sender: CUSTOMER, label: WAITING });
      return w;
    },
    requests: 5,
    reads: 3,
    writes: 2,
  },
  {
    event: "issues.labeled, state: resolved by the customer (removed, explained)",
    run: async () => {
      const w = await handledOpen();
      w.at("2026-03-02T07:05:00Z").gh.label(1, "state: resolved", CUSTOMER);
      await w.issueEvent("labeled", { sender: CUSTOMER, label: "state: resolved" });
      return w;
    },
    requests: 6,
    reads: 4,
    writes: 2,
  },
  {
    event: "any incident event once the issue's write cap is reached (20 writes in the hour)",
    run: async () => {
      const w = await handledOpen();
      // 2 writes on opening, 2 for each refused waiting label.
      for (let m = 10; m < 20; m++) {
        w.at(`2026-03-02T07:${m}:00Z`).gh.label(1, WAITING, CUSTOMER);
        w.gh.clearRequests();
        await w.issueEvent("labeled", { sender: CUSTOMER, label: WAITING });
      }
      return w;
    },
    requests: 3,
    reads: 3,
    writes: 0,
  },
  {
    event: "issues.unlabeled for a label deleted from the repository (label list read again, the label created, status edited)",
    run: async () => {
      const w = await handledOpen();
      w.at("2026-03-02T07:30:00Z").gh.labels.delete("severity: 3");
      w.gh.issue(1).labels = [];
      const p = w.issuePayload("unlabeled", { sender: OWNER });
      delete p.label;
      await w.receive("issues", p);
      return w;
    },
    requests: 6,
    reads: 4,
    writes: 2,
  },
  {
    event: "label.deleted, one of the app's labels (label list read again, the label created)",
    run: async () => {
      const w = await handledOpen();
      w.gh.labels.delete("sla: breached");
      await w.receive("label", { ...payload("label", "deleted"), label: { name: "sla: breached" } });
      return w;
    },
    requests: 3,
    reads: 2,
    writes: 1,
  },
  {
    event: "label.deleted, a label the app does not use",
    run: async () => {
      const w = await handledOpen();
      await w.receive("label", { ...payload("label", "deleted"), label: { name: "bug" } });
      return w;
    },
    requests: 1,
    reads: 1,
    writes: 0,
  },
  {
    event: "issue_comment.edited, the status comment by someone else (put back)",
    run: async () => {
      const w = await handledOpen();
      const status = w.gh.commentsOn(1)[0]!;
      status.body = status.body.replace("Severity 3", "Severity 1");
      const p = w.at("2026-03-02T07:05:00Z").issuePayload("created", { sender: ENGINEER, comment: status });
      await w.receive("issue_comment", { ...p, action: "edited" });
      return w;
    },
    requests: 4,
    reads: 3,
    writes: 1,
  },
  {
    event: "issue_comment.deleted, the status comment (created again)",
    run: async () => {
      const w = await handledOpen();
      const status = w.gh.commentsOn(1)[0]!;
      w.gh.comments.delete(status.id);
      const p = w.at("2026-03-02T07:05:00Z").issuePayload("created", { sender: ENGINEER, comment: status });
      await w.receive("issue_comment", { ...p, action: "deleted" });
      return w;
    },
    // + the twin check after creating it
    requests: 5,
    reads: 4,
    writes: 1,
  },
  {
    event: "issue_comment.edited or .deleted by the app itself, or of a comment the app did not write",
    run: async () => {
      const w = await handledOpen();
      const status = w.gh.commentsOn(1)[0]!;
      await w.receive("issue_comment", { ...w.issuePayload("created", { sender: BOT, comment: status }), action: "edited" });
      const theirs = w.gh.comment(1, CUSTOMER, "Logs attached");
      await w.receive("issue_comment", { ...w.issuePayload("created", { sender: CUSTOMER, comment: theirs }), action: "edited" });
      await w.receive("issue_comment", { ...w.issuePayload("created", { sender: CUSTOMER, comment: theirs }), action: "deleted" });
      return w;
    },
    requests: 0,
    reads: 0,
    writes: 0,
  },
  {
    event: "issues.labeled, a label the app does not care about",
    run: async () => {
      const w = await handledOpen();
      w.at("2026-03-02T07:05:00Z").gh.label(1, "bug", ENGINEER);
      await w.issueEvent("labeled", { sender: ENGINEER, label: "bug" });
      return w;
    },
    requests: 3,
    reads: 3,
    writes: 0,
  },
  {
    event: "issue_comment.created by the customer while paused (pause ends)",
    run: async () => {
      const w = await handledOpen();
      w.at("2026-03-02T07:05:00Z").gh.label(1, WAITING, ENGINEER);
      await w.issueEvent("labeled", { sender: ENGINEER, label: WAITING });
      w.gh.clearRequests();
      await w.at("2026-03-02T07:06:00Z").commentEvent(w.gh.comment(1, CUSTOMER, "Here are the logs"));
      return w;
    },
    // waiting and sla: paused removed, status edited
    requests: 6,
    reads: 3,
    writes: 3,
  },
  {
    event: "issue_comment.created by a support engineer while paused (only time passed)",
    run: async () => {
      const w = await handledOpen();
      w.at("2026-03-02T07:05:00Z").gh.label(1, WAITING, ENGINEER);
      await w.issueEvent("labeled", { sender: ENGINEER, label: WAITING });
      w.gh.clearRequests();
      await w.at("2026-03-02T08:06:00Z").commentEvent(w.gh.comment(1, ENGINEER, "Could you also send the LDAP config?"));
      return w;
    },
    requests: 3,
    reads: 3,
    writes: 0,
  },
  {
    event: "issue_comment.created while the clock runs",
    run: async () => {
      const w = await handledOpen();
      await w.at("2026-03-02T07:06:00Z").commentEvent(w.gh.comment(1, CUSTOMER, "Any news?"));
      return w;
    },
    requests: 3,
    reads: 3,
    writes: 0,
  },
  {
    event: "issues.closed (status edited)",
    run: async () => {
      const w = await handledOpen();
      w.at("2026-03-02T07:30:00Z").gh.close(1, ENGINEER);
      await w.issueEvent("closed", { sender: ENGINEER });
      return w;
    },
    requests: 4,
    reads: 3,
    writes: 1,
  },
  {
    event: "issue_comment.created while closed as not planned (only time passed)",
    run: async () => {
      const w = await handledOpen();
      w.at("2026-03-02T07:30:00Z").gh.close(1, ENGINEER, "not_planned");
      await w.issueEvent("closed", { sender: ENGINEER });
      w.gh.clearRequests();
      await w.at("2026-03-02T09:30:00Z").commentEvent(w.gh.comment(1, CUSTOMER, "Sorry, wrong repository"));
      return w;
    },
    requests: 3,
    reads: 3,
    writes: 0,
  },
  {
    event: "any event sent by the app itself",
    run: async () => {
      const w = await handledOpen();
      await w.issueEvent("labeled", { sender: BOT, label: "severity: 3" });
      return w;
    },
    requests: 0,
    reads: 0,
    writes: 0,
  },
  {
    event: "any incident event in a repository without configuration",
    run: async () => {
      const w = new World("2026-03-02T07:00:00Z");
      w.gh.openIssue({ author: CUSTOMER, body: COMPLETE_L3 });
      await w.issueEvent("opened", { sender: CUSTOMER });
      return w;
    },
    // the repository's own file only (the organisation's .github file is a default to extend, never read alone)
    requests: 1,
    reads: 1,
    writes: 0,
  },
  {
    event: "any incident event in a repository with only the organisation's .github file (not a customer's)",
    run: async () => {
      const w = new World("2026-03-02T07:00:00Z");
      w.gh.setConfig(contract("en"), `${OWNER}/.github`);
      w.gh.openIssue({ author: CUSTOMER, body: COMPLETE_L3 });
      await w.issueEvent("opened", { sender: CUSTOMER });
      return w;
    },
    // the repository's own file only: without it, the organisation's file is not read
    requests: 1,
    reads: 1,
    writes: 0,
  },
  {
    event: "first incident event with an invalid configuration (error issue opened)",
    run: async () => {
      const w = customerRepo(COMPLETE_L3);
      w.gh.setConfig("language: fr\n");
      await w.issueEvent("opened", { sender: CUSTOMER });
      return w;
    },
    // config, open error issues | create | open error issues again (a replica's twin is closed as duplicate)
    requests: 4,
    reads: 3,
    writes: 1,
  },
  {
    event: "any incident event with an invalid configuration, error issue already open",
    run: async () => {
      const w = customerRepo(COMPLETE_L3);
      w.gh.setConfig("language: fr\n");
      await w.issueEvent("opened", { sender: CUSTOMER });
      w.gh.clearRequests();
      await w.issueEvent("edited", { sender: CUSTOMER });
      return w;
    },
    requests: 2,
    reads: 2,
    writes: 0,
  },
  {
    event: "installation.created, one configured repository without labels",
    run: async () => {
      const w = new World("2026-03-02T07:00:00Z");
      w.gh.setConfig(contract("en"));
      await w.receive("installation", payload("installation", "created"));
      return w;
    },
    // config, open error issues, label list | 12 labels created
    requests: 15,
    reads: 3,
    writes: 12,
  },
  {
    event: "push fixing an invalid configuration (error issue closed, labels created)",
    run: async () => {
      const w = customerRepo(COMPLETE_L3, { labels: false });
      w.gh.setConfig("language: fr\n");
      await w.issueEvent("opened", { sender: CUSTOMER });
      w.gh.setConfig(contract("en"));
      w.gh.clearRequests();
      const p = payload("push", undefined, 4);
      p.ref = "refs/heads/master";
      p.commits = [{ ...p.commits[0], added: [], modified: [".github/incident-sla.yml"], removed: [] }];
      await w.receive("push", p);
      return w;
    },
    // config, open error issues, label list | comment and close the error issue, 12 labels created
    requests: 17,
    reads: 3,
    writes: 14,
  },
];

describe("API requests per handled event", () => {
  it.each(rows)("$event: $requests requests ($reads reads, $writes writes)", async ({ run, requests, reads, writes }) => {
    const w = await run();
    expect(tally(w.gh)).toEqual({ requests, reads, writes });
    expect(w.gh.unhandled).toEqual([]);
  });

  it("the installation token is exchanged once and reused by later events", async () => {
    const w = await handledOpen();
    await w.issueEvent("edited", { sender: CUSTOMER });
    await w.commentEvent(w.gh.comment(1, CUSTOMER, "Any news?"));
    expect(w.gh.requests.filter((r) => r.path.endsWith("/access_tokens"))).toEqual([]);
  });
});

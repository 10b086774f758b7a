// Organisation issue fields kept by the sweep (README, Managers' views),
// against the local fake GitHub: after one sweep every configured field
// carries the incident's next due date (the contract's zone), status and
// severity; a steady sweep writes nothing; a value changed by hand is put
// back; a missing field, a missing option, a 403 and a 404 are reported once
// in the repository's issue-fields issue and the labels are still written.
//
// Times: Mon 2 March 2026, 22:10Z = 01:10 Tue 3 March in Moscow (UTC+3).
// #1 severity 1 opened 22:00Z: acceptance due 22:30Z = 01:30 MSK on 3 March
// (its UTC date would be 2 March). #2 severity 2 opened 19:00Z: acceptance
// (1h) was due 20:00Z = 23:00 MSK on 2 March, breached.
import { ProbotOctokit } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { handleIncident } from "../../src/app/handle-incident.js";
import { createServices } from "../../src/app/services.js";
import { readMarker } from "../../src/domain/texts/markers.js";
import { ACTIONS_BOT, ACTIONS_TOKEN, CONFIG_PATH, SweepWorld, VALID_CONFIG, writesOf } from "./sweep-world.js";

const NOW = "2026-03-02T22:10:00Z";
const CONFIG = `${VALID_CONFIG}\nissueFields:\n  nextDue: SLA due\n  status: SLA status\n  severity: Severity\n`;
const STATUS_OPTIONS = ["running", "paused", "at risk", "breached", "met", "not covered"];
const SEVERITY_OPTIONS = ["severity: 1", "severity: 2", "severity: 3"];
const FIELDS_ROUTE = "/repos/{owner}/{repo}/issues/{issue_number}/issue-field-values";

let w: SweepWorld;
afterEach(async () => {
  await w.close();
  expect(w.fake.violations).toEqual([]);
});

async function world(options: { statusOptions?: string[]; dueField?: boolean } = {}): Promise<string> {
  w = await new SweepWorld(NOW).start();
  w.org("acme", 11);
  const fields = w.fake.state.issueFields;
  if (options.dueField !== false) fields.define("acme", { name: "SLA due", dataType: "date" });
  fields.define("acme", { name: "SLA status", dataType: "single_select", options: options.statusOptions ?? STATUS_OPTIONS });
  fields.define("acme", { name: "Severity", dataType: "single_select", options: SEVERITY_OPTIONS });
  fields.define("acme", { name: "Team", dataType: "text" });
  const repo = w.repo("acme/portal", CONFIG);
  w.incident(repo, { number: 1, severity: 1, createdAt: "2026-03-02T22:00:00Z" });
  w.incident(repo, { number: 2, severity: 2, createdAt: "2026-03-02T19:00:00Z" });
  return repo;
}

const valuesOf = (repo: string, n: number) => w.fake.state.issueFields.namedValues(w.fake.state.issue(repo, n));
/** The app's open issue-fields issues in the repository. */
const fieldsIssues = (repo: string) => w.fake.state.repo(repo).issues.filter((i) => i.state === "open" && readMarker(i.body)?.key === "issue-fields");

describe("issue fields kept by the sweep", () => {
  it("writes every configured field after one sweep, and nothing on a steady second sweep", async () => {
    const repo = await world();
    // A field the app does not own keeps its value (POST adds, PUT would replace all).
    w.fake.state.issueFields.setByHand(w.fake.state.issue(repo, 1), "Team", "billing");

    const first = await w.sweep(["--repo", repo]);
    expect(first.code).toBe(0);
    expect(valuesOf(repo, 1)).toEqual({ Team: "billing", "SLA due": "2026-03-03", "SLA status": "running", Severity: "severity: 1" });
    expect(valuesOf(repo, 2)).toEqual({ "SLA due": "2026-03-02", "SLA status": "breached", Severity: "severity: 2" });
    // One write per incident for its fields; the labels as always.
    expect(first.requests.filter((r) => r.route === `POST ${FIELDS_ROUTE}`)).toHaveLength(2);
    expect(w.fake.labelsOf(repo, 2)).toEqual(["severity: 2", "sla: breached"]);
    expect(fieldsIssues(repo)).toEqual([]);

    w.at("2026-03-02T22:11:00Z");
    const again = await w.sweep(["--repo", repo]);
    expect(writesOf(again.requests)).toEqual([]);
    // The extra reads of the fields: the organisation's list once, the repository's open issues (100 a page).
    expect(again.requests.map((r) => r.route)).toEqual([
      "GET /repos/{owner}/{repo}/contents/{path}",
      "GET /orgs/{org}/issue-fields",
      "GET /repos/{owner}/{repo}/issues",
      "POST /graphql",
    ]);
    expect(again.repos[0]).toMatchObject({ reads: 2, writes: 0, changed: 0 });
  });

  it("puts back a value changed by hand", async () => {
    const repo = await world();
    await w.sweep(["--repo", repo]);
    const issue = w.fake.state.issue(repo, 1);
    w.fake.state.issueFields.setByHand(issue, "SLA status", "met");
    w.fake.state.issueFields.setByHand(issue, "SLA due", "2027-01-01");

    w.at("2026-03-02T22:11:00Z");
    const run = await w.sweep(["--repo", repo]);
    expect(valuesOf(repo, 1)).toEqual({ "SLA due": "2026-03-03", "SLA status": "running", Severity: "severity: 1" });
    expect(writesOf(run.requests).map((r) => r.route)).toEqual([`POST ${FIELDS_ROUTE}`]);
  });

  it("reports a missing field once and still writes the labels and the other fields", async () => {
    const repo = await world({ dueField: false });
    const first = await w.sweep(["--repo", repo]);
    expect(first.code).toBe(0);
    expect(w.fake.labelsOf(repo, 2)).toEqual(["severity: 2", "sla: breached"]);
    expect(valuesOf(repo, 2)).toEqual({ "SLA status": "breached", Severity: "severity: 2" });
    const [report] = fieldsIssues(repo);
    expect(fieldsIssues(repo)).toHaveLength(1);
    expect(report!.title).toBe("incident-sla: organisation issue fields");
    expect(report!.body).toContain('The organisation has no issue field "SLA due" (configured for the next due date).');
    expect(report!.body).not.toMatch(/P\d/);

    w.at("2026-03-02T22:11:00Z");
    const again = await w.sweep(["--repo", repo]);
    expect(writesOf(again.requests)).toEqual([]);
    expect(fieldsIssues(repo)).toHaveLength(1);

    // The field created: the issue closes itself and the due dates are written.
    w.fake.state.issueFields.define("acme", { name: "SLA due", dataType: "date" });
    w.at("2026-03-02T22:12:00Z");
    await w.sweep(["--repo", repo]);
    expect(fieldsIssues(repo)).toEqual([]);
    expect(valuesOf(repo, 1)["SLA due"]).toBe("2026-03-03");
  });

  it("closes its issue once the configuration names no issue fields any more, and writes nothing after", async () => {
    const repo = await world({ dueField: false });
    await w.sweep(["--repo", repo]);
    const [report] = fieldsIssues(repo);
    expect(report).toBeDefined();

    // The vendor gives up on fields: the issue is about nothing now.
    w.fake.setFile(repo, CONFIG_PATH, VALID_CONFIG);
    w.at("2026-03-02T22:11:00Z");
    const after = await w.sweep(["--repo", repo]);
    expect(fieldsIssues(repo)).toEqual([]);
    expect(w.fake.commentsOf(repo, report!.number).map((c) => c.body)).toEqual(["The configuration names no issue fields any more: nothing is left to fix here."]);
    expect(writesOf(after.requests).map((r) => r.route)).toEqual(["POST /repos/{owner}/{repo}/issues/{issue_number}/comments", "PATCH /repos/{owner}/{repo}/issues/{issue_number}"]);
    expect(after.repos[0]).toMatchObject({ writes: 2, incidents: 2 });

    w.at("2026-03-02T22:12:00Z");
    expect(writesOf((await w.sweep(["--repo", repo])).requests)).toEqual([]);
  });

  it("reports an option missing from a single select once; the values it has are written", async () => {
    const repo = await world({ statusOptions: ["running", "paused", "at risk", "breached", "met"] });
    await w.sweep(["--repo", repo]);
    expect(valuesOf(repo, 1)["SLA status"]).toBe("running");
    const issues = fieldsIssues(repo);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.body).toContain('The single select field "SLA status" has no option "not covered".');
    w.at("2026-03-02T22:11:00Z");
    expect(writesOf((await w.sweep(["--repo", repo])).requests)).toEqual([]);
  });

  it.each([
    { status: 403, kind: "write" as const, doing: "wrote an incident's field values" },
    { status: 404, kind: "list" as const, doing: "read the organisation's issue fields" },
    { status: 404, kind: "write" as const, doing: "wrote an incident's field values" },
  ])("reports GitHub's $status on $kind once; the labels are still written", async ({ status, kind, doing }) => {
    const repo = await world();
    w.fake.state.issueFields.refuse(kind === "list" ? "acme" : repo, kind, status);
    const first = await w.sweep(["--repo", repo]);
    expect(first.code).toBe(0);
    expect(first.repos[0]).toMatchObject({ ok: true });
    expect(w.fake.labelsOf(repo, 2)).toEqual(["severity: 2", "sla: breached"]);
    expect(valuesOf(repo, 1)).toEqual({});
    const issues = fieldsIssues(repo);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.body).toContain(`GitHub answered ${status}`);
    expect(issues[0]!.body).toContain(doing);
    // A refused write is tried once per repository, not once per incident.
    expect(first.requests.filter((r) => r.route === `POST ${FIELDS_ROUTE}`)).toHaveLength(kind === "write" ? 1 : 0);

    w.at("2026-03-02T22:11:00Z");
    const again = await w.sweep(["--repo", repo]);
    expect(fieldsIssues(repo)).toHaveLength(1);
    // Nothing more is created or edited (a refused write is tried again, once, and changes nothing).
    expect(writesOf(again.requests).filter((r) => r.status < 400)).toEqual([]);

    // GitHub accepts again: the values are written and the issue closes itself.
    w.fake.state.issueFields.refuse(kind === "list" ? "acme" : repo, kind, null);
    w.at("2026-03-02T22:12:00Z");
    await w.sweep(["--repo", repo]);
    expect(valuesOf(repo, 1)["SLA status"]).toBe("running");
    expect(fieldsIssues(repo)).toEqual([]);
  });
});

describe("what the fields cost a sweep", () => {
  it("reads the organisation's list once per installation and each repository's open issues 100 a request", async () => {
    const repo = await world();
    const other = w.repo("acme/billing", CONFIG);
    // Opened at night on the business clock: running, nothing owed but the status comment and the fields.
    for (let n = 3; n <= 150; n++) w.incident(repo, { number: n, severity: 3, createdAt: "2026-03-02T22:05:00Z" });
    w.incident(other, { number: 1, severity: 3, createdAt: "2026-03-02T22:05:00Z" });
    // GitHub's write limits (80 a minute) spread the first writes over a few sweeps, a minute apart.
    let again = await w.sweep([], { mode: "app" });
    for (let minute = 1; minute < 8 && writesOf(again.requests).length > 0; minute++) {
      w.at(new Date(Date.parse(NOW) + minute * 60_000).toISOString());
      again = await w.sweep([], { mode: "app" });
    }
    expect(again.code).toBe(0);
    expect(writesOf(again.requests)).toEqual([]);
    expect(Object.keys(valuesOf(repo, 150))).toEqual(["SLA due", "SLA status", "Severity"]);
    const count = (route: string) => again.requests.filter((r) => r.route === route).length;
    expect(count("GET /orgs/{org}/issue-fields")).toBe(1);
    // 150 open incidents: two pages; 1 incident: one page.
    expect(count("GET /repos/{owner}/{repo}/issues")).toBe(3);
    expect(count(`GET ${FIELDS_ROUTE}`)).toBe(0);
  });
});

describe("issue fields kept on webhook events", () => {
  const Octokit = ProbotOctokit.defaults((o: Record<string, any>) => ({ ...o, retry: { enabled: false }, throttle: { ...o.throttle, enabled: false } }));
  const silent = { info: () => {}, warn: () => {}, debug: () => {} };
  /** One incident event handled in-process, as the app does on a delivery. */
  const deliver = async (services: ReturnType<typeof createServices>, repo: string, issue: number) => {
    const [owner, name] = repo.split("/") as [string, string];
    const octokit = new Octokit({ baseUrl: w.fake.url, auth: { token: `${ACTIONS_TOKEN}_acme` } });
    const first = w.fake.requests.length;
    const handled = await handleIncident(services, { octokit, ref: { owner, repo: name, issue_number: issue }, installationId: 11, ownerType: "Organization", log: silent });
    return { handled, requests: w.fake.requests.slice(first) };
  };

  it("writes the fields of the incident, nothing on a repeated event, and puts back a value changed by hand", async () => {
    const repo = await world();
    const services = createServices(() => Promise.resolve(ACTIONS_BOT), () => w.now);
    const first = await deliver(services, repo, 2);
    expect(first.handled.outcome).toBe("handled");
    expect(valuesOf(repo, 2)).toEqual({ "SLA due": "2026-03-02", "SLA status": "breached", Severity: "severity: 2" });
    expect(first.requests.filter((r) => r.route === "GET /orgs/{org}/issue-fields")).toHaveLength(1);

    // The values come with the issue; the organisation's list is cached: no extra request at all.
    const again = await deliver(services, repo, 2);
    expect(writesOf(again.requests)).toEqual([]);
    expect(again.requests.filter((r) => r.route?.includes("issue-field"))).toEqual([]);

    w.fake.state.issueFields.setByHand(w.fake.state.issue(repo, 2), "Severity", "severity: 3");
    const put = await deliver(services, repo, 2);
    expect(writesOf(put.requests).map((r) => r.route)).toEqual([`POST ${FIELDS_ROUTE}`]);
    expect(valuesOf(repo, 2).Severity).toBe("severity: 2");
  });

  it("clears the due date of a closed incident and reports a refused write once, labels still written", async () => {
    const repo = await world();
    const services = createServices(() => Promise.resolve(ACTIONS_BOT), () => w.now);
    await deliver(services, repo, 1);
    expect(valuesOf(repo, 1)["SLA due"]).toBe("2026-03-03");
    // Closed before its acceptance was due: nothing is owed any more.
    w.fake.state.closeIssue(w.fake.state.issue(repo, 1), "eng-anna");
    const closed = await deliver(services, repo, 1);
    expect(writesOf(closed.requests).map((r) => r.route)).toContain(`DELETE ${FIELDS_ROUTE}/{issue_field_id}`);
    expect(valuesOf(repo, 1)["SLA due"]).toBeUndefined();

    w.fake.state.issueFields.refuse(repo, "write", 403);
    const refused = await deliver(services, repo, 2);
    expect(refused.handled.outcome).toBe("handled");
    expect(w.fake.labelsOf(repo, 2)).toEqual(["severity: 2", "sla: breached"]);
    expect(fieldsIssues(repo)).toHaveLength(1);
    const repeat = await deliver(services, repo, 2);
    expect(writesOf(repeat.requests).filter((r) => r.status < 400)).toEqual([]);
    expect(fieldsIssues(repo)).toHaveLength(1);
  });
});

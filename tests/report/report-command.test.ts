// `incident-sla report` end to end, in-process: offline from a JSON Lines
// export, and from the local GitHub with a token (GitHub Actions' way) or the
// app's credentials (every installation). Whatever the source, the figures
// are the ones the report builder computes from GitHub's REST issue and
// timeline, and each incident's result is what `incident-sla evaluate` says.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { buildReport } from "../../src/report/build-report.js";
import { renderCsv } from "../../src/report/render-csv.js";
import { renderJson } from "../../src/report/render-json.js";
import { renderMarkdown } from "../../src/report/render-markdown.js";
import { Collector } from "../cli/run-cli.js";
import { ACME_CONFIG_PATH, ACME_INCIDENTS, NOW, PERIOD, acmeConfig, globexConfig } from "../fixtures/report/acme-march.js";
import { type World, keys, octokitOptions, startWorld } from "./github-world.js";

const now = Date.parse(NOW);
const dir = mkdtempSync(join(tmpdir(), "incident-sla-report-"));
const jsonl = (incidents: readonly object[]) => incidents.map((i) => JSON.stringify(i)).join("\n") + "\n";
const ACME_JSONL = join(dir, "acme.jsonl");
writeFileSync(ACME_JSONL, jsonl(ACME_INCIDENTS));

async function run(argv: string[], options: { env?: NodeJS.ProcessEnv; stdin?: string } = {}) {
  const stdout = new Collector();
  const stderr = new Collector();
  const code = await main(argv, { stdin: Readable.from([options.stdin ?? ""]), stdout, stderr, env: options.env ?? {}, now: () => now, octokitOptions });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const MARCH = ["--from", PERIOD.from, "--to", PERIOD.to];
const acmeOnly = () => buildReport({ period: PERIOD, now }, [{ repository: "acme/support", config: acmeConfig(), incidents: ACME_INCIDENTS }]);

describe("offline: --input FILE.jsonl --config FILE", () => {
  const offline = [...MARCH, "--input", ACME_JSONL, "--config", ACME_CONFIG_PATH];

  it.each([
    ["markdown in the config's language", [], () => renderMarkdown(acmeOnly(), "en")],
    ["markdown in Russian", ["--lang", "ru"], () => renderMarkdown(acmeOnly(), "ru")],
    ["CSV", ["--format", "csv"], () => renderCsv(acmeOnly(), "en")],
    ["CSV in Russian", ["--format", "csv", "--lang", "ru"], () => renderCsv(acmeOnly(), "ru")],
    ["JSON", ["--format", "json"], () => renderJson(acmeOnly())],
  ])("%s", async (_name, extra, expected) => {
    const result = await run(["report", ...offline, ...extra]);
    expect(result).toEqual({ code: 0, stdout: expected(), stderr: "" });
  });

  it("each incident's result is what `incident-sla evaluate` prints for it at the same --now", async () => {
    const report = JSON.parse((await run(["report", ...offline, "--format", "json", "--now", NOW])).stdout);
    const evaluated = await run(["evaluate", "--config", ACME_CONFIG_PATH, "--now", NOW], { stdin: jsonl(ACME_INCIDENTS) });
    const byNumber = new Map(evaluated.stdout.trim().split("\n").map((l) => JSON.parse(l)).map((e) => [e.number, e]));
    const rows = [...report.customers[0].incidentList, ...report.customers[0].atRisk];
    expect(rows.length).toBe(12); // 8 in March, 4 at risk (#108, #103 and #106 are both)
    for (const row of rows) expect(row.evaluation).toEqual(byNumber.get(row.number));
  });

  it("--now moves the whole report: as of 20 March, #103's resolve is not due yet", async () => {
    const report = JSON.parse((await run(["report", ...offline, "--format", "json", "--now", "2026-03-20 12:00"])).stdout);
    expect(report.now).toBe("2026-03-20T09:00:00.000Z"); // without an offset: Moscow time
    const row = report.customers[0].incidentList.find((r: { number: number }) => r.number === 103);
    expect(row.evaluation.targets.resolve.status).toBe("running");
    expect(report.customers[0].incidents).toBe(5); // #101 #102 #103 #105, and #104 created at 12:00 that day
  });

  it("reads stdin with --input -, and names the repository from the issues' links or --repo", async () => {
    const fromStdin = await run(["report", ...MARCH, "--input", "-", "--config", ACME_CONFIG_PATH, "--format", "json"], { stdin: jsonl(ACME_INCIDENTS) });
    expect(JSON.parse(fromStdin.stdout).customers[0].repository).toBe("acme/support");
    const named = await run(["report", ...offline, "--format", "json", "--repo", "acme/bank-support"]);
    expect(JSON.parse(named.stdout).customers[0].repository).toBe("acme/bank-support");
  });

  it("a line that cannot be evaluated is listed and not counted; the others still are; exit 1", async () => {
    const file = join(dir, "broken.jsonl");
    writeFileSync(file, `${jsonl(ACME_INCIDENTS.slice(0, 3))}{"issue": {"number": 7}\n${JSON.stringify({ ...ACME_INCIDENTS[3], extra: 1 })}\n`);
    const result = await run(["report", ...MARCH, "--input", file, "--config", ACME_CONFIG_PATH, "--format", "json"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("incident-sla report: 2 input lines could not be evaluated (listed in the report, not counted)\n");
    const customer = JSON.parse(result.stdout).customers[0];
    expect(customer.incidents).toBe(3);
    expect(customer.errors).toEqual([
      { number: null, line: 4, message: expect.stringMatching(/^not valid JSON/) },
      { number: null, line: 5, message: expect.stringMatching(/^unknown key "extra"/) },
    ]);
    expect((await run(["report", ...MARCH, "--input", file, "--config", ACME_CONFIG_PATH])).stdout).toContain("2 incidents could not be evaluated and are not counted:\n\n- line 4: not valid JSON");
  });

  it("a line's own now is overruled by the report's one time, and said so", async () => {
    const file = join(dir, "own-now.jsonl");
    writeFileSync(file, jsonl(ACME_INCIDENTS.map((i) => ({ ...i, now: "2026-03-15T00:00:00Z" }))));
    const result = await run(["report", ...MARCH, "--input", file, "--config", ACME_CONFIG_PATH]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(renderMarkdown(acmeOnly(), "en"));
    expect(result.stderr).toBe('incident-sla report: 11 input lines carry their own "now"; the report evaluates every incident at one time, 2026-04-01T09:00:00.000Z\n');
  });
});

describe("usage errors: exit 2", () => {
  it.each([
    ["no period", ["report", "--input", ACME_JSONL, "--config", ACME_CONFIG_PATH], "--from and --to are required"],
    ["half a period", ["report", "--from", "2026-03-01", "--input", ACME_JSONL], "give both --from and --to"],
    ["--from after --to", ["report", "--from", "2026-04-01", "--to", "2026-03-01"], "--from (2026-04-01) is after --to (2026-03-01)"],
    ["a date that does not exist", ["report", "--from", "2026-02-30", "--to", "2026-03-31"], '--from expects a date written YYYY-MM-DD, got "2026-02-30"'],
    ["an unknown format", ["report", ...MARCH, "--format", "xlsx"], '--format expects markdown, csv or json, got "xlsx"'],
    ["an unknown language", ["report", ...MARCH, "--lang", "de"], '--lang expects en or ru, got "de"'],
    ["--input without --config", ["report", ...MARCH, "--input", ACME_JSONL], "--input needs --config FILE"],
    ["--post with --input", ["report", ...MARCH, "--input", ACME_JSONL, "--config", ACME_CONFIG_PATH, "--post"], "--post reads the repositories from GitHub"],
    ["--config without --input", ["report", ...MARCH, "--config", ACME_CONFIG_PATH], "--config goes with --input"],
    ["an input file that is not there", ["report", ...MARCH, "--input", join(dir, "nope.jsonl"), "--config", ACME_CONFIG_PATH], "cannot read input file"],
    ["a malformed --repo", ["report", ...MARCH, "--repo", "acme"], '--repo expects owner/name, got "acme"'],
    ["no credentials", ["report", ...MARCH, "--repo", "acme/support"], "no credentials: set APP_ID and PRIVATE_KEY"],
    ["a token without --repo", ["report", ...MARCH], "no credentials"],
  ])("%s", async (_name, argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain("Run 'incident-sla report --help' for usage.");
  });

  it("report --help has usage, sources, options, examples and exit codes", async () => {
    const result = await run(["report", "--help"]);
    expect(result.code).toBe(0);
    for (const phrase of ["--from DATE", "--input FILE", "--format FORMAT", "--post", "nearest rank", "Examples:", "Exit codes:"]) expect(result.stdout).toContain(phrase);
    expect((await run(["--help"])).stdout).toMatch(/^ {2}report {8}compliance report/m);
  });
});

describe("from the local GitHub", () => {
  let world: World | null = null;
  afterEach(async () => {
    if (!world) return;
    await world.fake.close();
    expect(world.fake.violations).toEqual([]);
    world = null;
  });

  /** The report the builder makes from GitHub's own REST issues and timelines. */
  const fromRest = (w: World, repos: { name: string; numbers: number[]; config: () => ReturnType<typeof acmeConfig> }[]) =>
    buildReport(
      { period: PERIOD, now },
      repos.map((r) => ({
        repository: r.name,
        config: r.config(),
        incidents: r.numbers.map((n) => ({ issue: w.fake.issueOf(r.name, n), timeline: w.fake.timelineOf(r.name, n) })),
      })),
    );
  const ACME = { name: "acme/support", numbers: [100, 101, 102, 103, 104, 105, 106, 108, 109, 110, 111], config: acmeConfig };
  const GLOBEX = { name: "globex/helpdesk", numbers: [1, 2], config: globexConfig };

  it("GITHUB_TOKEN with --repo (GitHub Actions): the same report as from REST, and every evaluation the same", async () => {
    world = await startWorld();
    world.fake.addToken("ghs_actions", { login: "github-actions[bot]" });
    const env = { GITHUB_TOKEN: "ghs_actions", GITHUB_API_URL: world.fake.apiUrl, GITHUB_GRAPHQL_URL: `${world.fake.url}/api/graphql` };
    const result = await run(["report", ...MARCH, "--repo", "acme/support", "--repo", "globex/helpdesk", "--format", "json", "--bot", "incident-sla[bot]"], { env });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(renderJson(fromRest(world, [ACME, GLOBEX]))));
    // Per repository: one page of issues since March and one of older open ones.
    expect(result.stderr).toBe("reported 2 customer repositories (0 failed, 0 without a configuration): 9 incidents in the period, 4 GraphQL requests\n");
    expect(world.fake.counts.graphql).toBe(4);
  });

  it("the app's credentials: every repository of every installation but the defaults; the language the configurations share", async () => {
    world = await startWorld({ report: "report:\n  repository: acme/sla-reports\n" });
    const env = { APP_ID: "7", PRIVATE_KEY: keys.privateKey, GHE_HOST: `127.0.0.1:${world.fake.port}`, GHE_PROTOCOL: "http" };
    const result = await run(["report", ...MARCH], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(renderMarkdown(fromRest(world, [ACME, GLOBEX]), "en"));
    // acme/sla-reports has no configuration; acme/.github holds the defaults and is not read.
    expect(result.stderr).toBe("reported 2 customer repositories (0 failed, 1 without a configuration): 9 incidents in the period, 4 GraphQL requests\n");
    const only = await run(["report", ...MARCH, "--repo", "globex/helpdesk", "--format", "csv", "--lang", "ru"], { env });
    expect(only.stdout).toBe(renderCsv(fromRest(world, [GLOBEX]), "ru"));
    // A name no installation can see is said, and fails the run.
    const missing = await run(["report", ...MARCH, "--repo", "globex/helpdesk", "--repo", "initech/support", "--format", "csv"], { env });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe(renderCsv(fromRest(world, [GLOBEX]), "en"));
    expect(missing.stderr).toMatch(/^incident-sla report: initech\/support: not among the repositories the app's installations can see\n/);
  });

  it("with Probot's own clients (no test options): reads go through unspaced GraphQL clients, one token each, same report", async () => {
    world = await startWorld();
    const env = { APP_ID: "7", PRIVATE_KEY: keys.privateKey, GHE_HOST: `127.0.0.1:${world.fake.port}`, GHE_PROTOCOL: "http" };
    const stdout = new Collector();
    const stderr = new Collector();
    const started = performance.now();
    const code = await main(["report", ...MARCH], { stdin: Readable.from([""]), stdout, stderr, env, now: () => now });
    expect(code).toBe(0);
    expect(stdout.text).toBe(renderMarkdown(fromRest(world, [ACME, GLOBEX]), "en"));
    // Throttled GraphQL waits a second between queries: four of them take at least 3 s.
    expect(performance.now() - started).toBeLessThan(2900);
    // Two installations: a token for listing and configurations, and one for reading.
    expect(world.fake.counts.auth).toBe(4);
  });

  it("a repository with an invalid configuration: the others are reported, it is named, exit 1", async () => {
    world = await startWorld();
    world.fake.setFile("globex/helpdesk", ".github/incident-sla.yml", "timezone: Mars/Olympus\n");
    world.fake.addToken("ghs_actions", { login: "github-actions[bot]" });
    const env = { GITHUB_TOKEN: "ghs_actions", GITHUB_API_URL: world.fake.apiUrl, GITHUB_GRAPHQL_URL: `${world.fake.url}/api/graphql` };
    const result = await run(["report", ...MARCH, "--repo", "acme/support", "--repo", "globex/helpdesk"], { env });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(renderMarkdown(fromRest(world, [ACME]), "en"));
    expect(result.stderr).toMatch(/^incident-sla report: globex\/helpdesk: Invalid configuration in \.github\/incident-sla\.yml:\n {2}- timezone, line 1: expected an IANA time zone/);
    expect(result.stderr).toContain("reported 1 customer repository (1 failed, 0 without a configuration)");
  });
});

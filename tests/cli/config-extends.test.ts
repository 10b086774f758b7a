// evaluate, explain and report --input take their --config merged over the
// files its `_extends` names, found as check-config finds them: checkouts of
// the owner's repositories beside the one holding FILE, or under
// --extends-root DIR. What cannot be followed is said on stderr, never passed
// over: a customer's one-line file must not be evaluated on the defaults in
// silence while the organisation's contract says otherwise.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkouts } from "./checkouts.js";
import { CONFIG, fixture, jsonLines, runCli } from "./run-cli.js";

/** The organisation's defaults: the Moscow contract moved to Tokyo, acceptance in 10 minutes at severity 1. */
const ORG_DEFAULTS = readFileSync(CONFIG, "utf8")
  .replace("timezone: Europe/Moscow", "timezone: Asia/Tokyo")
  .concat("severities:\n  1: { clock: 24x7, accept: 10m, workaround: 4h, resolve: 3d }\n  2: { clock: 24x7, accept: 1h, workaround: 8h, resolve: 5d }\n  3: { clock: business, accept: 8h, resolve: 10d }\n");
const CUSTOMER = "_extends: .github\nlanguage: en\n";


/** A customer's file alone in a directory that is no repository. */
function loneFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "incident-sla-lone-")), "incident-sla.yml");
  writeFileSync(file, text);
  return file;
}

// Severity 1, opened 09:00Z, nothing since: acceptance due at 09:10Z with the organisation's 10m, 09:30Z on the defaults.
const INCIDENT = JSON.stringify({
  issue: { number: 7, title: "Login fails", body: "", created_at: "2026-03-02T09:00:00Z", labels: [{ name: "severity: 1" }], state: "open", user: { login: "customer-eng" } },
  timeline: [],
});
const acceptDue = (stdout: string) => (jsonLines(stdout)[0] as { targets: { accept: { dueAt: string } } }).targets.accept.dueAt;

describe("--config follows _extends", () => {
  it("evaluate: a customer's file over the organisation's .github checkout beside it", async () => {
    const root = checkouts({ ".github/.github/incident-sla.yml": ORG_DEFAULTS, "support/.github/incident-sla.yml": CUSTOMER });
    const result = await runCli(["evaluate", "--config", join(root, "support/.github/incident-sla.yml"), "--now", "2026-03-02T09:05:00Z"], { stdin: `${INCIDENT}\n` });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(acceptDue(result.stdout)).toBe("2026-03-02T09:10:00.000Z");
  });

  it("evaluate: --extends-root finds the checkouts for a file that is in no repository", async () => {
    const root = checkouts({ ".github/.github/incident-sla.yml": ORG_DEFAULTS });
    const result = await runCli(["evaluate", "--config", loneFile(CUSTOMER), "--extends-root", root, "--now", "2026-03-02T09:05:00Z"], { stdin: `${INCIDENT}\n` });
    expect(result.stderr).toBe("");
    expect(acceptDue(result.stdout)).toBe("2026-03-02T09:10:00.000Z");
  });

  it("evaluate: an _extends with no checkout is said on stderr, and the file is used over the defaults", async () => {
    const file = loneFile(CUSTOMER);
    const result = await runCli(["evaluate", "--config", file, "--now", "2026-03-02T09:05:00Z"], { stdin: `${INCIDENT}\n` });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      `incident-sla evaluate: ${file}: _extends not followed: the repository holding ${file} is not known (no .git above it), so .github could not be looked for beside it; give --extends-root DIR; this file is used with the defaults under it\n`,
    );
    expect(acceptDue(result.stdout)).toBe("2026-03-02T09:30:00.000Z");
  });

  it("the same in Russian with --language ru", async () => {
    const file = loneFile(CUSTOMER);
    const result = await runCli(["evaluate", "--language", "ru", "--config", file, "--now", "2026-03-02T09:05:00Z"], { stdin: `${INCIDENT}\n` });
    expect(result.stderr).toMatch(/^incident-sla evaluate: .+: _extends не прослежен: неизвестно, в каком репозитории лежит .+; файл используется поверх значений по умолчанию\n$/);
  });

  it("a mistake in the file it extends: exit 1, the extended file and its line named, nothing evaluated", async () => {
    const root = checkouts({ ".github/.github/incident-sla.yml": `${ORG_DEFAULTS}reminders: { atRiskShare: 2 }\n`, "support/.github/incident-sla.yml": CUSTOMER });
    const file = join(root, "support/.github/incident-sla.yml");
    const result = await runCli(["evaluate", "--config", file], { stdin: `${INCIDENT}\n` });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`Invalid configuration in ${file}:`);
    expect(result.stderr).toMatch(/in \S+\.github[/\\]\.github[/\\]incident-sla\.yml, reminders\.atRiskShare, line \d+: expected a share between 0 and 1/);
  });

  it("explain: the merged contract's zone and language", async () => {
    const root = checkouts({ ".github/.github/incident-sla.yml": ORG_DEFAULTS, "support/.github/incident-sla.yml": CUSTOMER });
    const result = await runCli(["explain", "--config", join(root, "support/.github/incident-sla.yml"), "--now", "2026-03-02T09:05:00Z"], { stdin: INCIDENT });
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("- Acceptance (accept, 10 min): due 2026-03-02 18:10 (UTC+09:00, Asia/Tokyo)");
  });

  it("report --input: the merged contract; --extends-root without --input is a usage error", async () => {
    const root = checkouts({ ".github/.github/incident-sla.yml": ORG_DEFAULTS, "support/.github/incident-sla.yml": CUSTOMER });
    const input = join(root, "incidents.jsonl");
    writeFileSync(input, `${INCIDENT}\n`);
    const period = ["--from", "2026-03-01", "--to", "2026-03-31", "--now", "2026-03-02T09:05:00Z"];
    const result = await runCli(["report", ...period, "--input", input, "--config", join(root, "support/.github/incident-sla.yml"), "--format", "json"]);
    expect(result.stderr).toBe("");
    const json = JSON.parse(result.stdout) as { customers: { timezone: string; incidentList: { evaluation: { targets: { accept: { dueAt: string } } } }[] }[] };
    expect(json.customers[0]!.timezone).toBe("Asia/Tokyo");
    expect(json.customers[0]!.incidentList[0]!.evaluation.targets.accept.dueAt).toBe("2026-03-02T09:10:00.000Z");

    const misplaced = await runCli(["report", ...period, "--repo", "acme/support", "--extends-root", root]);
    expect(misplaced.code).toBe(2);
    expect(misplaced.stderr).toContain("--config goes with --input");
  });

  it("a file without _extends is read as before: the fixture contract, nothing on stderr", async () => {
    const result = await runCli(["evaluate", "--config", fixture("config-moscow-alice-bob.yml"), "--now", "2026-03-02T09:05:00Z"], { stdin: `${INCIDENT}\n` });
    expect(result.stderr).toBe("");
    expect(acceptDue(result.stdout)).toBe("2026-03-02T09:30:00.000Z");
  });
});

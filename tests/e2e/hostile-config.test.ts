// Hostile configurations against the real app process (README, Configuration):
// a customer's file extending another owner's, an _extends cycle, a
// directory at the configuration path, a list file and an alias bomb. Each
// delivery is answered 200 (these used to answer 500 on every webhook), each
// repository gets one configuration-error issue naming the file and the
// problem, nothing is read from the other owner, and the scheduled sweep
// beside the server skips them with the reason and exits 0.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formBody } from "../fixtures/app/forms.js";
import { ALIAS_BOMB } from "../fixtures/hostile-configs.js";
import { COMPLETE_LEVEL3, CUSTOMER } from "./support/contracts.js";
import { buildApp } from "./support/build-app.js";
import { BOT, CONFIG_PATH, ORG, World, stopAllWorlds } from "./support/world.js";

beforeAll(async () => void (await buildApp()), 120_000);
afterAll(stopAllWorlds, 20_000);

const SCENARIO_MS = 90_000;

describe("hostile configurations, end to end", () => {
  it("cross-owner _extends, a cycle, a directory, a list file and an alias bomb: 200, one error issue each, nothing read from evilcorp, the sweep skips them", async () => {
    const w = await World.start({ appSlug: "incident-sla" });
    // The other owner's file lists an engineer who could pause the clock, if it were ever merged.
    w.fake.addRepo({ owner: "evilcorp", ownerType: "Organization", name: "shared", files: { "incident-sla.yml": "team:\n  engineers: [mallory]\n" } });
    w.fake.addRepo({ owner: ORG, ownerType: "Organization", name: ".github", files: { [CONFIG_PATH]: "_extends: shared:incident-sla.yml\n" } });
    w.fake.addRepo({ owner: ORG, ownerType: "Organization", name: "shared", files: { "incident-sla.yml": "_extends: .github\n" } });
    const cases: [string, string | null, (repo: string) => void, RegExp][] = [
      ["cross-owner", "_extends: evilcorp/shared:incident-sla.yml\nlanguage: en\n", () => {}, /_extends, line 1: _extends must stay within the owner acme: "evilcorp\/shared:incident-sla\.yml" names a repository of evilcorp, so nothing was read from it/],
      ["cycle", "_extends: .github\nlanguage: en\n", () => {}, /in acme\/shared:incident-sla\.yml, _extends, line 1: ".github" leads back to acme\/\.github:\.github\/incident-sla\.yml: the files extend each other in a circle/],
      ["directory", null, (repo) => w.fake.setFile(repo, `${CONFIG_PATH}/README.md`, "a directory\n"), /\(file\): this path is a directory, not a file/],
      ["list", "- language: en\n- timezone: Europe/Moscow\n", () => {}, /\(file\), line 1: the file is a list/],
      ["alias-bomb", ALIAS_BOMB, () => {}, /\(file\): too many aliases/],
    ];
    for (const [name, yaml, arrange, problem] of cases) {
      const repo = w.repo(name, yaml, { labels: false, customers: [CUSTOMER] });
      arrange(repo);
      const { number, delivery } = await w.open(repo, { author: CUSTOMER, title: `Login fails (${name})`, body: formBody("en", COMPLETE_LEVEL3) });
      expect(delivery.status, name).toBe(200);
      const issues = w.fake.snapshot(repo).issues;
      const errors = issues.filter((i) => i.number !== number);
      expect(errors, name).toHaveLength(1);
      const error = w.issue(repo, errors[0]!.number);
      expect(error.title).toBe("incident-sla: configuration error");
      expect(error.user.login).toBe(BOT);
      expect(error.body).toContain("Invalid configuration in .github/incident-sla.yml:");
      expect(error.body, name).toMatch(problem);
      // The incident is left alone.
      expect(w.fake.snapshot(repo).issues.find((i) => i.number === number)).toMatchObject({ labels: [] });
      expect(w.fake.commentsOf(repo, number)).toEqual([]);
      // A push to the broken file answers 200 too, and says nothing new.
      const push = await w.deliver("push", w.fake.payloads.push(repo, { modified: [CONFIG_PATH] }));
      expect(push.status).toBe(200);
      expect(w.fake.snapshot(repo).issues).toHaveLength(2);
    }
    expect(w.fake.requests.filter((r) => r.path.toLowerCase().startsWith("/repos/evilcorp/"))).toEqual([]);

    // The scheduled sweep: every broken repository skipped with its reason, exit 0.
    const sweep = await w.sweepOnce();
    expect(sweep.code).toBe(0);
    for (const [name, , , problem] of cases) {
      const line = sweep.repos.find((r) => r.repo === `${ORG}/${name}`);
      expect(line, name).toMatchObject({ ok: true, config: "invalid" });
      expect(line!.reason, name).toMatch(problem);
    }
    expect(w.fake.requests.filter((r) => r.path.toLowerCase().startsWith("/repos/evilcorp/"))).toEqual([]);
    expect(w.fake.violations).toEqual([]);
    expect(w.problems()).toEqual([]);
    expect(await w.app.ping()).toBe(true);
  }, SCENARIO_MS);
});

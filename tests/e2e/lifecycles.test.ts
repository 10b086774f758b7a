// Whole incident lifecycles against the real app process (`probot run
// ./dist/index.js`) and a local GitHub that checks every request against
// GitHub's REST description. People act on GitHub first, then the matching
// webhook is signed and posted over HTTP. Each scenario has a world of its
// own (its GitHub, its app process), so they run side by side. Probot's
// write spacing (1 s; 3 s between new comments) is shortened (World's
// default): a delivery's answer then does not depend on the machine's load.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type Answers, formBody } from "../fixtures/app/forms.js";
import { COMPANY_PHONE, CUSTOMER, ENGINEER, MANAGER, ON_DUTY_PHONE, RENEWAL, contract, createdAtFor, localDate, localStamp } from "./support/contracts.js";
import { appComment, summarise, visible } from "./support/state.js";
import { buildApp } from "./support/build-app.js";
import { BOT, World, stopAllWorlds } from "./support/world.js";

// With the spacing shortened, scenarios wait on the CPU: a few at a time on a 2-core machine.
vi.setConfig({ maxConcurrency: 4 });
// One compile of the current sources for the whole file (cached between runs).
beforeAll(async () => void (await buildApp()), 120_000);
afterAll(stopAllWorlds, 20_000);

/** A scenario's own limit: generous, for a loaded machine; its steps never wait on a timer of ours. */
const SCENARIO_MS = 75_000;

const LEVEL1: Answers = {
  requestType: "incident",
  severity: "1",
  environment: "PROD",
  affectedShare: "all",
  workaroundAvailable: "no",
  productVersion: "5.2.1",
  description: "Nobody can sign in: the login page answers 502.",
  reproduction: "1. Open the login page\n2. Sign in\n3. 502",
  logs: "```text\n02:10:44 ERROR pool exhausted\n```",
  infrastructureChecks: ["dbms", "directory", "network"],
  incidentDbChecked: true,
  remoteAccess: "not-given",
  phoneCall: false,
};

const LEVEL3: Answers = { ...LEVEL1, severity: "3", affectedShare: "upTo10", workaroundAvailable: "yes", description: "One department sees a slow login page." };

/** What every world must show at its end: no request GitHub would refuse, no error logged, the process up. */
async function healthy(w: World): Promise<void> {
  expect(w.fake.violations).toEqual([]);
  expect(w.problems()).toEqual([]);
  expect(w.app.exited()).toBeNull();
  expect(await w.app.ping()).toBe(true);
}

/** A scheduled `incident-sla sweep` beside the server finds nothing left to do: webhooks and sweep agree. */
async function sweepAgrees(w: World, repo: string): Promise<void> {
  const sweep = await w.sweepOnce();
  expect(sweep.code, sweep.stderr).toBe(0);
  expect(sweep.repos.find((r) => r.repo === repo)).toMatchObject({ ok: true, writes: 0, deferred: 0 });
}

describe.concurrent("incident lifecycles, end to end", () => {
  it("level 1 in 24x7 (ru): form → severity and status → phone → accepted → waiting → reply resumes → workaround → resolved → closed", async () => {
    const w = await World.start();
    const { yaml } = contract({ language: "ru", localHour: 12 });
    const repo = w.repo("bank", yaml, { customers: [CUSTOMER] });

    // 1. The customer reports an outage with the form (P8: level 1; P10: call us).
    const { number } = await w.open(repo, { author: CUSTOMER, title: "Не работает вход", body: formBody("ru", LEVEL1) });
    expect(summarise(w.fake, repo)).toEqual([{ number, state: "open", labels: ["severity: 1"], comments: ["bot:phone", "bot:status"] }]);
    // Working hours in the contract's zone now: the company phone, from the configuration (P10).
    expect(visible(appComment(w.fake, repo, number, "phone"))).toContain(`позвоните по телефону компании ${COMPANY_PHONE}`);
    expect(appComment(w.fake, repo, number, "status")).toMatch(/\*\*Уровень 1\*\* \(метка «severity: 1»\); отсчёт: круглосуточно \(24×7\)/);

    // 2. An engineer accepts it.
    await w.label(repo, number, ENGINEER, "state: accepted");
    expect(appComment(w.fake, repo, number, "status")).toMatch(/\| Принятие в работу \| 30 мин \| .* \| ✅ выполнено/);

    // 3. The engineer asks for logs and waits for the customer (P7): the clock pauses.
    await w.comment(repo, number, ENGINEER, "Пришлите, пожалуйста, журналы сервера за 02:00–02:30.");
    await w.label(repo, number, ENGINEER, "state: waiting for customer");
    expect(w.fake.labelsOf(repo, number).sort()).toEqual(["severity: 1", "sla: paused", "state: accepted", "state: waiting for customer"]);
    expect(appComment(w.fake, repo, number, "status")).toMatch(/⏸️ на паузе/);

    // 4. The customer answers: the pause ends and the app takes the waiting label off.
    await w.comment(repo, number, CUSTOMER, "Журналы приложены: logs.zip");
    expect(w.fake.labelsOf(repo, number).sort()).toEqual(["severity: 1", "state: accepted"]);
    const resumed = appComment(w.fake, repo, number, "status");
    expect(resumed).toMatch(/\*\*Паузы \(ожидание ответа клиента\):\*\*\n- .*, @eng-anna: до .* \(ответ клиента @cust-bob\)/);
    expect(resumed).toMatch(/Отсчёт возобновлён/);

    // 5–7. Workaround, permanent solution, closed as completed: every target met on time.
    await w.label(repo, number, ENGINEER, "state: workaround");
    await w.label(repo, number, ENGINEER, "state: resolved");
    await w.close(repo, number, ENGINEER, "completed");
    const final = appComment(w.fake, repo, number, "status");
    expect(final.match(/✅ выполнено/g)).toHaveLength(3);
    expect(final).not.toMatch(/нарушено|просрочено/);

    expect(summarise(w.fake, repo)).toEqual([
      {
        number,
        state: "closed:completed",
        labels: ["severity: 1", "state: accepted", "state: resolved", "state: workaround"],
        comments: ["bot:phone", "bot:status", "@eng-anna: Пришлите, пожалуйста, журналы сервера за 02:00–02:30.", "@cust-bob: Журналы приложены: logs.zip"],
      },
    ]);
    await sweepAgrees(w, repo);
    await healthy(w);
  }, SCENARIO_MS);

  it("level 3 in working hours: the in-app sweep posts the 75% reminder and the breach as real time crosses them, once each", async () => {
    const w = await World.start({ sweepInterval: 2 });
    const { yaml, zone } = contract({ language: "en", localHour: 12 });
    const repo = w.repo("retail", yaml, { customers: [CUSTOMER] });
    // Backdated so that, by the contract's working hours, 6 h (75% of acceptance, 8 h) of
    // incident A and all 8 h of incident B are used up a few seconds from now.
    const crossingA = Date.now() + 15_000;
    const a = await w.open(repo, { author: CUSTOMER, title: "Slow login page", body: formBody("en", LEVEL3), createdAt: createdAtFor(yaml, 3, "6h", crossingA), assignees: [ENGINEER] });
    // Nothing of A's is due yet (the check comes long before the crossing: the webhook took ~4 s).
    expect(Date.now()).toBeLessThan(crossingA - 2000);
    expect(w.fake.labelsOf(repo, a.number)).toEqual(["severity: 3"]);
    const crossingB = Date.now() + 10_000;
    const b = await w.open(repo, { author: CUSTOMER, title: "Password reset mails late", body: formBody("en", LEVEL3), createdAt: createdAtFor(yaml, 3, "8h", crossingB) });

    // The sweep, not a webhook, acts once real time has crossed the thresholds.
    const posted = async (number: number, key: string) => {
      for (;;) {
        const c = w.fake.commentsOf(repo, number).find((x) => x.user?.login === BOT && x.body?.includes(`incident-sla:${key}`));
        if (c) return Date.parse(c.created_at);
        if (Date.now() > crossingA + 30_000) throw new Error(`no ${key} on #${number}\n${w.app.tail()}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    const crossed = await Promise.all([
      posted(a.number, "reminder:accept:75:s3").then((at) => ({ at, crossing: crossingA })),
      posted(b.number, "breach:accept:s3").then((at) => ({ at, crossing: crossingB })),
    ]);
    // Not before the crossing (GitHub stamps whole seconds), and within a few sweep intervals
    // after it (a generous bound: sweeps run every 2 s).
    for (const { at, crossing } of crossed) {
      expect(at).toBeGreaterThanOrEqual(Math.floor(crossing / 1000) * 1000);
      expect(at).toBeLessThan(crossing + 15_000);
    }
    expect(visible(appComment(w.fake, repo, a.number, "reminder:accept:75:s3"))).toMatch(/^### ⏰ Acceptance deadline approaching\n@eng-anna 75% of the time is used/);
    expect(visible(appComment(w.fake, repo, b.number, "breach:accept:s3"))).toMatch(new RegExp(`^### 🔴 Acceptance deadline breached\n@${MANAGER} It was due .* \\(${zone.replace(/[+]/g, "\\+")}\\) and has not been met; the breach is counted in the service report\\.$`));

    // Two more whole sweeps later: still one reminder and one escalation each (B was past 75%
    // when it was opened, so its reminder came with the webhook).
    await w.nextSweep();
    await w.nextSweep();
    expect(visible(appComment(w.fake, repo, b.number, "reminder:accept:75:s3"))).toMatch(/^### ⏰ Acceptance deadline approaching\n75% of the time is used: due .* \(Etc\/GMT[-+]?\d*\), \d+ min left\.$/);
    expect(w.fake.labelsOf(repo, a.number).sort()).toEqual(["severity: 3", "sla: at risk"]);
    expect(w.fake.labelsOf(repo, b.number).sort()).toEqual(["severity: 3", "sla: breached"]);

    // The engineer accepts both: A in time, B late (met, but breached: the label stays).
    await w.label(repo, a.number, ENGINEER, "state: accepted");
    await w.label(repo, b.number, ENGINEER, "state: accepted");
    expect(appComment(w.fake, repo, a.number, "status")).toMatch(/\| Acceptance \| 8 h \| .* \| ✅ met /);
    expect(appComment(w.fake, repo, b.number, "status")).toMatch(/\| Acceptance \| 8 h \| .* \| ⚠️ met late at .* \(by \d+ min\) \|/);
    await w.nextSweep();

    expect(summarise(w.fake, repo)).toEqual([
      { number: a.number, state: "open", labels: ["severity: 3", "state: accepted"], comments: ["bot:status", "bot:reminder:accept:75:s3"] },
      { number: b.number, state: "open", labels: ["severity: 3", "sla: breached", "state: accepted"], comments: ["bot:status", "bot:reminder:accept:75:s3", "bot:breach:accept:s3"] },
    ]);
    await sweepAgrees(w, repo);
    await healthy(w);
  }, SCENARIO_MS);

  it("a level claim corrected (P8): level 1 claimed for TEST becomes 3; the customer's relabel is kept but noted; the engineer's is authoritative", async () => {
    const w = await World.start();
    const { yaml } = contract({ language: "en", localHour: 12 });
    const repo = w.repo("insurer", yaml, { customers: [CUSTOMER] });

    const { number } = await w.open(repo, { author: CUSTOMER, title: "Test stand login fails", body: formBody("en", { ...LEVEL1, environment: "TEST" }) });
    expect(summarise(w.fake, repo)).toEqual([{ number, state: "open", labels: ["severity: 3"], comments: ["bot:severity-correction", "bot:status"] }]);
    expect(visible(appComment(w.fake, repo, number, "severity-correction"))).toBe(
      [
        "### Severity set to 3 instead of 1",
        "Under the support policy:",
        "- the problem is in a TEST environment, which is always level 3",
        "",
        "If this is wrong, correct the form or tell us here: a support engineer can change the level.",
      ].join("\n"),
    );

    // The customer puts level 1 back: applied (the most severe label rules), named in the status.
    await w.label(repo, number, CUSTOMER, "severity: 1");
    expect(appComment(w.fake, repo, number, "status")).toMatch(/\*\*Severity 1\*\* .*\n[\s\S]*⚠️ The severity label "severity: 1" was added by @cust-bob \(customer side\)/);
    expect(visible(appComment(w.fake, repo, number, "phone"))).toContain(COMPANY_PHONE);

    // A support engineer takes it off: level 3 again, and the note goes.
    await w.unlabel(repo, number, ENGINEER, "severity: 1");
    const status = appComment(w.fake, repo, number, "status");
    expect(status).toMatch(/\*\*Severity 3\*\* \(label "severity: 3"\); clock: working hours/);
    expect(status).not.toMatch(/customer side/);

    expect(summarise(w.fake, repo)).toEqual([{ number, state: "open", labels: ["severity: 3"], comments: ["bot:severity-correction", "bot:status", "bot:phone"] }]);
    await sweepAgrees(w, repo);
    await healthy(w);
  }, SCENARIO_MS);

  it("missing diagnostics (P4–P6) completed by an edit: listed, labelled and paused, then all of it undone", async () => {
    const w = await World.start();
    const { yaml } = contract({ language: "en", localHour: 12, diagnostics: ["pauseUntilComplete: [3]"] });
    const repo = w.repo("telecom", yaml, { customers: [CUSTOMER] });
    // No version, no scenario; no logs either, but remote access was given, so logs are not owed (P6).
    const hurried: Answers = { ...LEVEL3, productVersion: null, reproduction: null, logs: null, remoteAccess: "given" };

    const { number } = await w.open(repo, { author: CUSTOMER, title: "Login slow", body: formBody("en", hurried) });
    expect(summarise(w.fake, repo)).toEqual([
      { number, state: "open", labels: ["needs: diagnostics", "severity: 3", "sla: paused", "state: waiting for customer"], comments: ["bot:diagnostics", "bot:status"] },
    ]);
    const asked = visible(appComment(w.fake, repo, number, "diagnostics"));
    expect(asked).toContain("- **Product version**: the product version");
    expect(asked).toContain("- **Steps to reproduce**: a scenario that reproduces the problem");
    expect(asked).not.toContain("**Logs**");
    expect(asked).toContain("Until then the clock is paused: support is waiting for this from you.");
    // The app's pause is a trusted one (it shows in the timeline as the bot's label).
    expect(w.fake.timelineOf(repo, number).filter((e: any) => e.event === "labeled" && e.label.name === "state: waiting for customer").map((e: any) => e.actor.login)).toEqual([BOT]);

    await w.edit(repo, number, CUSTOMER, formBody("en", { ...hurried, productVersion: "5.2.1", reproduction: "1. Open the portal\n2. Sign in" }));
    expect(summarise(w.fake, repo)).toEqual([{ number, state: "open", labels: ["severity: 3"], comments: ["bot:status"] }]);
    const status = appComment(w.fake, repo, number, "status");
    expect(status).toMatch(/- .*, @incident-sla\[bot\]: until .* \(label removed by @incident-sla\[bot\]\)/);
    expect(status).toMatch(/\| Acceptance \| 8 h \| .* \| ✅ met /);
    await sweepAgrees(w, repo);
    await healthy(w);
  }, SCENARIO_MS);

  it("a request outside the support period (P1): flagged once, no clock, no phone, no diagnostics; later comments change nothing", async () => {
    const w = await World.start();
    const probe = contract({ language: "en", localHour: 12 });
    const yesterday = new Date(Date.parse(localDate(probe.zone)) - 86_400_000).toISOString().slice(0, 10);
    const { yaml } = contract({ language: "en", localHour: 12, contract: ["customer: Old Bank", "supportFrom: 2024-01-01", `supportUntil: ${yesterday}`] });
    const repo = w.repo("old-bank", yaml, { customers: [CUSTOMER] });

    const { number } = await w.open(repo, { author: CUSTOMER, title: "Everything is down", body: formBody("en", { ...LEVEL1, severity: "2", affectedShare: "over10" }) });
    expect(visible(appComment(w.fake, repo, number, "coverage"))).toBe(
      [
        "### Outside the support period",
        `The support period ended on ${yesterday}. The request is registered, but no deadlines run for it.`,
        `To renew support, contact ${RENEWAL}.`,
      ].join("\n"),
    );
    expect(appComment(w.fake, repo, number, "status")).toContain("**Outside the support period**: no deadlines run.");

    const before = w.fake.counts.restWrite;
    await w.comment(repo, number, CUSTOMER, "Please help anyway, it is urgent.");
    expect(w.fake.counts.restWrite).toBe(before);

    expect(summarise(w.fake, repo)).toEqual([
      { number, state: "open", labels: ["severity: 2", "support: expired"], comments: ["bot:coverage", "bot:status", "@cust-bob: Please help anyway, it is urgent."] },
    ]);
    await sweepAgrees(w, repo);
    await healthy(w);
  }, SCENARIO_MS);

  it("registration on behalf (P11): the clock starts when an official channel received it; a messenger request starts when registered", async () => {
    const w = await World.start();
    // Late evening in the contract's zone: outside working hours, so the on-duty line (P10).
    const { yaml, zone } = contract({ language: "en", localHour: 22 });
    const repo = w.repo("airline", yaml, { customers: [CUSTOMER] });
    const now = Date.now();
    const received = localStamp(zone, now - 50 * 60_000);
    const official = await w.open(repo, {
      author: ENGINEER,
      title: "Registered: SSO partially down (e-mail from ACME)",
      body: formBody("en", { ...LEVEL1, severity: "2", affectedShare: "over10", channel: "email", receivedAt: received }),
    });
    const messenger = await w.open(repo, {
      author: ENGINEER,
      title: "Registered: question from a messenger",
      body: formBody("en", { ...LEVEL3, channel: "other", receivedAt: localStamp(zone, now - 3 * 3600_000) }),
    });

    const started = appComment(w.fake, repo, official.number, "status");
    expect(started).toContain(`Clock started: ${received} UTC`);
    expect(started).toContain("the request came through Email and was registered by @eng-anna.");
    // 50 of acceptance's 60 minutes are used (83%): at risk, and reminded at once.
    expect(visible(appComment(w.fake, repo, official.number, "reminder:accept:75:s2"))).toMatch(/^### ⏰ Acceptance deadline approaching\n75% of the time is used: due .*, (9|10|11) min left\.$/);
    expect(visible(appComment(w.fake, repo, official.number, "phone"))).toContain(`It is outside working hours now: please call the on-duty engineers at ${ON_DUTY_PHONE}.`);
    expect(appComment(w.fake, repo, messenger.number, "status")).toMatch(/Clock started: .*: when it was registered, because "Other \(personal e-mail, messenger\)" is not an official channel\./);

    expect(summarise(w.fake, repo)).toEqual([
      { number: official.number, state: "open", labels: ["severity: 2", "sla: at risk"], comments: ["bot:phone", "bot:status", "bot:reminder:accept:75:s2"] },
      { number: messenger.number, state: "open", labels: ["severity: 3"], comments: ["bot:status"] },
    ]);
    await sweepAgrees(w, repo);
    await healthy(w);
  }, SCENARIO_MS);
});

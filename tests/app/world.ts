// One test's world: a fixed clock, the in-memory GitHub, a Probot running the
// app, and deliveries built from @octokit/webhooks-examples payloads whose
// issue, comment, sender and repository owner are filled in from the store.
// The global Date is frozen at the same instant as the app's clock, because
// GitHub stamps comments with its own clock and the app compares against it
// (`since`); a test that wants the two clocks apart says so.
import nock from "nock";
import type { Probot } from "probot";
import { vi } from "vitest";
import { FakeGitHub, type StoredComment, user } from "./fake-github.js";
import { INSTALLATION, makeProbot, type ProbotOptions, payload } from "./harness.js";

let deliveries = 0;
/** Worlds of the running test, checked for requests the fake did not know when it ends. */
const worlds: World[] = [];

export class World {
  readonly clock: { now: number };
  readonly gh: FakeGitHub;
  readonly probot: Probot;
  /** The repository owner's type in payloads: "Organization" makes members engineers (orgMembersAreEngineers). */
  ownerType: "User" | "Organization" = "User";

  constructor(iso: string, options: ProbotOptions = {}) {
    this.clock = { now: Date.parse(iso) };
    vi.setSystemTime(this.clock.now);
    this.gh = new FakeGitHub(this.clock);
    this.gh.intercept();
    this.probot = makeProbot(() => this.clock.now, options);
    worlds.push(this);
  }

  /** Moves the app's clock, GitHub's clock and Date to `iso`. */
  at(iso: string): this {
    this.clock.now = Date.parse(iso);
    vi.setSystemTime(this.clock.now);
    return this;
  }

  /** A webhook payload for an issue event (or issue_comment.created when `comment` is given). */
  issuePayload(action: string, o: { sender: string; number?: number; label?: string; comment?: StoredComment }): Record<string, any> {
    const number = o.number ?? 1;
    // The examples have no issues.closed payload: a reopened one with the action changed is the same shape.
    const base = o.comment
      ? payload("issue_comment", "created")
      : action === "closed"
        ? { ...payload("issues", "reopened"), action: "closed" }
        : payload("issues", action);
    base.issue = { ...base.issue, ...this.gh.issueJson(this.gh.issue(number)) };
    base.sender = { ...base.sender, ...user(o.sender) };
    base.repository.owner.type = this.ownerType;
    if (o.label !== undefined) base.label = { ...(base.label ?? {}), name: o.label, color: "ededed" };
    if (o.comment) base.comment = { ...base.comment, ...o.comment, user: { ...base.comment.user, ...o.comment.user } };
    return base;
  }

  /** Delivers a webhook and waits for the app. */
  receive(name: string, p: Record<string, any>, id = `delivery-${++deliveries}`): Promise<void> {
    return this.probot.receive({ id, name, payload: p } as never);
  }

  issueEvent(action: string, o: { sender: string; number?: number; label?: string }): Promise<void> {
    return this.receive("issues", this.issuePayload(action, o));
  }

  commentEvent(comment: StoredComment): Promise<void> {
    return this.receive("issue_comment", this.issuePayload("created", { sender: comment.user.login, number: comment.issue, comment }));
  }
}

/** Use in beforeEach/afterEach of every app test file. */
export function setUpNetwork(): void {
  nock.disableNetConnect();
  vi.useFakeTimers({ toFake: ["Date"] });
}

/** Use in afterEach: besides cleaning up, fails the test if the app asked for anything the fake GitHub does not serve. */
export function tearDownNetwork(): void {
  const unknown = worlds.splice(0).flatMap((w) => w.gh.unhandled.map((r) => `${r.method} ${r.path}`));
  nock.cleanAll();
  nock.enableNetConnect();
  vi.useRealTimers();
  if (unknown.length > 0) throw new Error(`requests the fake GitHub has no route for: ${unknown.join(", ")}`);
}

export { INSTALLATION };

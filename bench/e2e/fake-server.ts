// The local GitHub for the end-to-end benchmark, in a process of its own so
// that checking every request against GitHub's REST description does not
// share an event loop with the load generator's clock. The parent drives it
// over IPC: set up, prepare each delivery (change the state first, as a
// person would, then build the webhook payload), verify, close.
import { parseConfigText } from "../../src/config/parse-config.js";
import { labelDefinitions } from "../../src/github/labels.js";
import { readMarker } from "../../src/domain/texts/markers.js";
import { createFakeGitHub, type FakeGitHub } from "../../tests/support/fake-github/index.js";

export interface SetupArgs {
  appId: number;
  publicKey: string;
  config: string;
  /** Incidents the load opens; the other deliveries are customers' comments on them. */
  incidents: number;
  body: string;
}

export type Request =
  | { id: number; op: "setup"; args: SetupArgs }
  | { id: number; op: "prepare"; args: { index: number } }
  | { id: number; op: "verify" }
  | { id: number; op: "close" };

export const REPO = "acme/load";
export const CUSTOMER = "cust-bob";
const BOT = "incident-sla[bot]";

let fake: FakeGitHub | null = null;
let setup: SetupArgs | null = null;

async function handle(message: Request): Promise<unknown> {
  switch (message.op) {
    case "setup": {
      setup = message.args;
      fake = await createFakeGitHub({ appId: setup.appId, appPublicKey: setup.publicKey, log: "no-bodies" });
      const warm = fake.warmUp();
      const installation = fake.addInstallation({ account: "acme", accountType: "Organization" });
      fake.addRepo({ owner: "acme", ownerType: "Organization", name: "load", files: { ".github/incident-sla.yml": setup.config } });
      fake.state.addCollaborator(REPO, CUSTOMER);
      for (const d of labelDefinitions(parseConfigText(setup.config))) fake.addLabel(REPO, d);
      fake.addLabel(REPO, { name: "seen", color: "ededed" });
      return { port: fake.port, installationId: installation.id, warm };
    }
    case "prepare": {
      const f = fake!;
      const { index } = message.args;
      const n = setup!.incidents;
      if (index < n) {
        const issue = f.addIssue(REPO, { user: CUSTOMER, title: `Incident ${index + 1}`, body: setup!.body });
        return { event: "issues", payload: f.payloads.issues("opened", REPO, issue.number) };
      }
      // Comments go round the incidents, so every incident gets about the same share.
      const number = ((index - n) % n) + 1;
      const comment = f.state.addComment(f.state.issue(REPO, number), CUSTOMER, `Update ${index}: still slow for some users.`);
      return { event: "issue_comment", payload: f.payloads.issueComment("created", comment.id) };
    }
    case "verify": {
      const f = fake!;
      return {
        counts: { ...f.counts, byRoute: f.counts.byRoute },
        violations: f.violations.slice(0, 5),
        violationCount: f.violations.length,
        issues: f.snapshot(REPO).issues.map((i) => ({
          number: i.number,
          labels: i.labels,
          appKeys: i.comments.filter((c) => c.user === BOT).map((c) => readMarker(c.body)?.key ?? "(none)"),
          customerComments: i.comments.filter((c) => c.user === CUSTOMER).length,
        })),
      };
    }
    case "close":
      await fake?.close();
      setImmediate(() => process.exit(0));
      return null;
  }
}

process.on("message", (message: Request) => {
  handle(message).then(
    (result) => process.send!({ id: message.id, result }),
    (error: unknown) => process.send!({ id: message.id, error: String((error as Error)?.stack ?? error) }),
  );
});
// The parent went away: so does the fake.
process.on("disconnect", () => process.exit(0));

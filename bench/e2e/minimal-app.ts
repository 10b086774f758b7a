// The smallest Probot app that writes to GitHub: one label per delivery. The
// end-to-end benchmark (bench/e2e.ts) runs it beside incident-sla under the
// same load and the same local GitHub, to show what is Probot's and GitHub's
// cost and what is the app's own.
import type { Probot } from "probot";

export default (app: Probot): void => {
  app.on(["issues.opened", "issue_comment.created"], async (context) => {
    await context.octokit.rest.issues.addLabels(context.issue({ labels: ["seen"] }));
    // One line per delivery (with its id, from Probot), so the benchmark sees when it is done.
    context.log.info("labelled");
  });
};

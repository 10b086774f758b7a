// The starting point of the handler tests of hostile input (README, Security): a configured customer
// repository (labels created at installation) whose issue #1, a complete
// level-3 form, was opened at 10:00 MSK and handled at 10:01; the requests of
// that first delivery are forgotten.
import { loadForm } from "../fixtures/incident-builders.js";
import { CUSTOMER, ISSUE, REPO_PATH, contract, installLabels } from "./scenarios.js";
import { World } from "./world.js";

export const READ_INCIDENT = [`GET ${REPO_PATH}/contents/.github/incident-sla.yml`, `GET ${ISSUE}`, `GET ${ISSUE}/timeline`];

export async function openedIncident(language: "en" | "ru" = "en"): Promise<World> {
  const w = new World("2026-03-02T07:00:00Z");
  const yaml = contract(language);
  w.gh.setConfig(yaml);
  installLabels(w.gh, yaml);
  w.gh.openIssue({ author: CUSTOMER, body: loadForm("incident-en-complete-level3.md") });
  await w.at("2026-03-02T07:01:00Z").issueEvent("opened", { sender: CUSTOMER });
  w.gh.clearRequests();
  return w;
}

// The package's entry point: wiring and re-exports only.
import type { Probot } from "probot";

export { parseConfig, parseConfigText, ConfigError } from "./config/parse-config.js";
export type { Config, ConfigInput, TargetName } from "./config/schema.js";
export { evaluate, explainIncident } from "./domain/evaluate.js";
export type { Evaluation, EvaluateInput, Explanation, TargetResult, TargetStatus, Coverage } from "./domain/evaluate.js";

/** The Probot app. Its webhook handlers arrive with the GitHub App issue. */
export default function incidentSla(app: Probot): void {
  app.log.info("incident-sla loaded");
}

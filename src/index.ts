// The package's entry point: wiring and re-exports only.
import { createApp } from "./app/app.js";

export { parseConfig, parseConfigText, ConfigError } from "./config/parse-config.js";
export type { Config, ConfigInput, TargetName } from "./config/schema.js";
export { evaluate, explainIncident } from "./domain/clock/evaluate.js";
export type { Evaluation, EvaluateInput, Explanation, TargetResult, TargetStatus, Coverage } from "./domain/clock/evaluate.js";
export { createApp } from "./app/app.js";

/** The Probot app (`probot run ./dist/index.js`). */
export default createApp();

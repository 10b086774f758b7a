// What the app exposes on /metrics, through Prometheus' own client. One
// registry per app instance (tests create several apps in one process). No
// label names a customer: repositories and issues stay out of the metrics.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { INCIDENT_STATUSES, type IncidentStatus } from "../domain/clock/incident-status.js";

export class AppMetrics {
  readonly registry = new Registry();
  readonly sweeps = new Counter({ name: "incident_sla_sweeps_total", help: "Sweeps finished, by outcome (ok: every installation and repository swept)", labelNames: ["outcome"], registers: [this.registry] });
  readonly sweepSeconds = new Histogram({
    name: "incident_sla_sweep_duration_seconds",
    help: "Wall time of a whole sweep over every installation",
    buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800],
    registers: [this.registry],
  });
  readonly repositoryFailures = new Counter({ name: "incident_sla_sweep_failures_total", help: "Installations or repositories a sweep could not sweep", labelNames: ["scope"], registers: [this.registry] });
  readonly reads = new Counter({ name: "incident_sla_sweep_reads_total", help: "GraphQL requests the sweeps made to read open incidents", registers: [this.registry] });
  readonly writes = new Counter({ name: "incident_sla_writes_total", help: "Writes to GitHub, by what made them (sweep, wake-up or webhook)", labelNames: ["source"], registers: [this.registry] });
  readonly deferred = new Counter({ name: "incident_sla_deferred_incidents_total", help: "Incidents whose writes a sweep left for the next one (write budget or rate limit)", registers: [this.registry] });
  readonly rateLimitWaits = new Counter({ name: "incident_sla_rate_limit_waits_total", help: "Times the app waited out a GitHub rate limit", registers: [this.registry] });
  readonly events = new Counter({ name: "incident_sla_webhook_events_total", help: "Webhook events handled, by event and outcome", labelNames: ["event", "outcome"], registers: [this.registry] });
  readonly redeliveries = new Counter({ name: "incident_sla_webhook_redeliveries_total", help: "Failed webhook deliveries the app asked GitHub to send again, by outcome (redelivered, failed, list failed)", labelNames: ["outcome"], registers: [this.registry] });
  readonly wakeUpRuns = new Counter({ name: "incident_sla_wake_up_runs_total", help: "Runs of the wake-up timer, by outcome (ok, failed: a repository could not be read or written)", labelNames: ["outcome"], registers: [this.registry] });
  readonly wokenIncidents = new Counter({ name: "incident_sla_woken_incidents_total", help: "Incidents read because their next instant came (a reminder threshold, a due time, an edge of working hours)", registers: [this.registry] });
  readonly scheduledWakeUps = new Gauge({ name: "incident_sla_wake_ups_scheduled", help: "Open incidents waiting for their next instant in this process", registers: [this.registry] });
  readonly openIncidents = new Gauge({ name: "incident_sla_open_incidents", help: "Open incidents by status, as of the last sweep", labelNames: ["status"], registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: "incident_sla_" });
    for (const status of INCIDENT_STATUSES) this.openIncidents.set({ status }, 0);
  }

  /** The open incidents a whole sweep saw, by status (statuses not seen are 0). */
  setOpenIncidents(counts: Partial<Record<IncidentStatus, number>>): void {
    for (const status of INCIDENT_STATUSES) this.openIncidents.set({ status }, counts[status] ?? 0);
  }
}

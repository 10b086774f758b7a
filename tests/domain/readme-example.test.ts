// The README's worked example ("How the clock works"), checked against the
// engine so the documentation cannot drift from the behaviour (P7, P12, P14).
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/parse-config.js";
import { evaluate } from "../../src/domain/clock/evaluate.js";

const config = parseConfig({ team: { engineers: ["alice"] } });
// Friday 2026-03-06 17:00 MSK = 14:00Z.
const issue = {
  number: 7,
  title: "Login page slow for some users",
  created_at: "2026-03-06T14:00:00Z",
  user: { login: "customer-eng" },
  author_association: "COLLABORATOR",
  labels: [{ name: "severity: 3" }],
  state: "open",
  body: "",
};
const timeline = [
  // Tue 10 March 11:00 MSK: accepted.
  { event: "labeled", created_at: "2026-03-10T08:00:00Z", actor: { login: "alice" }, label: { name: "state: accepted" } },
  // Tue 15:00 MSK: waiting for the customer.
  { event: "labeled", created_at: "2026-03-10T12:00:00Z", actor: { login: "alice" }, label: { name: "state: waiting for customer" } },
  // Thu 12 March 10:00 MSK: the customer replies.
  { event: "commented", created_at: "2026-03-12T07:00:00Z", user: { login: "customer-eng" }, author_association: "COLLABORATOR" },
];

describe("README worked example: Friday-evening severity 3 with a pause", () => {
  it("acceptance is due Tue 16:00 MSK and met; resolution is due Wed 25 March 12:00 MSK", () => {
    const result = evaluate({ config, issue, timeline, now: "2026-03-13T09:00:00Z" });
    expect(result.targets.accept).toEqual({ status: "met", dueAt: "2026-03-10T13:00:00.000Z", metAt: "2026-03-10T08:00:00.000Z", breached: false });
    expect(result.targets.resolve).toEqual({ status: "running", dueAt: "2026-03-25T09:00:00.000Z", metAt: null, breached: false });
    expect(result.pausedMinutes).toBe(43 * 60);
    expect(result.paused).toBe(false);
  });

  it("without the pause the resolution would be due Mon 23 March 17:00 MSK", () => {
    const result = evaluate({ config, issue, timeline: timeline.slice(0, 1), now: "2026-03-13T09:00:00Z" });
    expect(result.targets.resolve?.dueAt).toBe("2026-03-23T14:00:00.000Z");
  });
});

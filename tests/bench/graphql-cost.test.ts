// GitHub's GraphQL cost formula as the wake-up benchmark applies it to every
// query the local GitHub receives (bench/wake-ups/cost.ts), on hand-computed
// cases: requests multiply through nested first/last, sum, /100, rounded to
// nearest, at least 1.
import { describe, expect, it } from "vitest";
import { queryCost } from "../../bench/wake-ups/cost.js";

describe("GraphQL cost formula", () => {
  it("first:100 with a nested first:50: 1 + 100 requests = 1 point", () => {
    const q = `query { repository(owner: "o", name: "r") { issues(first: 100) { nodes { labels(first: 50) { nodes { name } } } } } }`;
    expect(queryCost(q)).toEqual({ requests: 101, points: 1, operation: "" });
  });

  it("three levels, as GitHub's own example: 1 + 100 + 100×50 = 5,101 requests = 51 points", () => {
    const q = `query three { viewer { login repositories(first: 100) { edges { node { id issues(first: 50) { edges { node { id labels(first: 60) { edges { node { name } } } } } } } } } } }`;
    expect(queryCost(q)).toEqual({ requests: 5101, points: 51, operation: "three" });
  });

  it("rounds to the nearest point, not down: 1 + 100 + 1 + 50 = 152 requests = 2 points", () => {
    const q = `{ repository(owner: "o", name: "r") {
      issues(first: 100) { nodes { labels(first: 10) { nodes { name } } } }
      pullRequests(last: 50) { nodes { labels(first: 10) { nodes { name } } } } } }`;
    expect(queryCost(q)).toMatchObject({ requests: 152, points: 2 });
  });

  it("page sizes given as variables, or by a variable's default", () => {
    const q = `query page($n: Int!, $m: Int = 30) { repository(owner: "o", name: "r") {
      issues(first: $n) { nodes { assignees(first: $m) { nodes { login } } timelineItems(first: 100) { nodes { __typename } } } } } }`;
    // 1 + n×2 requests: n = 100 → 201 → 2 points; n = 30 → 61 → 1 point.
    expect(queryCost(q, { n: 100 })).toMatchObject({ requests: 201, points: 2 });
    expect(queryCost(q, { n: 30, m: 5 })).toMatchObject({ requests: 61, points: 1 });
  });

  it("fragments are followed; a query without connections costs the minimum of 1", () => {
    const q = `query f { repository(owner: "o", name: "r") { ...Issues } }
      fragment Issues on Repository { issues(first: 100) { nodes { ... on Issue { labels(first: 100) { nodes { name } } } } } }`;
    expect(queryCost(q)).toMatchObject({ requests: 101, points: 1 });
    expect(queryCost(`{ viewer { login } }`)).toMatchObject({ requests: 0, points: 1 });
  });

  it("aliased issue(number:) fields each count their own connections (the wake-ups' by-number read)", () => {
    const one = (n: number) => `i${n}: issue(number: ${n}) { labels(first: 100) { nodes { name } } assignees(first: 20) { nodes { login } } timelineItems(first: 100) { nodes { __typename } } }`;
    const batch = (count: number) => `query b { repository(owner: "o", name: "r") { ${Array.from({ length: count }, (_, i) => one(i + 1)).join(" ")} } }`;
    expect(queryCost(batch(100))).toMatchObject({ requests: 300, points: 3 });
    expect(queryCost(batch(1))).toMatchObject({ requests: 3, points: 1 });
    expect(queryCost(batch(49))).toMatchObject({ requests: 147, points: 1 });
  });
});

// Organisation issue fields on the local GitHub (GitHub's REST description:
// orgs/list-issue-fields and the issues/*-issue-field-values operations).
// An organisation defines typed fields (date, single select, text, number);
// issues of its repositories carry values, shown on the issue's JSON as
// `issue_field_values`. The answers GitHub documents: 404 for a user-owned
// repository or an organisation without fields, 403 without push access, 422
// for a value the field cannot take (an option it does not have, a malformed
// date, a field of another organisation), 404 for deleting a value not set.
// A test switches GitHub's refusals on per organisation or repository.
import type { FakeIssue, FakeRepo, FakeState } from "./state.js";
import { nodeId } from "./state.js";
// Types only: rest.ts imports this module, and state.ts does too.
import type { RestAnswer, RestRequest } from "./rest.js";

const githubError = (status: number, message: string, extra: Record<string, unknown> = {}): RestAnswer => ({
  status,
  json: { message, ...extra, documentation_url: "https://docs.github.com/rest", status: String(status) },
});
const notFound = () => githubError(404, "Not Found");

export type FieldDataType = "text" | "date" | "single_select" | "multi_select" | "number";

export interface FakeFieldOption {
  id: number;
  name: string;
  color: "gray" | "blue" | "green" | "yellow" | "orange" | "red" | "pink" | "purple";
}

export interface FakeIssueField {
  id: number;
  node_id: string;
  name: string;
  dataType: FieldDataType;
  options: FakeFieldOption[];
  createdAt: number;
}

interface FakeFieldValue {
  field: FakeIssueField;
  value: string | number;
  option: FakeFieldOption | null;
}

/** Which request a refusal answers: the organisation's field list, reading an issue's values, or writing them. */
export type FieldRequestKind = "list" | "read" | "write";

// Values by issue; issues belong to one FakeState, so this is that state's memory.
const VALUES = new WeakMap<FakeIssue, Map<number, FakeFieldValue>>();

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** The state of issue fields: one per FakeState (its `issueFields`). */
export class FakeIssueFields {
  private readonly byOrg = new Map<string, FakeIssueField[]>();
  /** "org" or "org/repo" (lower case) → request kind → the status GitHub answers instead. */
  private readonly refusals = new Map<string, Partial<Record<FieldRequestKind, number>>>();

  constructor(private readonly state: FakeState) {}

  /** Defines an organisation field (single selects: option names in order). */
  define(org: string, seed: { name: string; dataType: FieldDataType; options?: string[] }): FakeIssueField {
    this.state.user(org, "Organization");
    const id = this.state.newId();
    const colors: FakeFieldOption["color"][] = ["gray", "blue", "green", "yellow", "orange", "red", "pink", "purple"];
    const field: FakeIssueField = {
      id,
      node_id: nodeId("IFSS", id),
      name: seed.name,
      dataType: seed.dataType,
      options: (seed.options ?? []).map((name, i) => ({ id: this.state.newId(), name, color: colors[i % colors.length]! })),
      createdAt: this.state.now(),
    };
    const list = this.byOrg.get(org.toLowerCase()) ?? [];
    list.push(field);
    this.byOrg.set(org.toLowerCase(), list);
    return field;
  }

  fieldsOf(org: string): FakeIssueField[] {
    return this.byOrg.get(org.toLowerCase()) ?? [];
  }

  /** From now on GitHub answers `status` to this kind of request for the organisation or repository (null: no more). */
  refuse(scope: string, kind: FieldRequestKind, status: number | null): void {
    const key = scope.toLowerCase();
    const entry = this.refusals.get(key) ?? {};
    if (status === null) delete entry[kind];
    else entry[kind] = status;
    this.refusals.set(key, entry);
  }

  refusalFor(org: string, repo: FakeRepo | null, kind: FieldRequestKind): number | undefined {
    return (repo ? this.refusals.get(repo.fullName.toLowerCase())?.[kind] : undefined) ?? this.refusals.get(org.toLowerCase())?.[kind];
  }

  valuesOf(issue: FakeIssue): Map<number, FakeFieldValue> {
    let values = VALUES.get(issue);
    if (!values) {
      values = new Map();
      VALUES.set(issue, values);
    }
    return values;
  }

  /** The issue's values by field name, for assertions: a date or an option name. */
  namedValues(issue: FakeIssue): Record<string, string | number> {
    return Object.fromEntries([...(VALUES.get(issue)?.values() ?? [])].map((v) => [v.field.name, v.option?.name ?? v.value]));
  }

  /** A person sets (or with null clears) a value in GitHub's page; throws on a value the field cannot take. */
  setByHand(issue: FakeIssue, fieldName: string, value: string | number | null): void {
    const field = this.fieldsOf(issue.repo.owner.login).find((f) => f.name === fieldName);
    if (!field) throw new Error(`fake-github: no issue field ${fieldName} in ${issue.repo.owner.login}`);
    if (value === null) {
      this.valuesOf(issue).delete(field.id);
      return;
    }
    const problem = this.set(issue, field, value);
    if (problem) throw new Error(`fake-github: ${problem}`);
  }

  /** Sets a value; returns what is wrong with it instead, as GitHub's 422 would say. */
  set(issue: FakeIssue, field: FakeIssueField, value: unknown): string | null {
    let option: FakeFieldOption | null = null;
    switch (field.dataType) {
      case "date":
        if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) return `${field.name}: expected an ISO 8601 date, got ${JSON.stringify(value)}`;
        break;
      case "single_select":
        option = field.options.find((o) => o.name === value) ?? null;
        if (!option) return `${field.name}: ${JSON.stringify(value)} is not an option of this field`;
        break;
      case "number":
        if (typeof value !== "number") return `${field.name}: expected a number`;
        break;
      case "text":
        if (typeof value !== "string") return `${field.name}: expected text`;
        break;
      case "multi_select":
        return `${field.name}: multi select values are arrays of option names`;
    }
    this.valuesOf(issue).set(field.id, { field, value: value as string | number, option });
    issue.updatedAt = this.state.now();
    return null;
  }
}

/** The `issue_field_values` of an issue's REST JSON (GitHub's issue-field-value). */
export function fieldValuesJson(issue: FakeIssue): Record<string, unknown>[] {
  return [...(VALUES.get(issue)?.values() ?? [])].map((v) => ({
    issue_field_id: v.field.id,
    issue_field_name: v.field.name,
    node_id: nodeId("IFV", v.field.id * 1_000_003 + issue.id),
    data_type: v.field.dataType,
    value: v.value,
    ...(v.field.dataType === "single_select" && v.option ? { single_select_option: { id: v.option.id, name: v.option.name, color: v.option.color } } : {}),
  }));
}

function fieldJson(f: FakeIssueField) {
  return {
    id: f.id,
    node_id: f.node_id,
    name: f.name,
    description: null,
    data_type: f.dataType,
    visibility: "organization_members_only",
    ...(f.dataType === "single_select" || f.dataType === "multi_select" ? { options: f.options.map((o, i) => ({ ...o, description: null, priority: i + 1 })) } : {}),
    created_at: iso(f.createdAt),
    updated_at: iso(f.createdAt),
  };
}

/** The issue named by the path and whether issue fields are there; otherwise GitHub's answer. */
function fieldIssue(r: RestRequest, kind: FieldRequestKind): FakeIssue | RestAnswer {
  const repo = r.state.findRepo(`${r.params.owner}/${r.params.repo}`);
  const id = r.identity;
  const visible = repo && id && (id.kind === "token" || (id.kind === "installation" && id.installation !== undefined && r.state.installationCovers(id.installation, repo)));
  if (!repo || !visible) return notFound();
  const issue = repo.issuesByNumber.get(Number(r.params.issue_number));
  if (!issue) return notFound();
  // Issue fields are not available for user-owned repositories.
  if (repo.owner.type !== "Organization") return notFound();
  const refused = r.state.issueFields.refusalFor(repo.owner.login, repo, kind);
  if (refused !== undefined) return githubError(refused, refused === 403 ? "Resource not accessible by integration" : "Not Found");
  return issue;
}

const isAnswer = (x: object): x is RestAnswer => !("number" in x);

function writeValues(r: RestRequest, replace: boolean): RestAnswer {
  const issue = fieldIssue(r, "write");
  if (isAnswer(issue)) return issue;
  const fields = r.state.issueFields;
  const wanted = ((r.body as { issue_field_values?: { field_id: number; value: unknown }[] }).issue_field_values ?? []);
  const known = fields.fieldsOf(issue.repo.owner.login);
  const errors: Record<string, unknown>[] = [];
  for (const [index, w] of wanted.entries()) {
    const field = known.find((f) => f.id === w.field_id);
    if (!field) errors.push({ resource: "IssueFieldValue", field: "field_id", code: "invalid", index, message: `no issue field ${w.field_id} in this organization` });
  }
  if (errors.length > 0) return githubError(422, "Validation Failed", { errors });
  const before = new Map(fields.valuesOf(issue));
  if (replace) fields.valuesOf(issue).clear();
  for (const [index, w] of wanted.entries()) {
    const problem = fields.set(issue, known.find((f) => f.id === w.field_id)!, w.value);
    if (problem) {
      // Nothing of a refused request is kept.
      const values = fields.valuesOf(issue);
      values.clear();
      for (const [k, v] of before) values.set(k, v);
      return githubError(422, "Validation Failed", { errors: [{ resource: "IssueFieldValue", field: "value", code: "invalid", index, message: problem }] });
    }
  }
  return { status: 200, json: fieldValuesJson(issue) };
}

export const issueFieldHandlers: Record<string, (r: RestRequest) => RestAnswer> = {
  "orgs/list-issue-fields": (r) => {
    const org = r.state.knownUser(r.params.org ?? "");
    if (!org || org.type !== "Organization") return notFound();
    const id = r.identity;
    if (!id || (id.kind === "installation" && id.installation?.account.login.toLowerCase() !== org.login.toLowerCase())) return notFound();
    const refused = r.state.issueFields.refusalFor(org.login, null, "list");
    if (refused !== undefined) return githubError(refused, refused === 403 ? "Resource not accessible by integration" : "Not Found");
    return { status: 200, json: r.state.issueFields.fieldsOf(org.login).map(fieldJson) };
  },
  "issues/list-issue-field-values-for-issue": (r) => {
    const issue = fieldIssue(r, "read");
    return isAnswer(issue) ? issue : { status: 200, json: fieldValuesJson(issue) };
  },
  "issues/add-issue-field-values": (r) => writeValues(r, false),
  "issues/set-issue-field-values": (r) => writeValues(r, true),
  "issues/delete-issue-field-value": (r) => {
    const issue = fieldIssue(r, "write");
    if (isAnswer(issue)) return issue;
    const values = r.state.issueFields.valuesOf(issue);
    if (!values.delete(Number(r.params.issue_field_id))) return notFound();
    issue.updatedAt = r.state.now();
    return { status: 204 };
  },
};

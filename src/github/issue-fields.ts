// Organisation issue fields on GitHub (README, Managers' views): the
// organisation's field list (read once per installation per sweep, cached),
// the values issues carry now, and the one write per incident that makes them
// what plan-fields.ts wants. Like the managers' labels, a value is written
// only when it differs; a field or option the organisation lacks, and
// GitHub's 403/404 (no permission, issue fields not enabled, a user-owned
// repository), become problems reported once (issue-fields-issue.ts) while
// the labels keep working.
//
// GitHub's REST description: GET /orgs/{org}/issue-fields; the issue JSON's
// `issue_field_values` (so a repository's open issues, listed 100 a request,
// bring every incident's current values); POST .../issue-field-values adds or
// replaces the named fields' values and leaves other fields alone (PUT would
// clear them); DELETE .../issue-field-values/{issue_field_id} clears one.
// The GraphQL schema this app reads (@octokit/graphql-schema) has no issue
// field values, so the sweep's GraphQL read cannot bring them.
import type { FieldRole, FieldWant } from "../domain/plans/plan-fields.js";
import { type IssueRef, type Octokit, type RepoRef, messageOf, statusOf } from "./types.js";

export interface OrgField {
  id: number;
  name: string;
  dataType: string;
  /** Option names of a single or multi select. */
  options: string[];
}

export type FieldsProblem =
  | { kind: "missing-field"; role: FieldRole; field: string }
  | { kind: "wrong-type"; role: FieldRole; field: string; dataType: string; expected: FieldWant["dataType"] }
  | { kind: "missing-option"; role: FieldRole; field: string; option: string }
  /** GitHub refused a request: 403 (no permission) or 404 (fields not enabled, a user-owned repository); 422: a value refused. */
  | { kind: "refused"; status: number; doing: "list-fields" | "read-values" | "write-values"; message: string };

/** The values an issue carries now, by field id: a date (YYYY-MM-DD) or an option's name. */
export type CurrentValues = Map<number, string | null>;

export type FieldsWrite = {
  kind: "issue-fields";
  /** Values to set, in one request (names for the log and dry runs). */
  set: { field_id: number; field: string; value: string }[];
  /** Fields whose value is cleared, one request each. */
  clear: { field_id: number; field: string }[];
};

const IN_ROUTE = "/repos/{owner}/{repo}/issues/{issue_number}/issue-field-values";

/** An organisation's fields, or GitHub's refusal. */
export type OrgFields = { ok: true; fields: OrgField[] } | { ok: false; status: number; message: string };

/**
 * The organisations' field lists, read once each: a sweep makes one per
 * installation (so once per installation per sweep); the app keeps one for
 * webhooks whose entries expire after `maxAgeMs`. A 403 or 404 is kept like a
 * list; any other failure is thrown and not kept.
 */
export class OrgFieldsCache {
  private readonly entries = new Map<string, { at: number; fields: Promise<OrgFields> }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxAgeMs = Number.POSITIVE_INFINITY,
  ) {}

  fields(octokit: Octokit, org: string): Promise<OrgFields> {
    const key = org.toLowerCase();
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.at < this.maxAgeMs) return hit.fields;
    const fields = readOrgFields(octokit, org);
    this.entries.set(key, { at: this.now(), fields });
    fields.catch(() => this.entries.delete(key));
    return fields;
  }
}

async function readOrgFields(octokit: Octokit, org: string): Promise<OrgFields> {
  try {
    const { data } = await octokit.request("GET /orgs/{org}/issue-fields", { org });
    const list = (Array.isArray(data) ? data : []) as { id: number; name: string; data_type: string; options?: { name: string }[] | null }[];
    return { ok: true, fields: list.filter((f) => f !== null).map((f) => ({ id: f.id, name: f.name, dataType: f.data_type, options: (f.options ?? []).map((o) => o.name) })) };
  } catch (error) {
    const status = statusOf(error);
    if (status === 403 || status === 404) return { ok: false, status, message: messageOf(error) };
    throw error;
  }
}

/** The configured field of a role: by exact name, else by name ignoring case (GitHub's field names are case-insensitive in search). */
function fieldNamed(fields: OrgField[], name: string): OrgField | undefined {
  return fields.find((f) => f.name === name) ?? fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
}

/**
 * What is wrong with the configured fields, checked once per repository: each
 * must exist with the right kind, and a single select must have every option
 * the configuration can ask for (`options`, per role).
 */
export function checkFields(wants: Pick<FieldWant, "role" | "field" | "dataType">[], options: Partial<Record<FieldRole, string[]>>, fields: OrgField[]): FieldsProblem[] {
  const problems: FieldsProblem[] = [];
  for (const want of wants) {
    const field = fieldNamed(fields, want.field);
    if (!field) {
      problems.push({ kind: "missing-field", role: want.role, field: want.field });
      continue;
    }
    if (field.dataType !== want.dataType) {
      problems.push({ kind: "wrong-type", role: want.role, field: field.name, dataType: field.dataType, expected: want.dataType });
      continue;
    }
    for (const option of options[want.role] ?? []) {
      if (!field.options.includes(option)) problems.push({ kind: "missing-option", role: want.role, field: field.name, option });
    }
  }
  return problems;
}

/** The values in an issue's JSON (`issue_field_values`); null when the JSON does not carry them. */
export function currentValuesOf(issue: Record<string, unknown>): CurrentValues | null {
  const list = issue.issue_field_values;
  if (!Array.isArray(list)) return null;
  const values: CurrentValues = new Map();
  for (const v of list as { issue_field_id: number; value: unknown; single_select_option?: { name: string } | null }[]) {
    const value = v.single_select_option?.name ?? (typeof v.value === "string" ? v.value : typeof v.value === "number" ? String(v.value) : null);
    values.set(v.issue_field_id, value);
  }
  return values;
}

/** The issue's values read on their own (one request), when its JSON did not carry them. */
export async function readIssueValues(octokit: Octokit, ref: IssueRef): Promise<CurrentValues> {
  const { data } = await octokit.request(`GET ${IN_ROUTE}`, { ...ref, per_page: 100 });
  return currentValuesOf({ issue_field_values: data }) ?? new Map();
}

/** A date value as GitHub may show it (a date or a date-time): its date. */
const sameValue = (want: FieldWant, have: string | null | undefined) =>
  have !== undefined && have !== null && (want.dataType === "date" ? have.slice(0, 10) === want.value : have === want.value);

/**
 * The write that makes the issue's values what the plan wants, or null when
 * they already are. Fields with a problem (missing, of another kind, an
 * option the field lacks) are left alone.
 */
export function fieldsWrite(wants: FieldWant[], fields: OrgField[], current: CurrentValues): FieldsWrite | null {
  const write: FieldsWrite = { kind: "issue-fields", set: [], clear: [] };
  for (const want of wants) {
    const field = fieldNamed(fields, want.field);
    if (!field || field.dataType !== want.dataType) continue;
    const have = current.get(field.id);
    if (want.value === null) {
      if (have !== undefined && have !== null) write.clear.push({ field_id: field.id, field: field.name });
      continue;
    }
    if (want.dataType === "single_select" && !field.options.includes(want.value)) continue;
    if (!sameValue(want, have)) write.set.push({ field_id: field.id, field: field.name, value: want.value });
  }
  return write.set.length + write.clear.length > 0 ? write : null;
}

/** Whether GitHub's answer means "the fields cannot be written here" (reported, not retried) rather than a failure. */
export const isFieldsRefusal = (error: unknown): boolean => [403, 404, 422].includes(statusOf(error) ?? 0);

/**
 * Makes the write: one POST for the values to set, one DELETE per value to
 * clear (a 404 there: already clear). Returns the number of requests made.
 * `beforeWrite` is called before each request (the write budget).
 */
export async function executeFieldsWrite(octokit: Octokit, ref: IssueRef, write: FieldsWrite, beforeWrite?: () => void): Promise<number> {
  let requests = 0;
  if (write.set.length > 0) {
    await octokit.request(`POST ${IN_ROUTE}`, { ...ref, issue_field_values: write.set.map((s) => ({ field_id: s.field_id, value: s.value })) });
    requests++;
  }
  for (const c of write.clear) {
    if (requests > 0) beforeWrite?.();
    try {
      await octokit.request(`DELETE ${IN_ROUTE}/{issue_field_id}`, { ...ref, issue_field_id: c.field_id });
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
    requests++;
  }
  return requests;
}

/** The open issues of a repository with the values each carries (null: its JSON did not say), 100 a request. */
export async function readOpenValues(octokit: Octokit, ref: RepoRef): Promise<{ values: Map<number, CurrentValues | null>; issues: { number: number; body: string | null; user: string | null }[]; requests: number }> {
  const values = new Map<number, CurrentValues | null>();
  const issues: { number: number; body: string | null; user: string | null }[] = [];
  let requests = 0;
  for await (const page of octokit.paginate.iterator(octokit.rest.issues.listForRepo, { owner: ref.owner, repo: ref.repo, state: "open", per_page: 100 })) {
    requests++;
    for (const issue of page.data) {
      values.set(issue.number, currentValuesOf(issue));
      issues.push({ number: issue.number, body: issue.body ?? null, user: issue.user?.login ?? null });
    }
  }
  return { values, issues, requests };
}

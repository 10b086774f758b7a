// GitHub's own REST description (@octokit/openapi, api.github.com.json) as
// the judge of every request the fake receives and, in strict mode, of every
// answer it gives. The 13 MB file is read once per process and only when
// first needed; routes are indexed once; a validator is compiled per
// operation (and per response status) on first use.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";

type Json = Record<string, any>;

export interface Operation {
  method: string;
  template: string;
  operationId: string;
  /** Parameters with $refs resolved. */
  parameters: { name: string; in: string; required?: boolean; schema?: Json }[];
  requestBody?: { required: boolean; schema?: Json };
  responses: Json;
}

export interface RouteMatch {
  operation: Operation;
  params: Record<string, string>;
}

interface TrieNode {
  literal: Map<string, TrieNode>;
  param?: TrieNode;
  /** A trailing `{path}` parameter, which may span several segments. */
  greedy?: Map<string, Operation>;
  ops: Map<string, Operation>;
}

const newNode = (): TrieNode => ({ literal: new Map(), ops: new Map() });

interface Loaded {
  spec: Json;
  routes: Map<string, TrieNode>;
  /** Requests: every error, to say all that is wrong at once. */
  ajv: Ajv;
  /** Answers: the first error is enough, and compiling is about twice as fast. */
  ajvAnswers: Ajv;
  /** Components already converted and registered with both. */
  registered: Set<string>;
  loadMs: number;
}

let loaded: Loaded | null = null;

/** Milliseconds the description took to read, parse and index (0 until loaded). */
export function specLoadMs(): number {
  return loaded?.loadMs ?? 0;
}

function specPath(): string {
  const require = createRequire(import.meta.url);
  return require.resolve("@octokit/openapi/generated/api.github.com.json");
}

const COMPONENT_ID = "https://fake-github.invalid/components/";

/**
 * OpenAPI 3.0 → JSON Schema for ajv: `nullable: true` becomes `anyOf [schema, null]`,
 * `oneOf` becomes `anyOf` (GitHub's alternatives overlap, e.g. a label given as a name or
 * as an object with a name), and each component referred to is converted once and
 * registered with ajv under its own id, so that it is compiled once however many
 * operations use it. Everything else, `additionalProperties` included, is kept as the
 * description says it.
 */
function toJsonSchema(root: unknown, l: Loaded): Json {
  const convert = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(convert);
    if (node === null || typeof node !== "object") return node;
    const out: Json = {};
    for (const [key, value] of Object.entries(node as Json)) {
      if (key === "nullable" || key === "example" || key === "examples" || key === "description" || key === "discriminator" || key.startsWith("x-")) continue;
      if (key === "$ref" && typeof value === "string") {
        const name = value.replace(/^#\/components\/schemas\//, "").replace(/\//g, "_");
        out.$ref = COMPONENT_ID + name;
        if (!l.registered.has(name)) {
          l.registered.add(name);
          const schema = { ...(convert(resolveRef(l.spec, value)) as Json), $id: COMPONENT_ID + name };
          l.ajv.addSchema(schema);
          l.ajvAnswers.addSchema(schema);
        }
      } else if (key === "properties" && value && typeof value === "object") {
        // Property names are data, not keywords: convert only their schemas.
        out.properties = Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, convert(v)]));
      } else out[key === "oneOf" ? "anyOf" : key] = convert(value);
    }
    if ((node as Json).nullable === true) return { anyOf: [out, { type: "null" }] };
    return out;
  };
  return convert(root) as Json;
}

function resolveRef(spec: Json, ref: string): Json {
  let node: any = spec;
  for (const part of ref.replace(/^#\//, "").split("/")) node = node[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  return node as Json;
}

function load(): Loaded {
  if (loaded) return loaded;
  const started = performance.now();
  const spec = JSON.parse(readFileSync(specPath(), "utf8")) as Json;
  const routes = new Map<string, TrieNode>();
  for (const [template, item] of Object.entries(spec.paths as Json)) {
    for (const [method, raw] of Object.entries(item as Json)) {
      if (!["get", "post", "put", "patch", "delete", "head"].includes(method)) continue;
      const op = raw as Json;
      const parameters = [...((item as Json).parameters ?? []), ...(op.parameters ?? [])].map((p: Json) => (p.$ref ? resolveRef(spec, p.$ref) : p));
      const rb = op.requestBody ? (op.requestBody.$ref ? resolveRef(spec, op.requestBody.$ref) : op.requestBody) : undefined;
      const operation: Operation = {
        method: method.toUpperCase(),
        template,
        operationId: op.operationId,
        parameters: parameters as Operation["parameters"],
        requestBody: rb ? { required: rb.required === true, schema: rb.content?.["application/json"]?.schema } : undefined,
        responses: op.responses ?? {},
      };
      insertRoute(routes, operation);
    }
  }
  // Separate refs (inlineRefs: false) keep a big answer schema (the timeline: 33 event
  // kinds sharing users and apps) from being generated again at every use.
  const [ajv, ajvAnswers] = [true, false].map((allErrors) => {
    const a = new Ajv({ strict: false, allErrors, inlineRefs: false, validateFormats: true });
    const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;
    a.addFormat("date-time", (s: string) => dateTime.test(s) && !Number.isNaN(Date.parse(s)));
    a.addFormat("date", /^\d{4}-\d{2}-\d{2}$/);
    a.addFormat("uri", (s: string) => /^[a-z][a-z0-9+.-]*:/i.test(s));
    for (const f of ["int64", "int32", "double", "repo.nwo", "binary", "uri-template", "email", "timestamp"]) a.addFormat(f, true);
    return a;
  }) as [Ajv, Ajv];
  loaded = { spec, routes, ajv, ajvAnswers, registered: new Set(), loadMs: performance.now() - started };
  return loaded;
}

/** Loads the description now (so that the first request is not the slow one). */
export function warmUpOpenApi(): number {
  load();
  return specLoadMs();
}

function insertRoute(routes: Map<string, TrieNode>, op: Operation): void {
  let root = routes.get(op.method);
  if (!root) routes.set(op.method, (root = newNode()));
  const segments = op.template.split("/").slice(1);
  let node = root;
  segments.forEach((segment, i) => {
    const isParam = /^\{[^}]+\}$/.test(segment);
    if (isParam && segment === "{path}" && i === segments.length - 1) {
      node.greedy ??= new Map();
      node.greedy.set(op.method, op);
      return;
    }
    if (isParam) node = node.param ??= newNode();
    else {
      let next = node.literal.get(segment);
      if (!next) node.literal.set(segment, (next = newNode()));
      node = next;
    }
    if (i === segments.length - 1) node.ops.set(op.method, op);
  });
}

/** The operation for a method and a raw (still percent-encoded) path, literal segments first. */
export function matchRoute(method: string, rawPath: string): RouteMatch | null {
  const { routes } = load();
  const m = method.toUpperCase() === "HEAD" ? "GET" : method.toUpperCase();
  const root = routes.get(m);
  if (!root) return null;
  const segments = rawPath.split("/").slice(1);
  const values: string[] = [];
  const walk = (node: TrieNode, i: number): Operation | null => {
    if (i === segments.length) return node.ops.get(m) ?? null;
    const segment = segments[i]!;
    const lit = node.literal.get(segment);
    if (lit) {
      const found = walk(lit, i + 1);
      if (found) return found;
    }
    if (node.param && segment !== "") {
      values.push(segment);
      const found = walk(node.param, i + 1);
      if (found) return found;
      values.pop();
    }
    const greedy = node.greedy?.get(m);
    if (greedy && segment !== "") {
      values.push(segments.slice(i).join("/"));
      return greedy;
    }
    return null;
  };
  const operation = walk(root, 0);
  if (!operation) return null;
  const names = [...operation.template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const params: Record<string, string> = {};
  names.forEach((name, i) => {
    const raw = values[i] ?? "";
    try {
      params[name] = decodeURIComponent(raw);
    } catch {
      params[name] = raw;
    }
  });
  return { operation, params };
}

export interface Problem {
  /** Where: "path", "query", "body". */
  where: "path" | "query" | "body";
  /** Does GitHub refuse such a request (true) or silently ignore the odd part (false)? */
  rejected: boolean;
  message: string;
}

function coerce(value: string, schema: Json | undefined): unknown {
  const type = schema?.type;
  if (type === "integer" && /^-?\d+$/.test(value)) return Number(value);
  if (type === "number" && value.trim() !== "" && !Number.isNaN(Number(value))) return Number(value);
  if (type === "boolean" && (value === "true" || value === "false")) return value === "true";
  if (type === "array") return value.split(",");
  return value;
}

const validators = new Map<string, ValidateFunction>();

function validatorFor(key: string, schema: Json, answers = false): ValidateFunction {
  let v = validators.get(key);
  if (!v) {
    const l = load();
    v = (answers ? l.ajvAnswers : l.ajv).compile(toJsonSchema(schema, l));
    validators.set(key, v);
  }
  return v;
}

/** GitHub's wording for a body its schema refuses ("Invalid request.\n\n…"). */
function describe(errors: ErrorObject[] | null | undefined, data: unknown): string[] {
  const out: string[] = [];
  for (const e of errors ?? []) {
    const at = e.instancePath.replace(/^\//, "").replace(/\//g, "/properties/");
    if (e.keyword === "required") out.push(`"${(e.params as { missingProperty: string }).missingProperty}" wasn't supplied.`);
    else if (e.keyword === "additionalProperties") out.push(`"${(e.params as { additionalProperty: string }).additionalProperty}" is not a permitted key.`);
    else if (e.keyword === "type") {
      const value = e.instancePath.split("/").slice(1).reduce<any>((v, k) => v?.[k], data);
      const type = String((e.params as { type: string }).type);
      out.push(`For 'properties/${at}', ${JSON.stringify(value)} is not ${/^[aeiou]/.test(type) ? "an" : "a"} ${type}.`);
    } else if (e.keyword === "enum") out.push(`For 'properties/${at}', value is not one of ${JSON.stringify((e.params as { allowedValues: unknown[] }).allowedValues)}.`);
    else if (e.keyword === "anyOf" || e.keyword === "oneOf") out.push(`No subschema in "${e.keyword}" matched${at ? ` at '${at}'` : ""}.`);
    else out.push(`${at || "body"} ${e.message ?? "is invalid"}.`);
  }
  return [...new Set(out)];
}

/** Property names a plain object body carries that its schema does not describe (GitHub ignores them). */
function unknownKeys(schema: Json | undefined, body: unknown): string[] {
  if (!schema || !body || typeof body !== "object" || Array.isArray(body)) return [];
  const s = schema.$ref ? resolveRef(load().spec, schema.$ref) : schema;
  if (s.type !== "object" || !s.properties || s.additionalProperties !== undefined) return [];
  return Object.keys(body).filter((k) => !(k in s.properties));
}

/**
 * Everything GitHub's description says is wrong with a request. Path and body problems
 * are refused by GitHub (404, 422); unknown query parameters and unknown body properties
 * are silently ignored by GitHub, but are reported too: they are how a misplaced
 * argument (an issue number sent to a repository endpoint) shows itself.
 */
export function checkRequest(match: RouteMatch, query: URLSearchParams, body: unknown, hasBody: boolean): Problem[] {
  const { operation, params } = match;
  const problems: Problem[] = [];
  for (const p of operation.parameters) {
    if (p.in === "path") {
      const v = coerce(params[p.name] ?? "", p.schema);
      if (!validatorFor(`param:${operation.operationId}:${p.name}`, p.schema ?? {})(v)) {
        problems.push({ where: "path", rejected: true, message: `path parameter ${p.name}=${JSON.stringify(params[p.name])} does not match ${JSON.stringify(p.schema)}` });
      }
    } else if (p.in === "query") {
      const raw = query.get(p.name);
      if (raw === null) {
        if (p.required) problems.push({ where: "query", rejected: true, message: `query parameter ${p.name} is required` });
        continue;
      }
      if (!validatorFor(`param:${operation.operationId}:${p.name}`, p.schema ?? {})(coerce(raw, p.schema))) {
        problems.push({ where: "query", rejected: true, message: `query parameter ${p.name}=${JSON.stringify(raw)} does not match ${JSON.stringify(p.schema)}` });
      }
    }
  }
  const knownQuery = new Set(operation.parameters.filter((p) => p.in === "query").map((p) => p.name));
  for (const name of new Set(query.keys())) {
    if (!knownQuery.has(name)) problems.push({ where: "query", rejected: false, message: `unknown query parameter ${name} (GitHub ignores it)` });
  }
  const rb = operation.requestBody;
  if (!hasBody) {
    if (rb?.required) problems.push({ where: "body", rejected: true, message: "Invalid request.\n\nRequest body is required." });
    return problems;
  }
  if (!rb?.schema) {
    if (body !== undefined && !(typeof body === "object" && body !== null && Object.keys(body).length === 0)) {
      problems.push({ where: "body", rejected: false, message: `${operation.method} ${operation.template} takes no body (GitHub ignores it)` });
    }
    return problems;
  }
  const validate = validatorFor(`body:${operation.operationId}`, rb.schema);
  if (!validate(body)) {
    problems.push({ where: "body", rejected: true, message: `Invalid request.\n\n${describe(validate.errors, body).join("\n")}` });
  }
  for (const key of unknownKeys(rb.schema, body)) {
    problems.push({ where: "body", rejected: false, message: `unknown body property ${JSON.stringify(key)} (GitHub ignores it)` });
  }
  return problems;
}

/**
 * Places where the description contradicts what GitHub sends, so that a faithful answer
 * cannot satisfy it: in GET /app/installations `account` is `allOf [simple-user,
 * enterprise]` (both at once), where GET /app/installations/{id} says `anyOf`.
 */
const DESCRIPTION_DEFECTS: { operationId: string; at: RegExp }[] = [{ operationId: "apps/list-installations", at: /^\/\d+\/account(\/|$)/ }];

/** Problems of an answer the fake gives, against the description's schema for that status. */
export function checkResponse(operation: Operation, status: number, json: unknown): string[] {
  let response = operation.responses[String(status)] as Json | undefined;
  if (response?.$ref) response = resolveRef(load().spec, response.$ref as string);
  const schema = response?.content?.["application/json"]?.schema as Json | undefined;
  if (!schema) return [];
  const defects = DESCRIPTION_DEFECTS.filter((d) => d.operationId === operation.operationId);
  // Where a defect is known, collect every error, so the defect does not hide the others.
  const validate = validatorFor(`response:${operation.operationId}:${status}`, schema, defects.length === 0);
  if (validate(json)) return [];
  return (validate.errors ?? [])
    .filter((e) => !defects.some((d) => d.at.test(e.instancePath)))
    .slice(0, 10)
    .map((e) => `${e.instancePath || "(root)"} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
}

/** The description's JSON Schema for a component (e.g. "webhook-issues-opened"), for tests. */
export function componentValidator(name: string): ValidateFunction {
  return validatorFor(`component:${name}`, { $ref: `#/components/schemas/${name}` }, true);
}

let eventNames: Set<string> | null = null;

/** The webhook event names GitHub's description knows (its `x-webhooks`, by their X-GitHub-Event header). */
export function webhookEventNames(): Set<string> {
  if (eventNames) return eventNames;
  const names = new Set<string>();
  for (const item of Object.values((load().spec["x-webhooks"] ?? {}) as Json)) {
    for (const op of Object.values(item as Json)) {
      const header = ((op as Json).parameters ?? []).find((p: Json) => String(p.name).toLowerCase() === "x-github-event");
      if (typeof header?.example === "string") names.add(header.example);
    }
  }
  eventNames = names;
  return names;
}

/** The property names a component of the description declares (e.g. every permission of "app-permissions"). */
export function componentProperties(name: string): string[] {
  return Object.keys(((load().spec.components?.schemas?.[name] as Json | undefined)?.properties ?? {}) as Json);
}

// GraphQL over the fake's state, checked against GitHub's real schema
// (@octokit/graphql-schema's schema.graphql). Queries are parsed, validated
// and statically analysed the way GitHub does before running anything:
// every connection needs `first` or `last` (at most 100), at most 500,000
// nodes, and the cost is the number of connection requests divided by 100.
// Resolvers are small objects made per node that is actually asked for,
// so a 10,000-issue repository costs nothing until a page of it is read.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import {
  type DocumentNode,
  type GraphQLCompositeType,
  GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  buildSchema,
  execute,
  getArgumentValues,
  getNamedType,
  getVariableValues,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  Kind,
  OperationTypeNode,
  parse,
  validate,
} from "graphql";
import { iso, nodeId } from "./state.js";
import type { FakeComment, FakeIssue, FakeRepo, FakeState, FakeUser, TimelineEntry } from "./state.js";
import type { Urls } from "./shapes.js";

let schema: GraphQLSchema | null = null;
let schemaMs = 0;

/** Milliseconds GitHub's schema took to read and build (0 until built). */
export function graphqlSchemaMs(): number {
  return schemaMs;
}

function schemaFile(): string {
  // The package exports only its index (which parses a 5 MB JSON at import): find the SDL file itself.
  const require = createRequire(import.meta.url);
  for (const dir of require.resolve.paths("@octokit/graphql-schema") ?? []) {
    const file = join(dir, "@octokit/graphql-schema/schema.graphql");
    if (existsSync(file)) return file;
  }
  throw new Error("fake-github: @octokit/graphql-schema is not installed");
}

export function githubSchema(): GraphQLSchema {
  if (!schema) {
    const started = performance.now();
    schema = buildSchema(readFileSync(schemaFile(), "utf8"), { assumeValidSDL: true });
    schemaMs = performance.now() - started;
  }
  return schema;
}

export interface RateState {
  limit: number;
  used: number;
  resetAt: number;
}

export interface GraphqlCall {
  state: FakeState;
  urls: Urls;
  /** Who asks: the login GitHub shows for the token, and the repositories it may see. */
  viewer: FakeUser;
  canSee: (repo: FakeRepo) => boolean;
  rate: RateState;
  now: number;
}

export interface GraphqlResult {
  json: { data?: unknown; errors?: unknown[] };
  cost: number;
  nodeCount: number;
  /** Set when the query asked for something the fake does not serve (a mutation). */
  unimplemented?: string;
}

const MAX_PAGE = 100;
const MAX_NODES = 500_000;

interface ErrorJson {
  type?: string;
  message: string;
  locations?: readonly { line: number; column: number }[];
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}

function errorJson(e: GraphQLError): ErrorJson {
  const out: ErrorJson = { message: e.message };
  const type = (e.extensions?.type ?? (e.originalError as GraphQLError | undefined)?.extensions?.type) as string | undefined;
  if (type) out.type = type;
  if (e.path) out.path = e.path;
  if (e.locations) out.locations = e.locations;
  if (!type && e.extensions && Object.keys(e.extensions).length > 0) out.extensions = { ...e.extensions };
  return out;
}

const githubError = (type: string, message: string) => new GraphQLError(message, { extensions: { type } });

/** GitHub's limits, checked before execution, and the query's cost. */
function analyse(s: GraphQLSchema, doc: DocumentNode, op: OperationDefinitionNode, variables: Record<string, unknown>) {
  const errors: GraphQLError[] = [];
  const coerced = getVariableValues(s, op.variableDefinitions ?? [], variables);
  if (coerced.errors) return { errors: [...coerced.errors], requests: 0, nodes: 0 };
  const vars = coerced.coerced;
  const fragments = new Map(doc.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  let requests = 0;
  let nodes = 0;
  const walk = (set: SelectionSetNode, parent: GraphQLCompositeType, multiplier: number, seen: Set<string>) => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value.startsWith("__") || isUnionType(parent)) continue;
        const def = (isObjectType(parent) || isInterfaceType(parent) ? parent.getFields() : {})[sel.name.value];
        if (!def) continue;
        let args: Record<string, unknown>;
        try {
          args = getArgumentValues(def, sel, vars);
        } catch (e) {
          errors.push(e as GraphQLError);
          continue;
        }
        const named = getNamedType(def.type);
        let inner = multiplier;
        if (named.name.endsWith("Connection")) {
          const n = (args.first ?? args.last) as number | undefined;
          if (n === undefined || n === null) {
            errors.push(githubError("MISSING_PAGINATION_BOUNDARIES", `You must provide a \`first\` or \`last\` value to properly paginate the \`${sel.name.value}\` connection.`));
          } else if (n > MAX_PAGE || n < 0) {
            const which = args.first !== undefined ? "first" : "last";
            errors.push(githubError("EXCESSIVE_PAGINATION", `Requested ${n} records on the \`${sel.name.value}\` connection, which exceeds the \`${which}\` limit of ${MAX_PAGE} records.`));
          }
          requests += multiplier;
          inner = multiplier * Math.max(0, Math.min(n ?? 0, MAX_PAGE));
          nodes += inner;
        }
        if (sel.selectionSet && isCompositeType(named)) walk(sel.selectionSet, named, inner, seen);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const type = sel.typeCondition ? s.getType(sel.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) walk(sel.selectionSet, type, multiplier, seen);
      } else {
        const frag = fragments.get(sel.name.value);
        if (!frag || seen.has(frag.name.value)) continue;
        const type = s.getType(frag.typeCondition.name.value);
        if (type && isCompositeType(type)) walk(frag.selectionSet, type, multiplier, new Set([...seen, frag.name.value]));
      }
    }
  };
  const root = op.operation === OperationTypeNode.QUERY ? s.getQueryType() : op.operation === OperationTypeNode.MUTATION ? s.getMutationType() : s.getSubscriptionType();
  if (root) walk(op.selectionSet, root, 1, new Set());
  if (nodes > MAX_NODES) {
    errors.push(githubError("MAX_NODE_LIMIT_EXCEEDED", `This query requests up to ${nodes.toLocaleString("en-US")} possible nodes which exceeds the maximum limit of ${MAX_NODES.toLocaleString("en-US")}.`));
  }
  return { errors, requests, nodes };
}

// ---- connections -------------------------------------------------------------------------------

const cursorOf = (offset: number) => Buffer.from(`cursor:v2:${offset}`).toString("base64");

function offsetOf(cursor: string): number {
  const m = /^cursor:v2:(\d+)$/.exec(Buffer.from(cursor, "base64").toString("utf8"));
  if (!m) throw githubError("INVALID_CURSOR_ARGUMENTS", `\`${cursor}\` does not appear to be a valid cursor.`);
  return Number(m[1]);
}

interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  skip?: number | null;
}

function connection<T>(all: readonly T[], args: PageArgs, node: (item: T) => unknown) {
  let start = args.after ? offsetOf(args.after) + 1 : 0;
  let end = args.before ? offsetOf(args.before) : all.length;
  if (args.skip) start += args.skip;
  start = Math.min(Math.max(start, 0), all.length);
  end = Math.max(Math.min(end, all.length), start);
  if (typeof args.first === "number") end = Math.min(end, start + args.first);
  else if (typeof args.last === "number") start = Math.max(start, end - args.last);
  const page = all.slice(start, end);
  return {
    totalCount: all.length,
    pageInfo: {
      hasNextPage: end < all.length,
      hasPreviousPage: start > 0,
      startCursor: page.length > 0 ? cursorOf(start) : null,
      endCursor: page.length > 0 ? cursorOf(end - 1) : null,
    },
    nodes: page.map(node),
    edges: page.map((item, i) => ({ cursor: cursorOf(start + i), node: node(item) })),
  };
}

// ---- nodes -------------------------------------------------------------------------------------

/** A user or a bot as GraphQL shows it: a bot's login has no "[bot]" suffix there. */
function actorNode(u: FakeUser | null, urls: Urls) {
  if (!u) return null;
  const isBot = u.type === "Bot";
  const login = isBot ? u.login.replace(/\[bot\]$/i, "") : u.login;
  return {
    __typename: isBot ? "Bot" : u.type === "Organization" ? "Organization" : "User",
    id: u.node_id,
    databaseId: u.id,
    login,
    url: isBot ? `${urls.web}/apps/${login}` : `${urls.web}/${u.login}`,
    resourcePath: isBot ? `/apps/${login}` : `/${u.login}`,
    avatarUrl: () => `${urls.web}/avatars/u/${u.id}?v=4`,
  };
}

const STATE_REASON = { completed: "COMPLETED", not_planned: "NOT_PLANNED", duplicate: "DUPLICATE", reopened: "REOPENED" } as const;

/** REST event name → GraphQL type, where the rule "kebab-case → PascalCase + Event" does not hold. */
const SPECIAL_TYPES: Record<string, string> = { commented: "IssueComment", renamed: "RenamedTitleEvent", moved_columns_in_project: "MovedColumnsInProjectEvent" };

function typeNameOf(entry: TimelineEntry): string {
  const event = entry.kind === "other" ? entry.event : entry.kind;
  return SPECIAL_TYPES[event] ?? `${event.replace(/(^|[-_])(\w)/g, (_m, _s, c: string) => c.toUpperCase())}Event`;
}

/** REST-style extra fields of a seeded event, in GraphQL's camelCase. */
function camel(extra: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(extra).map(([k, v]) => [k.replace(/_(\w)/g, (_m, c: string) => c.toUpperCase()), v]));
}

class Nodes {
  private timelineTypes: Set<string> | null = null;
  constructor(private readonly call: GraphqlCall) {}

  private memberTypes(): Set<string> {
    this.timelineTypes ??= new Set((githubSchema().getType("IssueTimelineItems") as import("graphql").GraphQLUnionType).getTypes().map((t) => t.name));
    return this.timelineTypes;
  }

  repository(r: FakeRepo) {
    const { urls } = this.call;
    return {
      __typename: "Repository",
      id: r.node_id,
      databaseId: r.id,
      name: r.name,
      nameWithOwner: r.fullName,
      owner: actorNode(r.owner, urls),
      url: `${urls.web}/${r.fullName}`,
      isPrivate: r.private,
      isArchived: false,
      defaultBranchRef: { __typename: "Ref", name: r.defaultBranch, prefix: "refs/heads/", id: `REF_${r.id}` },
      issue: ({ number }: { number: number }) => {
        const issue = r.issuesByNumber.get(number);
        if (!issue || issue.pullRequest) throw githubError("NOT_FOUND", `Could not resolve to an Issue with the number of ${number}.`);
        return this.issue(issue);
      },
      issues: (args: PageArgs & { states?: string[] | null; labels?: string[] | null; orderBy?: { field: string; direction: string } | null; filterBy?: Record<string, any> | null }) => {
        const states = args.states ?? args.filterBy?.states;
        const labelFilter = args.labels ?? args.filterBy?.labels;
        const since = args.filterBy?.since ? Date.parse(args.filterBy.since as string) : null;
        const createdBy = (args.filterBy?.createdBy as string | undefined)?.toLowerCase();
        let list = r.issues.filter((i) => {
          if (i.pullRequest) return false;
          if (states && !states.includes(i.state.toUpperCase())) return false;
          if (labelFilter && !i.labels.some((l) => labelFilter.some((n: string) => n.toLowerCase() === l.name.toLowerCase()))) return false;
          if (since !== null && i.updatedAt < since) return false;
          if (createdBy && i.user.login.toLowerCase() !== createdBy) return false;
          return true;
        });
        const field = args.orderBy?.field ?? "CREATED_AT";
        const dir = args.orderBy?.direction === "DESC" ? -1 : 1;
        const key = (i: FakeIssue) => (field === "UPDATED_AT" ? i.updatedAt : field === "COMMENTS" ? i.commentCount : i.createdAt);
        list = list.sort((a, b) => dir * (key(a) - key(b) || a.number - b.number));
        return connection(list, args, (i) => this.issue(i));
      },
      labels: (args: PageArgs) => {
        return connection(r.labels, args, (l) => ({ __typename: "Label", id: l.node_id, name: l.name, color: l.color, description: l.description, isDefault: l.default }));
      },
      object: ({ expression }: { expression?: string | null }) => {
        // "HEAD:path" or "<default branch>:path": files live on the default branch only.
        const m = /^([^:]*):(.*)$/.exec(expression ?? "");
        if (!m || (m[1] !== "HEAD" && m[1] !== r.defaultBranch)) return null;
        const text = r.files.get(m[2]!);
        if (text === undefined) return null;
        return { __typename: "Blob", id: `B_${r.id}_${m[2]}`, oid: "0".repeat(40), text, byteSize: Buffer.byteLength(text), isBinary: false, isTruncated: false };
      },
    };
  }

  issue(i: FakeIssue) {
    const { urls } = this.call;
    return {
      __typename: "Issue",
      id: i.node_id,
      databaseId: i.id,
      number: i.number,
      title: i.title,
      body: i.body ?? "",
      url: `${urls.web}/${i.repo.fullName}/issues/${i.number}`,
      resourcePath: `/${i.repo.fullName}/issues/${i.number}`,
      createdAt: iso(i.createdAt),
      updatedAt: iso(i.updatedAt),
      closedAt: i.closedAt === null ? null : iso(i.closedAt),
      closed: i.state === "closed",
      locked: i.locked,
      state: i.state.toUpperCase(),
      // Without enableDuplicate GitHub reports a duplicate as NOT_PLANNED (schema description).
      stateReason: ({ enableDuplicate }: { enableDuplicate?: boolean | null }) => {
        if (!i.stateReason) return null;
        return i.stateReason === "duplicate" && !enableDuplicate ? "NOT_PLANNED" : STATE_REASON[i.stateReason];
      },
      author: () => actorNode(i.user, urls),
      authorAssociation: i.authorAssociation,
      repository: () => this.repository(i.repo),
      labels: (args: PageArgs) => connection(i.labels, args, (l) => ({ __typename: "Label", id: l.node_id, name: l.name, color: l.color, description: l.description, isDefault: l.default })),
      assignees: (args: PageArgs) => connection(i.assignees, args, (u) => actorNode(u, urls)),
      comments: (args: PageArgs) => connection(this.call.state.commentsOf(i), args, (c) => this.comment(c)),
      timelineItems: (args: PageArgs & { itemTypes?: string[] | null; since?: string | null }) => {
        const members = this.memberTypes();
        const wanted = args.itemTypes ? new Set(args.itemTypes.map((t) => t.toLowerCase().replace(/_/g, ""))) : null;
        const since = args.since ? Date.parse(args.since) : null;
        const list = i.timeline.filter((e) => {
          const type = typeNameOf(e);
          if (!members.has(type)) return false;
          if (wanted && !wanted.has(type.toLowerCase())) return false;
          return since === null || e.at >= since;
        });
        return connection(list, args, (e) => this.timelineItem(e, i));
      },
    };
  }

  comment(c: FakeComment) {
    const { urls } = this.call;
    return {
      __typename: "IssueComment",
      id: nodeId("IC", c.id),
      databaseId: c.id,
      body: c.body,
      createdAt: iso(c.createdAt),
      updatedAt: iso(c.updatedAt),
      lastEditedAt: c.updatedAt === c.createdAt ? null : iso(c.updatedAt),
      author: () => actorNode(c.user, urls),
      authorAssociation: c.authorAssociation,
      url: `${urls.web}/${c.issue.repo.fullName}/issues/${c.issue.number}#issuecomment-${c.id}`,
      isMinimized: false,
      issue: () => this.issue(c.issue),
    };
  }

  timelineItem(e: TimelineEntry, issue: FakeIssue) {
    if (e.kind === "commented") return this.comment(e.comment);
    const { urls } = this.call;
    const base = { __typename: typeNameOf(e), id: nodeId("E", e.id), createdAt: iso(e.at), actor: () => actorNode(e.actor, urls) };
    switch (e.kind) {
      case "labeled":
      case "unlabeled": {
        const current = this.call.state.findLabel(issue.repo, e.label.name);
        return { ...base, label: { __typename: "Label", id: current?.node_id ?? `LA_${e.id}`, name: e.label.name, color: e.label.color, description: current?.description ?? null }, labelable: () => this.issue(issue) };
      }
      case "closed":
        return {
          ...base,
          stateReason: e.stateReason ? STATE_REASON[e.stateReason] : null,
          closer: null,
          closable: () => this.issue(issue),
          url: `${urls.web}/${issue.repo.fullName}/issues/${issue.number}#event-${e.id}`,
          resourcePath: `/${issue.repo.fullName}/issues/${issue.number}#event-${e.id}`,
        };
      case "reopened":
        return { ...base, closable: () => this.issue(issue), stateReason: "REOPENED" };
      case "other":
        return { ...base, ...camel(e.extra) };
    }
  }
}

/** Parsed and validated documents by query text: a sweep sends the same query again and again. */
const documents = new Map<string, { doc: DocumentNode } | { errors: ErrorJson[] }>();

function parseAndValidate(s: GraphQLSchema, query: string): { doc: DocumentNode } | { errors: ErrorJson[] } {
  let checked = documents.get(query);
  if (!checked) {
    try {
      const doc = parse(query);
      const invalid = validate(s, doc);
      checked = invalid.length > 0 ? { errors: invalid.map(errorJson) } : { doc };
    } catch (e) {
      checked = { errors: [errorJson(e as GraphQLError)] };
    }
    if (documents.size > 500) documents.clear();
    documents.set(query, checked);
  }
  return checked;
}

/** Runs one GraphQL request body ({ query, variables, operationName }). */
export function runGraphql(body: unknown, call: GraphqlCall): GraphqlResult {
  const s = githubSchema();
  const request = (body ?? {}) as { query?: unknown; variables?: unknown; operationName?: unknown };
  if (typeof request.query !== "string") {
    return { json: { errors: [{ message: "A query attribute must be specified and must be a string." }] }, cost: 0, nodeCount: 0 };
  }
  const checked = parseAndValidate(s, request.query);
  if ("errors" in checked) return { json: { errors: checked.errors }, cost: 0, nodeCount: 0 };
  const doc = checked.doc;
  const opName = typeof request.operationName === "string" ? request.operationName : undefined;
  const ops = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const op = opName ? ops.find((o) => o.name?.value === opName) : ops.length === 1 ? ops[0] : undefined;
  if (!op) return { json: { errors: [{ message: opName ? `No operation named "${opName}"` : "An operation name is required when the document has several operations." }] }, cost: 0, nodeCount: 0 };
  const variables = request.variables && typeof request.variables === "object" ? (request.variables as Record<string, unknown>) : {};
  const analysis = analyse(s, doc, op, variables);
  if (analysis.errors.length > 0) return { json: { errors: analysis.errors.map(errorJson) }, cost: 0, nodeCount: analysis.nodes };
  if (op.operation !== OperationTypeNode.QUERY) {
    const names = op.selectionSet.selections.map((x) => (x.kind === Kind.FIELD ? x.name.value : "?")).join(", ");
    return { json: { errors: [{ message: `fake-github serves queries only, not ${op.operation} ${names}` }] }, cost: 0, nodeCount: 0, unimplemented: `${op.operation} ${names}` };
  }
  const cost = Math.max(1, Math.round(analysis.requests / 100));
  const { rate, now } = call;
  if (now >= rate.resetAt) {
    rate.used = 0;
    rate.resetAt = now + 3600_000;
  }
  if (rate.used + cost > rate.limit) {
    return { json: { errors: [{ type: "RATE_LIMITED", message: "API rate limit exceeded for installation." }] }, cost: 0, nodeCount: analysis.nodes };
  }
  rate.used += cost;
  const nodes = new Nodes(call);
  const rootValue = {
    repository({ owner, name }: { owner: string; name: string }) {
      const r = call.state.findRepo(`${owner}/${name}`);
      if (!r || !call.canSee(r)) throw githubError("NOT_FOUND", `Could not resolve to a Repository with the name '${owner}/${name}'.`);
      return nodes.repository(r);
    },
    rateLimit: () => ({ __typename: "RateLimit", cost, limit: rate.limit, remaining: rate.limit - rate.used, used: rate.used, resetAt: iso(rate.resetAt), nodeCount: analysis.nodes }),
    // With an installation token GitHub answers with the app's bot, "[bot]" included.
    viewer: () => ({ ...actorNode(call.viewer, call.urls), __typename: "User", login: call.viewer.login }),
  };
  const result = execute({ schema: s, document: doc, rootValue, variableValues: variables, operationName: opName });
  if (result instanceof Promise) throw new Error("fake-github: resolvers are synchronous");
  const json: GraphqlResult["json"] = { data: result.data ?? null };
  if (result.errors?.length) json.errors = result.errors.map(errorJson);
  return { json, cost, nodeCount: analysis.nodes };
}

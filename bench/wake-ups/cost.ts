// GitHub's documented cost of one GraphQL call, in points of the primary rate
// limit (docs: "Rate limits and query limits for the GraphQL API"): every
// connection asks for as many requests as there are parents it hangs from, a
// parent count that multiplies through the nesting by each enclosing
// connection's `first`/`last`; the call's points are the sum of those
// requests divided by 100, rounded to the nearest whole number, and at least 1.
//
// Worked from the query text alone (no schema): a field with a `first` or
// `last` argument is a connection. Literal values and variables (with their
// defaults) both count; fragments and inline fragments are followed. The
// fake GitHub computes the same figure with GitHub's schema; the wake-up
// benchmark checks that both agree on every call.
import { type DocumentNode, type FragmentDefinitionNode, Kind, type OperationDefinitionNode, type SelectionSetNode, type ValueNode, parse, valueFromASTUntyped } from "graphql";

export interface QueryCost {
  /** Connection requests, summed over the query. */
  requests: number;
  points: number;
  /** The operation's name ("" when anonymous). */
  operation: string;
}

/** Points for a number of connection requests: /100, rounded to nearest, at least 1. */
export const pointsOf = (requests: number): number => Math.max(1, Math.round(requests / 100));

export function queryCost(query: string, variables: Record<string, unknown> = {}, operationName?: string): QueryCost {
  const doc: DocumentNode = parse(query);
  const operations = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const op = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!op) throw new Error(`queryCost: no operation${operationName ? ` named ${operationName}` : ""} in the query`);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  // Variables as sent, else their declared defaults.
  const vars: Record<string, unknown> = {};
  for (const def of op.variableDefinitions ?? []) if (def.defaultValue) vars[def.variable.name.value] = valueFromASTUntyped(def.defaultValue);
  Object.assign(vars, variables);

  const pageSize = (value: ValueNode): number | null => {
    const v = valueFromASTUntyped(value, vars);
    return typeof v === "number" && Number.isFinite(v) ? v : null;
  };
  let requests = 0;
  const walk = (set: SelectionSetNode, multiplier: number, inFragments: ReadonlySet<string>): void => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        let inner = multiplier;
        const bound = sel.arguments?.find((a) => a.name.value === "first") ?? sel.arguments?.find((a) => a.name.value === "last");
        const n = bound ? pageSize(bound.value) : null;
        if (n !== null) {
          requests += multiplier;
          inner = multiplier * Math.max(0, n);
        }
        if (sel.selectionSet) walk(sel.selectionSet, inner, inFragments);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet, multiplier, inFragments);
      } else {
        const name = sel.name.value;
        const fragment = fragments.get(name);
        if (fragment && !inFragments.has(name)) walk(fragment.selectionSet, multiplier, new Set([...inFragments, name]));
      }
    }
  };
  walk(op.selectionSet, 1, new Set());
  return { requests, points: pointsOf(requests), operation: op.name?.value ?? "" };
}

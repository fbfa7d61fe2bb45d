import {
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isLeafType,
  isObjectType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type SelectionSetNode,
} from 'graphql';

/** A connection's fields read once per row; the rest (totalCount, pageInfo) once per list. */
const PER_ROW_FIELDS = new Set(['edges', 'nodes']);

/** What the cost estimator needs of the request to read a selection as executed. */
export interface CostContext {
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

export function costContext(
  definitions: readonly { kind: string }[],
  variables: Record<string, unknown>,
): CostContext {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      const fragment = definition as FragmentDefinitionNode;
      fragments.set(fragment.name.value, fragment);
    }
  return { fragments, variables };
}

/**
 * The cost of a connection's once-per-list fields in this selection (totalCount's count,
 * pageInfo), by the estimator's rule (a declared number, 0 for a scalar, 1 for an object
 * plus its fields): the page size multiplies only the rows. 0 for a type that is not a
 * connection (it has no edges or nodes).
 */
export function oncePerListCost(
  type: GraphQLNamedType,
  selectionSet: SelectionSetNode | undefined,
  context: CostContext,
): number {
  if (!isObjectType(type) || !Object.keys(type.getFields()).some((f) => PER_ROW_FIELDS.has(f)))
    return 0;
  return selectionCost(type, selectionSet, context, PER_ROW_FIELDS);
}

function selectionCost(
  type: GraphQLNamedType,
  selectionSet: SelectionSetNode | undefined,
  context: CostContext,
  skipped: ReadonlySet<string> = new Set(),
): number {
  if (selectionSet === undefined || !isObjectType(type)) return 0;
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (!executed(selection, context)) continue;
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      cost += selectionCost(type, selection.selectionSet, context, skipped);
    } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = context.fragments.get(selection.name.value);
      cost += selectionCost(type, fragment?.selectionSet, context, skipped);
    } else if (!skipped.has(selection.name.value)) {
      const field = type.getFields()[selection.name.value];
      if (field === undefined) continue; // __typename
      const declared = field.extensions?.complexity;
      const fieldType = getNamedType(field.type);
      cost +=
        typeof declared === 'number'
          ? declared
          : isLeafType(fieldType)
            ? 0
            : 1 + selectionCost(fieldType, selection.selectionSet, context);
    }
  }
  return cost;
}

/** Whether @skip / @include leave the selection in, as execution will decide. */
function executed(
  selection: SelectionSetNode['selections'][number],
  { variables }: CostContext,
): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, selection, variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, selection, variables)?.if !== false;
}

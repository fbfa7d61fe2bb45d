import { createParameterDecorator, type ParameterDecorator } from 'type-graphql';
import {
  getArgumentValues,
  isObjectType,
  Kind,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import { MAX_STATS_LIMIT, MAX_TREND_DAYS } from '../domain/stats/tenant-stats.js';

/**
 * The largest value of `argName` within 1..`max` among every selection of `fieldName` under
 * the current field (aliases and fragments included), or undefined when none is. Lets one
 * database round trip serve children with different arguments (e.g. two dailyTrend aliases).
 * A value out of range is left to the child, which reports it as its own error.
 */
function largestChildArgument(
  info: GraphQLResolveInfo,
  fieldName: string,
  argName: string,
  max: number,
): number | undefined {
  const parentType = info.returnType;
  const namedType = 'ofType' in parentType ? (parentType.ofType as typeof parentType) : parentType;
  if (!isObjectType(namedType)) return undefined;
  const fieldDef = namedType.getFields()[fieldName];
  if (fieldDef === undefined) return undefined;
  let largest: number | undefined;
  const visit = (selectionSet: SelectionSetNode | undefined, seen: Set<string>) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value !== fieldName) continue;
        const value = getArgumentValues(fieldDef, selection, info.variableValues)[argName];
        if (typeof value === 'number' && value >= 1 && value <= max)
          largest = Math.max(largest ?? value, value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, seen);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        visit(info.fragments[selection.name.value]?.selectionSet, seen);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet, new Set());
  return largest;
}

/** How much of the stats a tenantStats selection asks for: the largest of each child argument. */
export interface StatsSizes {
  days: number;
  keywordLimit: number;
  atRiskLimit: number;
}

/** Injects the StatsSizes of the current tenantStats field, so the parent fetches once. */
export function SelectedStatsSizes(): ParameterDecorator {
  return createParameterDecorator(({ info }): StatsSizes => ({
    days: largestChildArgument(info, 'dailyTrend', 'days', MAX_TREND_DAYS) ?? 1,
    keywordLimit: largestChildArgument(info, 'topKeywords', 'limit', MAX_STATS_LIMIT) ?? 1,
    atRiskLimit: largestChildArgument(info, 'atRiskCustomers', 'limit', MAX_STATS_LIMIT) ?? 1,
  }));
}

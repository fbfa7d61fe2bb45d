import { createParameterDecorator, type ParameterDecorator } from 'type-graphql';
import {
  getArgumentValues,
  isObjectType,
  Kind,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import {
  MAX_STATS_LIMIT,
  MAX_TREND_DAYS,
  MAX_TREND_WEEKS,
  StatsPart,
  type StatsSelection,
} from '../domain/stats/tenant-stats.js';
import { checkTimeZone } from '../domain/stats/time-buckets.js';

/**
 * Every selection under the current field (aliases and fragments included): each child
 * field's name with its argument values (defaults applied).
 */
function childSelections(
  info: GraphQLResolveInfo,
): { name: string; args: Record<string, unknown> }[] {
  const parentType = info.returnType;
  const namedType = 'ofType' in parentType ? (parentType.ofType as typeof parentType) : parentType;
  if (!isObjectType(namedType)) return [];
  const fields = namedType.getFields();
  const found: { name: string; args: Record<string, unknown> }[] = [];
  const visit = (selectionSet: SelectionSetNode | undefined, seen: Set<string>) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        const field = fields[selection.name.value];
        if (field === undefined) continue;
        found.push({
          name: field.name,
          args: getArgumentValues(field, selection, info.variableValues),
        });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, seen);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        visit(info.fragments[selection.name.value]?.selectionSet, seen);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet, new Set());
  return found;
}

/** The figures each TenantStats field needs. */
const PARTS_OF: Record<string, StatsPart[]> = {
  totalTickets: [StatsPart.TOTAL],
  requiresActionCount: [StatsPart.REQUIRES_ACTION],
  byStatus: [StatsPart.BY_STATUS],
  bySource: [StatsPart.BY_SOURCE],
  byUrgency: [StatsPart.BY_URGENCY],
  bySentiment: [StatsPart.BY_SENTIMENT],
  urgencyHighRatio: [StatsPart.TOTAL, StatsPart.BY_URGENCY],
  topKeywords: [StatsPart.KEYWORDS],
  atRiskCustomers: [StatsPart.AT_RISK],
};

const inRange = (value: unknown, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max;

function validZone(value: unknown): value is string {
  try {
    return typeof value === 'string' && checkTimeZone(value) === value;
  } catch {
    return false;
  }
}

/**
 * What a TenantStats selection asks for, so that the parent computes only that, once. An
 * argument out of range (or a bad time zone) is left out here: the child field reports it
 * as its own error, and the valid siblings are still computed.
 */
export function statsSelectionOf(info: GraphQLResolveInfo): StatsSelection {
  const children = childSelections(info);
  const argsOf = (name: string) => children.filter((c) => c.name === name).map((c) => c.args);
  const limit = (name: string) =>
    Math.max(
      0,
      ...argsOf(name)
        .map((a) => a.limit)
        .filter((l) => inRange(l, MAX_STATS_LIMIT)),
    );
  return {
    parts: [...new Set(children.flatMap((c) => PARTS_OF[c.name] ?? []))],
    hourly: argsOf('hourlyTrend')
      .map((a) => a.timeZone)
      .filter(validZone),
    daily: argsOf('dailyTrend')
      .filter((a) => inRange(a.days, MAX_TREND_DAYS) && validZone(a.timeZone))
      .map((a) => ({ timeZone: a.timeZone as string, days: a.days as number })),
    weekly: argsOf('weeklyTrend')
      .filter((a) => inRange(a.weeks, MAX_TREND_WEEKS) && validZone(a.timeZone))
      .map((a) => ({ timeZone: a.timeZone as string, weeks: a.weeks as number })),
    keywordLimit: limit('topKeywords'),
    atRiskLimit: limit('atRiskCustomers'),
  };
}

/** Injects the StatsSelection of the current TenantStats field. */
export function SelectedStats(): ParameterDecorator {
  return createParameterDecorator(({ info }): StatsSelection => statsSelectionOf(info));
}

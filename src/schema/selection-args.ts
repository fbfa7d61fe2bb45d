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
  MAX_TREND_ZONES,
  StatsPart,
  zonesOf,
  type StatsSelection,
} from '../domain/stats/tenant-stats.js';
import { badUserInput } from '../domain/errors.js';
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
  needsReviewCount: [StatsPart.NEEDS_REVIEW],
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

/** The zone's canonical name, or null when it is not one (its field reports that). */
function zoneOf(value: unknown): string | null {
  try {
    return checkTimeZone(value);
  } catch {
    return null;
  }
}

/**
 * What a TenantStats selection asks for, so that the parent computes only that, once. An
 * argument out of range (or a bad time zone) is left out here: the child field reports it
 * as its own error, and the valid siblings are still computed. More than MAX_TREND_ZONES zones
 * in one selection are refused: each zone's buckets are computed in Node.
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
  const zoned = (name: string, size: string | null, max: number) =>
    argsOf(name).flatMap((a) => {
      const timeZone = zoneOf(a.timeZone);
      const ok = timeZone !== null && (size === null || inRange(a[size], max));
      return ok ? [{ timeZone, size: size === null ? 0 : (a[size] as number) }] : [];
    });
  const hourly = zoned('hourlyTrend', null, 0);
  const daily = zoned('dailyTrend', 'days', MAX_TREND_DAYS);
  const weekly = zoned('weeklyTrend', 'weeks', MAX_TREND_WEEKS);
  const selection: StatsSelection = {
    parts: [...new Set(children.flatMap((c) => PARTS_OF[c.name] ?? []))],
    hourly: hourly.map((trend) => trend.timeZone),
    daily: daily.map(({ timeZone, size }) => ({ timeZone, days: size })),
    weekly: weekly.map(({ timeZone, size }) => ({ timeZone, weeks: size })),
    keywordLimit: limit('topKeywords'),
    atRiskLimit: limit('atRiskCustomers'),
  };
  const zones = zonesOf(selection);
  if (zones.size > MAX_TREND_ZONES)
    throw badUserInput(
      `One tenantStats may use at most ${MAX_TREND_ZONES} time zones in its trends (this one uses ${zones.size}).`,
    );
  return selection;
}

/** Injects the StatsSelection of the current TenantStats field. */
export function SelectedStats(): ParameterDecorator {
  return createParameterDecorator(({ info }): StatsSelection => statsSelectionOf(info));
}

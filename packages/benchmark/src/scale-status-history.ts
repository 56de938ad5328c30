import { prng } from './scale-prng';
import { timestampOn } from './scale-timeline';
import { builtTable, type TableLoad } from './scale-tables';

/** Who made a change, as `status_changes` records it (a user id and its role; scheduled and event-driven work acts as ADMIN). */
export interface Actor {
  id: string;
  role: string;
}

export const applicantOf = (creditCode: string): Actor => ({ id: `applicant-${creditCode}`, role: 'APPLICANT' });
export const reviewerOf = (role: 'COUNTY_REVIEWER' | 'CITY_REVIEWER' | 'PROVINCE_REVIEWER', regionCode: string): Actor => ({ id: `${role.toLowerCase()}-${regionCode}`, role });
export const expertOf = (panel: string): Actor => ({ id: `expert-${panel}`, role: 'EXPERT' });
/** The product's systemActor: the daily schedule, the credit watch, the intake of another subgraph's events. */
export const systemOf = (id: string): Actor => ({ id, role: 'ADMIN' });

/** One step of a record's status history (SPEC §2: the full status history of every application is queryable). */
export interface Transition {
  recordType: string;
  recordId: string;
  from: string | null;
  to: string;
  action: string;
  actor: Actor;
  on: string;
  reason?: string | null;
}

/**
 * A schema's `status_changes`, one row per transition in the order given: each record's steps are pushed together
 * and in order, so the sequence the database assigns orders each history as the services' writes would.
 */
export function statusChangesTable(seed: string, schema: string, transitions: readonly Transition[]): TableLoad {
  const ids = prng(seed, `${schema}.status_changes`);
  let previousRecord = '';
  let step = 0;
  const rows = transitions.map((t) => {
    step = t.recordId === previousRecord ? step + 1 : 0;
    previousRecord = t.recordId;
    return [ids.uuid(), t.recordType, t.recordId, t.from, t.to, t.action, t.actor.id, t.actor.role, t.on, timestampOn(t.on, 60 + step * 17), t.reason ?? null];
  });
  return builtTable(schema, 'status_changes', ['id', 'record_type', 'record_id', 'from_status', 'to_status', 'action', 'actor_id', 'actor_role', 'on', 'at', 'reason'], rows);
}

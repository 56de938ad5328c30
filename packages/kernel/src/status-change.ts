import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import type { AuthUser } from './auth';
import { DateScalar } from './scalars';
import { DomainError, ErrorCode } from './errors';
import { recordAudit } from './audit';

/** SPEC §2 Review actions: every review step offers these three. */
export enum ReviewAction {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
  RETURN = 'RETURN',
}
registerEnumType(ReviewAction, {
  name: 'ReviewAction',
  description: '审核操作 / Review action',
  valuesConfig: {
    APPROVE: { description: '通过（推荐）/ Approve (recommend)' },
    REJECT: { description: '驳回（终结，须写明理由）/ Reject (final, with a reason)' },
    RETURN: { description: '退回修改（写明需修改之处，申请人修改后重新提交到同一环节）/ Return for revision (what to fix; resubmitted to the same step)' },
  },
});

/**
 * One step in the status history of a record under a workflow (SPEC §2: "the full status history of every
 * application is queryable"). The audit trail records the same change with its before/after state; this is
 * the short, ordered history a reviewer reads.
 */
@Entity({ tableName: 'status_changes' })
@Index({ properties: ['recordType', 'recordId', 'seq'] })
@Directive('@shareable')
@ObjectType({ description: '状态变更 / Status change' })
export class StatusChange {
  [OptionalProps]?: 'at' | 'fromStatus' | 'reason';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  /** Orders changes made in the same instant. */
  @Property({ type: 'bigint', autoincrement: true, persist: false })
  seq?: string;

  @Property({ type: 'text' })
  recordType: string;

  @Property({ type: 'text' })
  recordId: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '原状态（新建时为空）/ Status before (null when created)' })
  fromStatus: string | null = null;

  @Property({ type: 'text' })
  @Field({ description: '新状态 / Status after' })
  toStatus: string;

  @Property({ type: 'text' })
  @Field({ description: '操作 / Action' })
  action: string;

  @Property({ type: 'text' })
  @Field({ description: '操作人 / Actor (user id)' })
  actorId: string;

  @Property({ type: 'text' })
  @Field({ description: '操作人角色 / Actor role' })
  actorRole: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '日期 / Date' })
  on: string;

  @Property({ type: 'timestamptz' })
  @Field(() => Date, { description: '时间 / When (UTC timestamp)' })
  at: Date = new Date();

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '理由或意见 / Reason or opinion' })
  reason: string | null = null;
}

export function statusChangesTableSql(schema: string): string[] {
  const s = `"${schema}"`;
  return [
    `create table ${s}.status_changes (
      id uuid primary key, seq bigserial not null, record_type text not null, record_id text not null,
      from_status text, to_status text not null, action text not null, actor_id text not null, actor_role text not null,
      "on" date not null, at timestamptz not null, reason text)`,
    `create index status_changes_record_idx on ${s}.status_changes (record_type, record_id, seq)`,
  ];
}

export function recordStatusChange(
  em: EntityManager,
  actor: AuthUser,
  change: { recordType: string; recordId: string; fromStatus: string | null; toStatus: string; action: string; on: string; reason?: string | null },
): StatusChange {
  const row = em.create(StatusChange, { ...change, reason: change.reason ?? null, actorId: actor.id, actorRole: actor.role });
  em.persist(row);
  return row;
}

/** INVALID_TRANSITION with the current state and what may be done from it (SPEC §2 Errors). */
export function invalidTransition(current: string, action: string, allowedActions: readonly string[]): DomainError {
  return new DomainError(
    ErrorCode.INVALID_TRANSITION,
    {
      zh: `当前状态 ${current} 不能执行 ${action}（可执行：${allowedActions.join('、') || '无'}）`,
      en: `${action} is not allowed in state ${current} (allowed: ${allowedActions.join(', ') || 'none'})`,
    },
    { currentState: current, action, allowedActions: [...allowedActions] },
  );
}

/**
 * One change of a record's status: a status-history row and an audit entry with the state before and after, in
 * the transaction of the change (SPEC §2 Audit trail, Review actions). Every workflow records through here.
 */
export function recordTransition(
  em: EntityManager,
  actor: AuthUser,
  t: { recordType: string; recordId: string; from: string | null; to: string; action: string; on: string; reason?: string | null; before: unknown; after: unknown },
): void {
  const reason = t.reason ?? null;
  recordStatusChange(em, actor, { recordType: t.recordType, recordId: t.recordId, fromStatus: t.from, toStatus: t.to, action: t.action, on: t.on, reason });
  recordAudit(em, actor, { recordType: t.recordType, recordId: t.recordId, action: t.action, before: t.before, after: t.after, reason });
}

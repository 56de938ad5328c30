import { Entity, PrimaryKey, Property, Index } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { randomUUID } from 'node:crypto';

/**
 * One state change (SPEC §2 Audit trail): who (user and role), when, the action, the before and after state,
 * and a reason where the rules require one. Each subgraph keeps its own in its own schema.
 */
@Entity({ tableName: 'audit_entries' })
@Index({ properties: ['recordType', 'recordId', 'at'] })
@Directive('@shareable') // every subgraph serves its own audit trail with this one type
@ObjectType({ description: '审计记录 / Audit entry: one recorded state change' })
export class AuditEntry {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'text' })
  @Field({ description: '记录类型 / Record type' })
  recordType: string;

  @Property({ type: 'text' })
  @Field({ description: '记录标识 / Record id' })
  recordId: string;

  @Property({ type: 'text' })
  @Field({ description: '操作 / Action' })
  action: string;

  @Property({ type: 'text' })
  @Field({ description: '操作人 / Actor (user id)' })
  actorId: string;

  @Property({ type: 'text' })
  @Field({ description: '操作人角色 / Actor role' })
  actorRole: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '操作人姓名 / Actor name' })
  actorName: string | null = null;

  @Property({ type: 'timestamptz' })
  @Field(() => Date, { description: '时间 / When (UTC timestamp)' })
  at: Date = new Date();

  @Property({ type: 'jsonb', nullable: true })
  @Field(() => GraphQLJSON, { nullable: true, description: '变更前 / State before' })
  before: unknown = null;

  @Property({ type: 'jsonb', nullable: true })
  @Field(() => GraphQLJSON, { nullable: true, description: '变更后 / State after' })
  after: unknown = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '理由（驳回、移出、撤销时必填）/ Reason (required for rejection, removal, revocation)' })
  reason: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '请求标识 / Request id' })
  requestId: string | null = null;
}

import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { MaterialItem } from '../materials';

/**
 * One attachment of a 第七条 checklist item: its metadata only (the file itself lives in the document store
 * the province uses; the hash proves which file was reviewed).
 */
@Entity({ tableName: 'application_materials' })
@Index({ properties: ['applicationId'] })
@Directive('@shareable')
@ObjectType('LibraryMaterial', { description: '申请材料附件（第七条）/ Attached material (Art. 7)' })
export class ApplicationMaterial {
  [OptionalProps]?: 'attachedAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  applicationId: string;

  @Enum({ items: () => MaterialItem })
  @Field(() => MaterialItem, { description: '清单项 / Checklist item' })
  item: MaterialItem;

  @Property({ type: 'text' })
  @Field({ description: '文件名 / File name' })
  fileName: string;

  @Property({ type: 'text' })
  @Field({ description: '文件类型（MIME）/ Media type' })
  mediaType: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '大小（字节）/ Size in bytes' })
  sizeBytes: number;

  @Property({ type: 'text' })
  @Field({ description: 'SHA-256 摘要（十六进制）/ SHA-256 digest (hex)' })
  sha256: string;

  @Property({ type: 'timestamptz' })
  @Field(() => Date, { description: '上传时间 / Attached at' })
  attachedAt: Date = new Date();
}

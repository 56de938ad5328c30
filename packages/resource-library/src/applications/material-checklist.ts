import { Directive, Field, ObjectType } from 'type-graphql';
import { MaterialItem, MATERIALS } from '../materials';
import { ApplicationMaterial } from './application-material.entity';
import type { LibraryConfig } from '../library-config';

@Directive('@shareable')
@ObjectType('LibraryMaterialChecklistItem', { description: '材料清单项（第七条）/ Checklist item (Art. 7)' })
export class MaterialChecklistItem {
  @Field(() => MaterialItem) item: MaterialItem;
  @Field({ description: '条款 / Article' }) article: string;
  @Field({ description: '材料名称 / Title' }) title: string;
  @Field({ description: '是否必交 / Required to submit' }) required: boolean;
  @Field({ description: '已提交 / Attached' }) complete: boolean;
  @Field(() => [ApplicationMaterial], { description: '附件 / Attachments' }) attachments: ApplicationMaterial[];
}

export function materialChecklist(config: LibraryConfig, attached: readonly ApplicationMaterial[]): MaterialChecklistItem[] {
  return MATERIALS.map((m) => {
    const attachments = attached.filter((a) => a.item === m.item);
    return { item: m.item, article: `${config.abbreviation} ${m.article}`, title: m.title.replace('{form}', config.applicationForm), required: m.required, complete: attachments.length > 0, attachments };
  });
}

import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar, ReviewAction } from '@sme/kernel';
import { LibraryCategory, ServiceNature } from '../categories';
import { MaterialItem } from '../materials';
import { AttestationsInput, DeclaredFiguresInput } from './declared-figures';
import { LibraryApplicationStatus, ReviewStep } from './application-status';

@InputType('CreateLibraryApplicationInput', { description: '新建入库申请（草稿）/ Start an application (draft)' })
export class CreateApplicationInput {
  @Field(() => ID, { description: '申请机构 / Applicant institution' })
  institutionId: string;

  @Field(() => [LibraryCategory], { description: '服务类别（至少一项，第九条）/ Categories (at least one, Art. 9)' })
  categories: LibraryCategory[];

  @Field(() => ServiceNature, { description: '服务性质（第九条）/ Nature (Art. 9)' })
  nature: ServiceNature;

  @Field(() => DeclaredFiguresInput, { nullable: true, description: '申报数据 / Declared figures' })
  declared?: DeclaredFiguresInput | null;

  @Field(() => AttestationsInput, { nullable: true, description: '承诺 / Attestations' })
  attestations?: AttestationsInput | null;
}

@InputType('UpdateLibraryApplicationInput', { description: '修改草稿或退回的申请 / Edit a draft or returned application' })
export class UpdateApplicationInput {
  @Field(() => [LibraryCategory], { nullable: true }) categories?: LibraryCategory[] | null;
  @Field(() => ServiceNature, { nullable: true }) nature?: ServiceNature | null;
  @Field(() => DeclaredFiguresInput, { nullable: true, description: '给出的字段覆盖原值 / Given fields replace the stored ones' }) declared?: DeclaredFiguresInput | null;
  @Field(() => AttestationsInput, { nullable: true }) attestations?: AttestationsInput | null;
  @Field(() => Int, { nullable: true, description: '读取时的版本号 / Version read' }) expectedVersion?: number | null;
}

@InputType('AttachLibraryMaterialInput', { description: '登记一份申请材料（第七条）/ Attach a material (Art. 7)' })
export class AttachMaterialInput {
  @Field(() => ID) applicationId: string;
  @Field(() => MaterialItem) item: MaterialItem;
  @Field({ description: '文件名 / File name' }) fileName: string;
  @Field({ description: '文件类型（如 application/pdf）/ Media type' }) mediaType: string;
  @Field(() => Int, { description: '大小（字节，≤ 200 MB）/ Size in bytes (≤ 200 MB)' }) sizeBytes: number;
  @Field({ description: 'SHA-256 摘要（64 位十六进制）/ SHA-256 digest (64 hex digits)' }) sha256: string;
}

@InputType('ReviewLibraryApplicationInput', { description: '审核操作（第八条）/ A review action (Art. 8)' })
export class ReviewInput {
  @Field(() => ID) applicationId: string;
  /** The step the reviewer means to act at: a repeated click after the application moved on is refused, not applied to the next step. */
  @Field(() => ReviewStep, { description: '审核环节（须与申请当前等待的环节一致）/ The step acted at (must be the step the application waits for)' }) step: ReviewStep;
  @Field(() => ReviewAction) action: ReviewAction;
  @Field(() => String, { nullable: true, description: '驳回理由或退回需修改之处（驳回、退回时必填）/ Reason (required to reject or return)' }) reason?: string | null;
  @Field(() => String, { nullable: true, description: '审核（推荐）意见 / Opinion (the city’s recommendation opinion)' }) opinion?: string | null;
  @Field(() => Int, { nullable: true, description: '读取时的版本号 / Version read' }) expectedVersion?: number | null;
}

@InputType('RecordLibrarySpotCheckInput', { description: '实地抽查记录（第八条（三））/ On-site spot check (Art. 8(3))' })
export class SpotCheckInput {
  @Field(() => ID) applicationId: string;
  @Field(() => DateScalar) checkedOn: string;
  @Field() inspectors: string;
  @Field() findings: string;
  @Field() passed: boolean;
}

@InputType('StartLibraryPublicNoticeInput', { description: '发布拟入库名单公示（第八条（四））/ Publish the notice of the list (Art. 8(4))' })
export class StartNoticeInput {
  @Field(() => [ID], { description: '省级审核通过的申请 / Applications approved by the province' }) applicationIds: string[];
  @Field(() => DateScalar, { nullable: true, description: '公示发布日期（默认今天；不计入五个工作日）/ Publication date (default today; not counted)' }) startsOn?: string | null;
}

@InputType('RecordLibraryObjectionInput', { description: '登记公示异议 / Record an objection' })
export class ObjectionInput {
  @Field(() => ID) applicationId: string;
  @Field(() => DateScalar) receivedOn: string;
  @Field() summary: string;
}

@InputType('DecideLibraryObjectionInput', { description: '处理公示异议 / Decide an objection' })
export class DecideObjectionInput {
  @Field(() => ID) objectionId: string;
  @Field({ description: '异议是否成立 / Whether the objection is upheld' }) upheld: boolean;
  @Field() reason: string;
}

@InputType('LibraryApplicationFilter', { description: '申请筛选 / Application filter' })
export class ApplicationFilter {
  @Field(() => LibraryApplicationStatus, { nullable: true }) status?: LibraryApplicationStatus | null;
  @Field(() => String, { nullable: true, description: '区划（含下级）/ Region, including everything under it' }) regionCode?: string | null;
  @Field(() => ID, { nullable: true }) institutionId?: string | null;
}

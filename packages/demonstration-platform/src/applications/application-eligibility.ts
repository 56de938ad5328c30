import type { EntityManager } from '@mikro-orm/postgresql';
import { EligibilityOutcome, KnownAnnualFacts, findKnownInstitution, type EligibilityReport, type KnownInstitution } from '@sme/kernel';
import { judgePlatformEligibility } from '../eligibility';
import type { PlatformEligibilityInput, RegistryAnnualFigures } from '../eligibility-input';
import { ruleSetInForce } from '../rule-set-in-force';
import type { RuleSet } from '../rule-set';
import type { PlatformProgrammeConfig } from '../programme-config';
import type { PlatformApplication } from './application.entity';
import { functionDeclarations, priorRecognitions } from './declaration';

/** The registry's annual-facts names for the figures the basic conditions test (SPEC §2 Annual facts). */
const REGISTRY_FIGURE: Record<keyof RegistryAnnualFigures, string> = {
  totalAssets: 'totalAssets',
  smesServed: 'smesServed',
  satisfactionPercent: 'satisfactionRate',
  aggregatedAgencies: 'partnerAgencies',
  publicWelfareSharePercent: 'publicWelfareShare',
  serviceStaff: 'fullTimeServiceStaff',
  qualifiedServiceStaff: 'qualifiedStaff',
};

export function registryFigures(facts: Record<string, number> | null | undefined): RegistryAnnualFigures | null {
  if (!facts) return null;
  return Object.fromEntries(Object.entries(REGISTRY_FIGURE).map(([ours, theirs]) => [ours, facts[theirs] ?? null])) as RegistryAnnualFigures;
}

type Declaration = Pick<PlatformApplication, 'declared' | 'functions' | 'priorRecognitions'>;

/** What the judge reads: the registry's facts (from its events) and what the application declares. */
export function eligibilityInput(institution: KnownInstitution, application: Declaration, annualFacts: Record<string, number> | null): PlatformEligibilityInput {
  return {
    registry: { legalForm: institution.legalForm, establishedOn: institution.establishedOn, regionCode: institution.regionCode },
    declared: application.declared,
    registryFigures: registryFigures(annualFacts),
    priorRecognitions: priorRecognitions(application.priorRecognitions),
    functions: functionDeclarations(application.functions),
  };
}

/**
 * The rule set an application is judged by (SPEC §1): the one recorded at submission, or for a draft the one in
 * force on `today` (NO_RULE_SET_IN_FORCE when there is none).
 */
export function ruleSetOf(config: PlatformProgrammeConfig, application: Pick<PlatformApplication, 'ruleSetId'>, today: string): RuleSet {
  if (application.ruleSetId) {
    const recorded = config.ruleSets.find((r) => r.id === application.ruleSetId);
    if (recorded) return recorded;
  }
  return ruleSetInForce(config.ruleSets, config.provinceCode, today);
}

/** The eligibility report on the submission date (today for a draft), reading the registry's copy. */
export async function eligibilityOf(em: EntityManager, config: PlatformProgrammeConfig, application: PlatformApplication, today: string): Promise<EligibilityReport> {
  const institution = await findKnownInstitution(em, application.institutionId);
  const year = application.declared.figuresYear;
  const facts = year == null ? null : await em.findOne(KnownAnnualFacts, { institutionId: application.institutionId, year });
  const asOf = application.submittedOn ?? today;
  return judgePlatformEligibility(ruleSetOf(config, application, asOf), eligibilityInput(institution, application, facts?.figures ?? null), asOf);
}

/** The functions a report finds met (PASS, RELAXED_PASS or NEEDS_REVIEW): those the designation names. */
export function functionsMet(report: EligibilityReport): string[] {
  return report.criteria.filter((c) => c.code.startsWith('FUNCTION_') && c.outcome !== EligibilityOutcome.FAIL).map((c) => c.code.slice('FUNCTION_'.length));
}

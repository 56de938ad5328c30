import { findRegion, parseIsoDate } from '@sme/kernel';
import { FunctionAttestation, FunctionMeasure, MONEY_MEASURES, PlatformFunction } from './platform-function';
import {
  LEGAL_FORMS,
  PriorRecognitionKind,
  RELAXABLE_CONDITIONS,
  inForcePeriod,
  type BasicConditions,
  type Minimum,
  type RelaxableCondition,
  type RuleSet,
} from './rule-set';

/**
 * Rule sets are data, so a mistake in them is found when they are loaded, not when an application happens to meet
 * it: a negative threshold, dates out of order, a missing article, a relaxation that raises a threshold, or two
 * rule sets of one jurisdiction in force on the same day (then no single rule set would judge a submission of that
 * day). The subgraph refuses to start with such data.
 */
export class RuleSetDataError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`demonstration-platform rule sets are invalid:\n- ${problems.join('\n- ')}`);
    this.name = 'RuleSetDataError';
  }
}

const PERCENT_CONDITIONS: ReadonlySet<RelaxableCondition> = new Set(['satisfactionPercent', 'publicWelfareSharePercent', 'qualifiedStaffPercent']);
/** Whole numbers: counts, and operating years (counted in whole years from the founding date). */
const WHOLE_CONDITIONS: ReadonlySet<RelaxableCondition> = new Set(['operatingYears', 'smesServed', 'aggregatedAgencies', 'serviceStaff']);

const present = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

function checkMinimum(problems: string[], where: string, m: Minimum | undefined, options: { percent?: boolean; whole?: boolean } = {}): void {
  if (!m) {
    problems.push(`${where}: missing`);
    return;
  }
  if (!Number.isFinite(m.min) || m.min < 0) problems.push(`${where}: threshold must be a non-negative number (${m.min})`);
  if (options.percent && m.min > 100) problems.push(`${where}: a percentage cannot exceed 100 (${m.min})`);
  if (options.whole && !Number.isInteger(m.min)) problems.push(`${where}: a count must be a whole number (${m.min})`);
  if (!present(m.article)) problems.push(`${where}: article missing`);
}

function checkDate(problems: string[], where: string, value: string | null): void {
  if (value !== null && !parseIsoDate(value)) problems.push(`${where}: not a date (${value})`);
}

function checkBasicConditions(problems: string[], at: string, b: BasicConditions): void {
  if (!present(b.article)) problems.push(`${at} basicConditions: article missing`);
  if (!present(b.independentLegalPerson?.article)) problems.push(`${at} independentLegalPerson: article missing`);
  checkMinimum(problems, `${at} operatingYears`, b.operatingYears, { whole: true });
  checkMinimum(problems, `${at} totalAssets`, b.totalAssets);
  checkMinimum(problems, `${at} smesServed`, b.smesServed, { whole: true });
  checkMinimum(problems, `${at} satisfactionPercent`, b.satisfactionPercent, { percent: true });
  checkMinimum(problems, `${at} aggregatedAgencies`, b.aggregatedAgencies, { whole: true });
  checkMinimum(problems, `${at} publicWelfareSharePercent`, b.publicWelfareSharePercent, { percent: true });
  checkMinimum(problems, `${at} serviceStaff`, b.serviceStaff, { whole: true });
  checkMinimum(problems, `${at} qualifiedStaffPercent`, b.qualifiedStaffPercent, { percent: true });
  if (!b.servedGrowth || !Number.isInteger(b.servedGrowth.years) || b.servedGrowth.years < 2) {
    problems.push(`${at} servedGrowth: years must be a whole number of at least 2 (growth compares years)`);
  }
  if (!present(b.servedGrowth?.article)) problems.push(`${at} servedGrowth: article missing`);
  const prior = b.priorRecognition;
  if (prior?.required) {
    if (!present(prior.article)) problems.push(`${at} priorRecognition: article missing`);
    if (!prior.kinds.length) problems.push(`${at} priorRecognition: required but no kind accepted`);
    for (const kind of prior.kinds) {
      if (!Object.values(PriorRecognitionKind).includes(kind)) problems.push(`${at} priorRecognition: unknown kind ${kind}`);
    }
  }
}

function checkRuleSet(problems: string[], r: RuleSet): void {
  const at = `rule set ${r.id || '(no id)'}`;
  if (!present(r.id)) problems.push(`${at}: id missing`);
  const province = findRegion(r.jurisdiction);
  if (!province || province.level !== 'PROVINCE') problems.push(`${at}: jurisdiction ${r.jurisdiction} is not a province code`);
  if (!present(r.abbreviation)) problems.push(`${at}: abbreviation missing`);
  if (!present(r.document?.title)) problems.push(`${at}: document title missing`);
  if (r.document?.number !== null && !present(r.document?.number)) problems.push(`${at}: document number must be null or a text`);
  checkDate(problems, `${at} document.issuedOn`, r.document?.issuedOn ?? null);

  const v = r.validity;
  if (!present(v?.article)) problems.push(`${at} validity: article missing`);
  if (v?.kind === 'CAMPAIGN') {
    if (!Number.isInteger(v.campaignYear) || v.campaignYear < 2000 || v.campaignYear > 2100) problems.push(`${at} validity: campaign year ${v.campaignYear} out of range`);
  } else if (v?.kind === 'PERIOD') {
    checkDate(problems, `${at} validity.inForceFrom`, v.inForceFrom);
    checkDate(problems, `${at} validity.inForceUntil`, v.inForceUntil);
    if (v.inForceFrom !== null && v.inForceUntil !== null && v.inForceFrom > v.inForceUntil) {
      problems.push(`${at} validity: inForceFrom ${v.inForceFrom} is after inForceUntil ${v.inForceUntil}`);
    }
  } else {
    problems.push(`${at} validity: kind must be PERIOD or CAMPAIGN`);
  }

  checkBasicConditions(problems, at, r.basicConditions);

  for (const relaxation of r.relaxations) {
    const where = `${at} relaxation ${relaxation.code || '(no code)'}`;
    if (!present(relaxation.code)) problems.push(`${where}: code missing`);
    if (!present(relaxation.article)) problems.push(`${where}: article missing`);
    if (!present(relaxation.description?.zh) || !present(relaxation.description?.en)) problems.push(`${where}: description must be Chinese and English`);
    if ('legalForms' in relaxation.appliesTo) {
      if (!relaxation.appliesTo.legalForms.length) problems.push(`${where}: names no legal form`);
      for (const form of relaxation.appliesTo.legalForms) if (!LEGAL_FORMS.includes(form)) problems.push(`${where}: unknown legal form ${form}`);
    } else if (relaxation.appliesTo.mountainousRegion !== true) {
      problems.push(`${where}: appliesTo must name legal forms or mountainous regions`);
    }
    if (!relaxation.conditions.length) problems.push(`${where}: relaxes no condition`);
    const seen = new Set<RelaxableCondition>();
    for (const c of relaxation.conditions) {
      if (!RELAXABLE_CONDITIONS.includes(c.condition)) {
        problems.push(`${where}: unknown condition ${c.condition}`);
        continue;
      }
      if (seen.has(c.condition)) problems.push(`${where}: ${c.condition} listed twice`);
      seen.add(c.condition);
      if (c.relaxedMin === null) continue;
      if (c.condition === 'servedGrowth') {
        problems.push(`${where}: servedGrowth has no number to relax to (relaxedMin must be null)`);
        continue;
      }
      const standard = r.basicConditions[c.condition]?.min;
      if (!Number.isFinite(c.relaxedMin) || c.relaxedMin < 0) problems.push(`${where}: ${c.condition} relaxedMin must be a non-negative number (${c.relaxedMin})`);
      else if (standard !== undefined && c.relaxedMin > standard) problems.push(`${where}: ${c.condition} relaxedMin ${c.relaxedMin} is above the standard ${standard}`);
      if (PERCENT_CONDITIONS.has(c.condition) && c.relaxedMin > 100) problems.push(`${where}: ${c.condition} relaxedMin exceeds 100`);
      if (WHOLE_CONDITIONS.has(c.condition) && !Number.isInteger(c.relaxedMin)) problems.push(`${where}: ${c.condition} relaxedMin must be a whole number`);
    }
  }
  const relaxationCodes = r.relaxations.map((x) => x.code);
  if (new Set(relaxationCodes).size !== relaxationCodes.length) problems.push(`${at}: relaxation codes repeat`);

  if (!present(r.functionsArticle)) problems.push(`${at}: functionsArticle missing`);
  if (!r.functions.length) problems.push(`${at}: offers no function`);
  if (new Set(r.functions).size !== r.functions.length) problems.push(`${at}: a function is listed twice`);
  for (const f of r.functions) {
    if (!Object.values(PlatformFunction).includes(f)) problems.push(`${at}: unknown function ${f}`);
    const count = r.functionRequirements.filter((q) => q.function === f).length;
    if (count !== 1) problems.push(`${at}: function ${f} needs exactly one requirement (has ${count})`);
  }
  for (const q of r.functionRequirements) {
    const where = `${at} function ${q.function}`;
    if (!r.functions.includes(q.function)) problems.push(`${where}: has requirements but is not offered`);
    if (!present(q.article)) problems.push(`${where}: article missing`);
    if (!q.alternatives.length) problems.push(`${where}: no alternative`);
    // Criterion codes are `${function}_${measure or attestation}`: they must not repeat within a function.
    const codes = new Set<string>();
    q.alternatives.forEach((alt, i) => {
      const altAt = `${where} alternative ${i + 1}`;
      if (q.alternatives.length > 1 && !present(alt.label)) problems.push(`${altAt}: label missing (the function has alternatives)`);
      if (!alt.attestations.length && !alt.minima.length) problems.push(`${altAt}: requires nothing`);
      for (const a of alt.attestations) {
        if (!Object.values(FunctionAttestation).includes(a.attestation)) problems.push(`${altAt}: unknown attestation ${a.attestation}`);
        if (!present(a.description)) problems.push(`${altAt} ${a.attestation}: description missing`);
        if (codes.has(a.attestation)) problems.push(`${altAt}: ${a.attestation} repeats`);
        codes.add(a.attestation);
      }
      for (const m of alt.minima) {
        if (!Object.values(FunctionMeasure).includes(m.measure)) problems.push(`${altAt}: unknown measure ${m.measure}`);
        if (!Number.isFinite(m.min) || m.min < 0) problems.push(`${altAt} ${m.measure}: threshold must be a non-negative number (${m.min})`);
        else if (!MONEY_MEASURES.has(m.measure) && !Number.isInteger(m.min)) problems.push(`${altAt} ${m.measure}: a count must be a whole number (${m.min})`);
        if (!present(m.unit) || !present(m.description)) problems.push(`${altAt} ${m.measure}: unit and description required`);
        if (codes.has(m.measure)) problems.push(`${altAt}: ${m.measure} repeats`);
        codes.add(m.measure);
      }
    });
  }

  const d = r.designation;
  if (!d || !Number.isInteger(d.validityYears) || d.validityYears < 1) problems.push(`${at} designation: validityYears must be a whole number of at least 1`);
  if (!present(d?.article)) problems.push(`${at} designation: article missing`);
  if (d?.revocationBan) {
    if (!Number.isInteger(d.revocationBan.years) || d.revocationBan.years < 1) problems.push(`${at} designation: revocationBan years must be at least 1`);
    if (!present(d.revocationBan.article)) problems.push(`${at} designation: revocationBan article missing`);
  }
}

/** Two periods overlap when each starts no later than the other ends (open bounds reach forever). */
function overlap(a: RuleSet, b: RuleSet): boolean {
  const p = inForcePeriod(a);
  const q = inForcePeriod(b);
  const startsBeforeEnd = (start: string | null, end: string | null) => start === null || end === null || start <= end;
  return startsBeforeEnd(p.from, q.until) && startsBeforeEnd(q.from, p.until);
}

/** Every problem in the data, empty when it is valid. */
export function ruleSetProblems(ruleSets: readonly RuleSet[]): string[] {
  const problems: string[] = [];
  for (const r of ruleSets) checkRuleSet(problems, r);
  const ids = ruleSets.map((r) => r.id);
  for (const id of new Set(ids)) if (ids.filter((x) => x === id).length > 1) problems.push(`rule set id ${id} repeats`);
  for (let i = 0; i < ruleSets.length; i++) {
    for (let j = i + 1; j < ruleSets.length; j++) {
      const [a, b] = [ruleSets[i], ruleSets[j]];
      if (a.jurisdiction === b.jurisdiction && overlap(a, b)) {
        const show = (r: RuleSet) => {
          const p = inForcePeriod(r);
          return `${r.id} (${p.from ?? '…'} – ${p.until ?? '…'})`;
        };
        problems.push(`rule sets ${show(a)} and ${show(b)} of ${a.jurisdiction} are in force on the same days`);
      }
    }
  }
  return problems;
}

/** Validates the rule sets and returns them frozen; throws RuleSetDataError naming every problem. */
export function loadRuleSets(ruleSets: readonly RuleSet[]): readonly RuleSet[] {
  const problems = ruleSetProblems(ruleSets);
  if (problems.length) throw new RuleSetDataError(problems);
  return Object.freeze([...ruleSets]);
}

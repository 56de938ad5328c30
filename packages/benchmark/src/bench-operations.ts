import fs from 'node:fs';
import path from 'node:path';
import { absolute } from '@sme/devtools';

/**
 * The operations the benchmark drives, as data: each is one or more GraphQL requests (a flow's later steps use
 * what the earlier ones answered), with the caller's role and how its variables vary from request to request.
 * Only the load generator's process builds requests from them; the parent passes it the samples.
 */

export interface BenchSamples {
  /** Institutions the trace is asked for, drawn at random from the whole registry. */
  traceInstitutionIds: string[];
  /** Region codes a page of institutions is filtered by (each with at least a page of institutions). */
  pageRegionCodes: string[];
  /** Shanxi institutions without a library application: each mutation flow takes the next one. */
  flowInstitutionIds: string[];
  /** The Shanxi library's required materials (第七条): the flow attaches each before submitting. */
  requiredMaterials: string[];
  dashboardYear: number;
  /** The day the benchmark runs, for the statistics' `asOf`. */
  asOf: string;
}

export interface BenchTokens {
  analyst: string;
  admin: string;
}

/** Per-connection state of a flow: what the earlier steps answered. */
export type FlowState = Record<string, any>;

export interface BenchInputs {
  samples: BenchSamples;
  /** A deterministic random number in [0, 1) (the load generator's own stream). */
  random: () => number;
  /** The next unused index into `flowInstitutionIds`, shared by all connections. */
  nextFlowIndex: () => number;
}

export interface BenchStep {
  document: string;
  operationName?: string;
  token: keyof BenchTokens;
  variables(inputs: BenchInputs, state: FlowState): Record<string, unknown>;
  /** Keeps what later steps need from this step's `data`. */
  remember?(data: any, state: FlowState): void;
}

export interface BenchOperation {
  name: 'trace' | 'dashboard' | 'page' | 'mutation-flow';
  title: string;
  steps: BenchStep[];
  /** The floor targets this operation is also run against. */
  replay: boolean;
  handWrittenSql: boolean;
}

const OPERATIONS_DIR = absolute('packages/benchmark/src/operations');
const PERSISTED_DIR = absolute('gateway/persisted-operations');
const read = (file: string) => fs.readFileSync(file, 'utf8');
const pickFrom = <T>(list: T[], inputs: BenchInputs): T => list[Math.floor(inputs.random() * list.length)];

export function benchOperations(samples: Pick<BenchSamples, 'requiredMaterials'>): BenchOperation[] {
  // the gateway's own documents: the explorer's trace and the dashboards' persisted operation
  const { TRACE_QUERY } = require('@sme/gateway/dist/src/example-operations') as { TRACE_QUERY: string };
  const dashboard = read(path.join(PERSISTED_DIR, 'cross-province-statistics.graphql'));
  const page = read(path.join(OPERATIONS_DIR, 'institutions-page.graphql'));
  const flow = read(path.join(OPERATIONS_DIR, 'library-application-flow.graphql'));
  const flowStep = (operationName: string, token: keyof BenchTokens, variables: BenchStep['variables'], remember?: BenchStep['remember']): BenchStep => ({
    document: flow,
    operationName,
    token,
    variables,
    remember,
  });
  return [
    {
      name: 'trace',
      title: 'SPEC §5 trace of a random institution',
      steps: [{ document: TRACE_QUERY, token: 'analyst', variables: (inputs) => ({ id: pickFrom(inputs.samples.traceInstitutionIds, inputs) }) }],
      replay: true,
      handWrittenSql: true,
    },
    {
      name: 'dashboard',
      title: 'Dashboard statistics from the five programme subgraphs',
      steps: [{ document: dashboard, token: 'analyst', variables: (inputs) => ({ year: inputs.samples.dashboardYear, asOf: inputs.samples.asOf }) }],
      replay: true,
      handWrittenSql: true,
    },
    {
      name: 'page',
      title: 'A page of 100 institutions with fields from every subgraph',
      steps: [{ document: page, token: 'analyst', variables: (inputs) => ({ first: 100, regionCode: pickFrom(inputs.samples.pageRegionCodes, inputs) }) }],
      replay: true,
      handWrittenSql: false,
    },
    {
      name: 'mutation-flow',
      title: 'Shanxi library application: create, attach materials, submit, county, city and province review',
      steps: [
        flowStep(
          'CreateApplication',
          'admin',
          (inputs, state) => {
            state.institutionId = inputs.samples.flowInstitutionIds[inputs.nextFlowIndex()];
            return { institutionId: state.institutionId };
          },
          (data, state) => (state.applicationId = data?.shanxiCreateLibraryApplication?.id),
        ),
        ...samples.requiredMaterials.map((item) => flowStep('AttachMaterial', 'admin', (_inputs, state) => ({ applicationId: state.applicationId, item }))),
        flowStep('SubmitApplication', 'admin', (_inputs, state) => ({ id: state.applicationId })),
        flowStep('ReviewApplication', 'admin', (_inputs, state) => ({ id: state.applicationId, step: 'COUNTY' })),
        flowStep('ReviewApplication', 'admin', (_inputs, state) => ({ id: state.applicationId, step: 'CITY' })),
        flowStep('ReviewApplication', 'admin', (_inputs, state) => ({ id: state.applicationId, step: 'PROVINCE' })),
      ],
      replay: false,
      handWrittenSql: false,
    },
  ];
}

export const requestBody = (step: BenchStep, variables: Record<string, unknown>) =>
  JSON.stringify({ query: step.document, operationName: step.operationName, variables });

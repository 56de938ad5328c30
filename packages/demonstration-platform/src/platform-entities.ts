import { REGISTRY_MIRROR_ENTITIES } from '@sme/kernel';
import { PlatformApplication } from './applications/application.entity';
import { Designation } from './designations/designation.entity';
import { Inspection } from './inspections/inspection.entity';
import { AnnualSummary } from './summaries/annual-summary.entity';
import { CityReport } from './summaries/city-report.entity';
import { PerformanceAssessment } from './assessments/performance-assessment.entity';

/** Every table the engine maps, for MikroORM. */
export const PLATFORM_ENTITIES = [PlatformApplication, Designation, Inspection, AnnualSummary, CityReport, PerformanceAssessment, ...REGISTRY_MIRROR_ENTITIES];

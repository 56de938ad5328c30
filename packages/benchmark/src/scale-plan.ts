import type { Transition } from './scale-status-history';
import type { TableLoad } from './scale-tables';

/**
 * What one area of the data set (a library, a platform programme, the Taiyuan flow) contributes: its tables, and
 * the status-history steps it adds to each schema's `status_changes` (Shanxi's holds both its library's and its
 * provincial review's, so the steps are gathered per schema before that table is built).
 */
export interface AreaPlan {
  tables: TableLoad[];
  transitions: Record<string, Transition[]>;
}

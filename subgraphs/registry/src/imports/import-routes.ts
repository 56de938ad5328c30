import { IMPORTS_PREFIX, uploadLimitsFromEnv, type DownloadHandler, type UploadHandler } from '@sme/kernel';
import type { Context } from '../context';
import { importInstitutions } from './institution-import';
import { importAnnualFacts } from './annual-facts-import';
import { importTemplates } from './import-templates';

/**
 * The registry's bulk imports: `POST /imports/institutions` and `POST /imports/annual-facts` with the file as the
 * body (the gateway's `/imports/registry/…`), and their templates by GET. Each import runs with the caller's token
 * and the permissions of its mutation (`registerInstitution`, `recordAnnualFacts`), row by row.
 */
export const importUploadRoutes: Record<string, UploadHandler<Context>> = {
  [`${IMPORTS_PREFIX}institutions`]: async (upload, ctx) => {
    const result = await importInstitutions(ctx.em, ctx.user, upload);
    ctx.eventsCommitted();
    return result;
  },
  [`${IMPORTS_PREFIX}annual-facts`]: async (upload, ctx) => {
    const result = await importAnnualFacts(ctx.em, ctx.user, upload);
    ctx.eventsCommitted();
    return result;
  },
};

export const importTemplateRoutes: Record<string, DownloadHandler<Context>> = Object.fromEntries(
  Object.entries(importTemplates(uploadLimitsFromEnv().maxRows)).map(([path, make]): [string, DownloadHandler<Context>] => [path, () => make()]),
);

/**
 * The configuration file's schema (zod). One schema for every key the issues add, so a
 * misspelt key or a wrong type is caught with its path. Only shapes live here; loading and
 * merging with flags are in config.ts.
 */
import { z } from 'zod';

export const ruleLevelSchema = z.enum(['off', 'warn', 'error']);

export const ruleSettingSchema = z.union([
  ruleLevelSchema,
  z.tuple([ruleLevelSchema]),
  z.tuple([ruleLevelSchema, z.record(z.string(), z.unknown())]),
]);

const positiveInt = z.number().int().positive();
const nonNegativeInt = z.number().int().nonnegative();

export const crawlConfigSchema = z.strictObject({
  maxPages: positiveInt.optional(),
  maxDepth: nonNegativeInt.optional(),
  timeout: positiveInt.optional(),
  maxTime: positiveInt.optional(),
  maxBytes: positiveInt.optional(),
  concurrency: z.number().int().min(1).max(64).optional(),
  workers: z.number().int().min(0).max(16).optional(),
  include: z.array(z.string()).optional(),
  exclude: z.array(z.string()).optional(),
  ignoreRobots: z.boolean().optional(),
  userAgent: z.string().min(1).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  cookies: z.array(z.string()).optional(),
  insecure: z.boolean().optional(),
  delay: nonNegativeInt.optional(),
  signals: z.boolean().optional(),
});

export const claimTopicSchema = z.enum([
  'cookies',
  'tracking-cookies',
  'analytics',
  'third-party-tracking',
  'behavioral-advertising',
  'sharing',
  'sale',
  'collection',
  'dnt',
  'gpc',
  'children',
  'effective-date',
  'change-notification',
  'review-process',
  'named-vendor',
  'named-cookie',
]);

export const statedClaimSchema = z.strictObject({
  topic: claimTopicSchema,
  stance: z.enum(['denies', 'affirms', 'permits', 'conditional']),
  actor: z.enum(['first-party', 'third-party']).optional(),
  quote: z.string().optional(),
  scope: z
    .strictObject({ excludes: z.array(z.string()).optional(), limitedTo: z.array(z.string()).optional() })
    .optional(),
  dataTypes: z.array(z.string()).optional(),
  vendors: z.array(z.string()).optional(),
  cookies: z.array(z.string()).optional(),
});

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

export const suppressionSchema = z
  .strictObject({
    rule: z.string().min(1),
    url: z.string().optional(),
    fingerprint: z.string().optional(),
    reason: z.string().trim().min(1, 'a suppression needs a reason'),
    expires: isoDate.optional(),
  });

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  url: z.string().url().optional(),
  policy: z.string().min(1).optional(),
  rules: z.record(z.string(), ruleSettingSchema).optional(),
  crawl: crawlConfigSchema.optional(),
  claims: z.array(statedClaimSchema).optional(),
  disclosed: z
    .strictObject({ vendors: z.array(z.string()).optional(), cookies: z.array(z.string()).optional() })
    .optional(),
  firstPartyDomains: z.array(z.string()).optional(),
  failOn: z.enum(['error', 'warning', 'none']).optional(),
  maxWarnings: nonNegativeInt.optional(),
  failOnIncomplete: z.boolean().optional(),
  format: z.string().optional(),
  baseline: z.string().optional(),
  suppressions: z.array(suppressionSchema).optional(),
  sarif: z
    .strictObject({ map: z.record(z.string(), z.string()).optional(), fallbackFile: z.string().optional() })
    .optional(),
  reports: z.record(z.string(), z.string()).optional(),
});

export type PolicyLintConfig = z.infer<typeof configSchema>;
export type StatedClaim = z.infer<typeof statedClaimSchema>;
export type RuleSettingInput = z.infer<typeof ruleSettingSchema>;
export type Suppression = z.infer<typeof suppressionSchema>;

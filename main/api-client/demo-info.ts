import { z } from 'zod';

/** GET /v1/demo: what a demo-seeded central API tells a terminal so it can enroll in one click. */
export const demoInfoSchema = z.object({
  /** The unused enrollment code of the demo reseller. */
  enrollmentCode: z.string().min(6),
  resellerName: z.string(),
});
/** The demo lookup's parsed answer. */
export type DemoInfo = z.infer<typeof demoInfoSchema>;

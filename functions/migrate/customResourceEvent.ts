import { z } from 'zod';
import { CustomResourceEventError } from './errors.ts';

/**
 * A CloudFormation custom resource request (AWS CloudFormation User Guide, "Custom resource
 * request objects"). Only the fields this function reads are required.
 */
export const customResourceEventSchema = z.object({
  RequestType: z.enum(['Create', 'Update', 'Delete']),
  ResponseURL: z.url(),
  StackId: z.string().min(1),
  RequestId: z.string().min(1),
  LogicalResourceId: z.string().min(1),
  ResourceType: z.string().optional(),
  PhysicalResourceId: z.string().optional(),
  ResourceProperties: z.record(z.string(), z.unknown()).default({}),
  OldResourceProperties: z.record(z.string(), z.unknown()).optional(),
});

export type CustomResourceEvent = z.infer<typeof customResourceEventSchema>;

/** The answer CloudFormation expects on the pre-signed URL. */
export interface CustomResourceResponse {
  readonly Status: 'SUCCESS' | 'FAILED';
  readonly Reason: string;
  readonly PhysicalResourceId: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
  readonly Data?: Record<string, string | number>;
}

/** Parses an incoming event; a bad one throws CustomResourceEventError listing the fields. */
export function parseCustomResourceEvent(event: unknown): CustomResourceEvent {
  const parsed = customResourceEventSchema.safeParse(event);
  if (!parsed.success) {
    const fields = parsed.error.issues
      .map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`)
      .join('; ');
    throw new CustomResourceEventError(`not a CloudFormation custom resource request: ${fields}`);
  }
  return parsed.data;
}

import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';

/**
 * Whether the stack is rolling back an update. CloudFormation then sends this resource an Update
 * with the previous properties; the function must answer it without running migrations again.
 */
export function stackIsRollingBack(client: CloudFormationClient = new CloudFormationClient({})) {
  return async (stackId: string): Promise<boolean> => {
    const { Stacks } = await client.send(new DescribeStacksCommand({ StackName: stackId }));
    return Stacks?.[0]?.StackStatus === 'UPDATE_ROLLBACK_IN_PROGRESS';
  };
}

/**
 * Resolved by serverless.yml (custom.signInParamsChecked) while osls packages, so a stack with
 * sign-in on but no edge function, or OIDC without its provider, fails before anything deploys:
 * osls's schema has no room for CloudFormation's own Rules section.
 */
module.exports = async ({ resolveVariable }) => {
  const auth = await resolveVariable('param:auth');
  const problems = [];
  if (auth !== 'none' && !(await resolveVariable('param:edgeAuthVersionArn'))) {
    problems.push(
      'sign-in is on: deploy edge.yml first and pass --param edgeAuthVersionArn=<its EdgeAuthLambdaFunctionQualifiedArn> (or --param auth=none for a public site)',
    );
  }
  if (auth === 'oidc') {
    for (const name of ['oidcIssuer', 'oidcClientId', 'oidcClientSecretArn']) {
      if (!(await resolveVariable(`param:${name}`))) problems.push(`auth=oidc needs --param ${name}`);
    }
  }
  if (problems.length > 0) throw new Error(problems.join('; '));
  return auth;
};

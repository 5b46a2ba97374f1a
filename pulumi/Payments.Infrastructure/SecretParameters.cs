using Payments.Aws.Topology;
using Pulumi;
using Pulumi.Aws.Ssm;

namespace Payments.Infrastructure;

/// <summary>
/// Each <see cref="SecretParameterDefinition"/> as a SecureString holding a placeholder: the program creates the
/// parameter (so the function's policy can name its ARN) but never the secret; operators put the value, and later
/// deploys leave it alone.
/// </summary>
public static class SecretParameters
{
    public const string Placeholder = "unset:0000000000000000000000000000000000000000000000000000000000000000";

    public static Parameter Provision(SecretParameterDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new Parameter(
            definition.Name.Trim('/').Replace('/', '-'),
            new ParameterArgs
            {
                Name = definition.Name,
                Type = "SecureString",
                Value = Placeholder,
                Description = definition.Description,
            },
            new CustomResourceOptions { IgnoreChanges = { "value" } });
    }
}

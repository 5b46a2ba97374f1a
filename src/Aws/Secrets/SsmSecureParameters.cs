using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;

namespace Payments.Aws.Secrets;

/// <summary>
/// Reads SecureString parameters from SSM Parameter Store, decrypted: what a function needs that must not sit in its
/// environment (the API key hashes today, webhook signing keys later). The environment only names the parameter.
/// </summary>
public sealed class SsmSecureParameters(IAmazonSimpleSystemsManagement ssm)
{
    /// <exception cref="InvalidOperationException">The parameter does not exist or is empty; the message names it.</exception>
    public async Task<string> Read(string name, CancellationToken cancellationToken)
    {
        try
        {
            var response = await ssm.GetParameterAsync(new GetParameterRequest { Name = name, WithDecryption = true }, cancellationToken).ConfigureAwait(false);
            return response.Parameter?.Value is { Length: > 0 } value ? value : throw new InvalidOperationException($"SSM parameter {name} is empty.");
        }
        catch (ParameterNotFoundException e)
        {
            throw new InvalidOperationException($"SSM parameter {name} does not exist.", e);
        }
    }
}

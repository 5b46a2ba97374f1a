namespace Payments.Aws.Topology;

/// <summary>
/// An SSM SecureString a function reads at start instead of holding the value in its environment. The cloud program
/// creates it with a placeholder and never overwrites it; operators put the real value.
/// </summary>
public sealed record SecretParameterDefinition(string Name, string Description);

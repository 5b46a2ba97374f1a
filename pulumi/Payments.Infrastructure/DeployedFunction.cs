using Payments.Aws.Topology;
using Pulumi.Aws.Lambda;
using LambdaAlias = Pulumi.Aws.Lambda.Alias;

namespace Payments.Infrastructure;

/// <summary>A provisioned function and the alias every trigger invokes, so a deploy can shift or roll back the alias alone.</summary>
public sealed record DeployedFunction(FunctionDefinition Definition, Function Function, LambdaAlias Alias);

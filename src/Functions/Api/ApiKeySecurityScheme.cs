using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Payments.Functions.Api.Auth;

namespace Payments.Functions.Api;

/// <summary>
/// Declares the API key as the OpenAPI document's bearer security scheme, and marks every operation behind an
/// authorization policy as requiring it, so generated clients send the key where it is needed and nowhere else. The
/// requirement lists the roles the operation admits (OpenAPI 3.1 allows role names there for non-OAuth schemes), read
/// from the endpoint's own effective policy, so the document cannot drift from what the server enforces.
/// </summary>
public static class ApiKeySecurityScheme
{
    public const string Name = "api_key";

    public static void Describe(OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
            document.Components.SecuritySchemes[Name] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key: `Authorization: Bearer <api key>`. A key carries one or more roles: " +
                    "`client` (its own payments), `auditor` (every payment and history), `finance` (the event feed of every client), " +
                    "`operator` (operations). Each operation's security requirement lists the roles it admits.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(async (operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var authorizeData = metadata.OfType<IAuthorizeData>().ToList();
            var policies = metadata.OfType<AuthorizationPolicy>().ToList();
            if (authorizeData.Count == 0 && policies.Count == 0)
            {
                return;
            }

            var provider = context.ApplicationServices.GetRequiredService<IAuthorizationPolicyProvider>();
            var policy = await AuthorizationPolicy.CombineAsync(provider, authorizeData, policies).ConfigureAwait(false);
            var roles = AdmittedRoles(policy);
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Name, context.Document)] = roles });
            var stated = "Roles: " + string.Join(", ", roles.Select(r => $"`{r}`")) + ".";
            operation.Description = string.IsNullOrEmpty(operation.Description) ? stated : operation.Description + "\n\n" + stated;
        });
    }

    /// <summary>A key must meet every role requirement of the combined policy, so the admitted roles are their intersection.</summary>
    private static List<string> AdmittedRoles(AuthorizationPolicy? policy)
    {
        IEnumerable<string> admitted = ApiPolicies.Roles;
        foreach (var requirement in policy?.Requirements.OfType<RolesAuthorizationRequirement>() ?? [])
        {
            admitted = admitted.Intersect(requirement.AllowedRoles, StringComparer.Ordinal);
        }

        return admitted.ToList();
    }
}

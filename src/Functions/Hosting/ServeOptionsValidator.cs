using Microsoft.Extensions.Options;

namespace Payments.Functions.Hosting;

/// <summary>Generated at compile time from the data annotations on <see cref="ServeOptions"/> and its sections.</summary>
[OptionsValidator]
public sealed partial class ServeOptionsValidator : IValidateOptions<ServeOptions>;

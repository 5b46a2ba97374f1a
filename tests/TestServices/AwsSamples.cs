namespace Payments.TestServices;

/// <summary>AWS's own Lambda event samples (../shared/aws-samples beside the checkout), to test our event types against.</summary>
public static class AwsSamples
{
    public static string Read(string file)
    {
        var path = Path.GetFullPath(Path.Combine(RepositoryRoot.Find(), "..", "shared", "aws-samples", file));
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new InvalidOperationException($"{path} is missing: the AWS samples come with ../shared beside the checkout.");
    }
}

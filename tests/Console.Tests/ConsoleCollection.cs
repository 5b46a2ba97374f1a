namespace Payments.Console.Tests;

/// <summary>The browser tests share one host and one Chromium (start-up ~1 s each) and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleHost>
{
    public const string Name = "console";
}

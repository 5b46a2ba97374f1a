namespace Payments.Infrastructure.Tests;

/// <summary>One resource the program registered: what it sent (<see cref="Inputs"/>) and what the mock answered (<see cref="State"/>).</summary>
public sealed record MockResource(string Type, string Name, string Id, PropertyBag Inputs, PropertyBag State);

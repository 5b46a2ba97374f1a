namespace Payments.Bench;

/// <summary>What Load/autocannon-driver.js is told, as its one JSON argument.</summary>
internal sealed record LoadDriverConfig(
    string Url,
    string Key,
    string KeyPrefix,
    string Body,
    string Mode,
    int Rate,
    int Connections,
    int Slots,
    int PerConnectionRate,
    double Seconds,
    int TimeoutSeconds);

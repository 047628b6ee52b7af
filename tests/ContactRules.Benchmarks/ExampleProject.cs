using ContactRules.Projects;

namespace ContactRules.Benchmarks;

/// <summary>The settings of <c>examples/project.yaml</c>, which the generated cases are made for (its countries, gateways and languages).</summary>
internal static class ExampleProject
{
    public static ProjectSettings Settings { get; } = new(
        "benchmark", "Asia/Kolkata", "en", ["en", "hin", "swa"],
        [new Gateway("AIRTEL-IN", ["91"]), new Gateway("SAFARICOM-KE", ["254"]), new Gateway("TWILIO", ["*"])])
    {
        Country = "IN",
    };
}

using ContactRules.Expressions;
using ContactRules.Expressions.Checking;
using ContactRules.Expressions.Runtime;

namespace ContactRules.Tests.Expressions.Checking;

/// <summary>
/// The environment the checker's case files are written against: the standard library, domain-style
/// namespaced functions, and variables of every kind of type.
/// </summary>
internal static class TestEnvironment
{
    private static readonly CelType A = CelType.Param("A");

    public static readonly CelType CaseType = CelType.Object("case", new Dictionary<string, CelType>(StringComparer.Ordinal)
    {
        ["id"] = CelType.String,
        ["name"] = CelType.String,
        ["closed"] = CelType.Bool,
        ["properties"] = CelType.Map(CelType.String, CelType.String),
    });

    public static CelEnvironment Instance { get; } = CelEnvironment.Standard
        .WithFunctions(
        [
            new FunctionDecl("phone.isValid", "Whether a number is valid.", FunctionOverload.Global("phone_is_valid", CelType.String, CelType.Bool, Dummy)),
            new FunctionDecl("phone.countryCode", "The country code of a number.", FunctionOverload.Global("phone_country_code", CelType.String, CelType.Int, Dummy)),
            new FunctionDecl("email.isValid", "Whether an address is valid.", FunctionOverload.Global("email_is_valid", CelType.String, CelType.Bool, Dummy)),
            new FunctionDecl(
                "phone.format",
                "A number written in a style.",
                FunctionOverload.Global("phone_format", CelType.String, CelType.String, Dummy),
                FunctionOverload.Global("phone_format_style", CelType.String, CelType.String, CelType.String, Dummy)),
            new FunctionDecl(
                "abbreviate",
                "A string cut to a length.",
                FunctionOverload.Receiver("abbreviate", CelType.String, CelType.String, Dummy),
                FunctionOverload.Receiver("abbreviate_to", CelType.String, CelType.Int, CelType.String, Dummy)),
            new FunctionDecl("first", "The first element of a list.", FunctionOverload.Receiver("list_first", CelType.List(A), A, Dummy)),
        ])
        .WithVariable("value", CelType.String)
        .WithVariable("n", CelType.Int)
        .WithVariable("d", CelType.Double)
        .WithVariable("flag", CelType.Bool)
        .WithVariable("names", CelType.List(CelType.String))
        .WithVariable("counts", CelType.Map(CelType.String, CelType.Int))
        .WithVariable("x", CelType.Dyn)
        .WithVariable("case", CaseType);

    private static object Dummy(object argument) => CelValues.True;

    private static object Dummy(object first, object second) => CelValues.True;
}

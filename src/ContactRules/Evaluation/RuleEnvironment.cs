using System.Collections.Immutable;
using ContactRules.Evaluation.Library;
using ContactRules.Expressions;
using ContactRules.Expressions.Checking;

namespace ContactRules.Evaluation;

/// <summary>
/// The variables and functions a rule may use: <c>value</c> and <c>raw</c> (the property being checked,
/// after and before <c>normalize</c>), <c>destination</c> (the number the rules resolved), <c>case</c>,
/// <c>project</c>, and the domain libraries
/// <c>phone.*</c>, <c>email.*</c>, <c>tz.*</c>, <c>gateway.*</c> and <c>registry.*</c>.
/// </summary>
internal static class RuleEnvironment
{
    public static readonly CelType CaseType = CelType.Object("case", new Dictionary<string, CelType>(StringComparer.Ordinal)
    {
        ["id"] = CelType.String,
        ["type"] = CelType.String,
        ["name"] = CelType.String,
        ["owner_id"] = CelType.String,
        ["opened"] = CelType.String,
        ["modified"] = CelType.String,
        ["closed"] = CelType.Bool,
        ["deleted"] = CelType.Bool,
        ["properties"] = CelType.Map(CelType.String, CelType.String),
    });

    public static readonly CelType ProjectType = CelType.Object("project", new Dictionary<string, CelType>(StringComparer.Ordinal)
    {
        ["name"] = CelType.String,
        ["country"] = CelType.String,
        ["time_zone"] = CelType.String,
        ["default_language"] = CelType.String,
        ["languages"] = CelType.List(CelType.String),
        ["gateways"] = CelType.List(CelType.String),
        ["global_gateways"] = CelType.List(CelType.String),
    });

    public const string Value = "value";
    public const string Raw = "raw";
    public const string Destination = "destination";
    public const string Case = "case";
    public const string Project = "project";

    public static CelEnvironment Create(GatewayTable gateways) =>
        CelEnvironment.Standard
            .WithVariable(Value, CelType.String, "the value of the property being checked, after normalize")
            .WithVariable(Raw, CelType.String, "the value of the property being checked, as the case has it")
            .WithVariable(Destination, CelType.String, "the number the rules resolved: the value, after normalize, of the property that provides the destination (\"\" when the case lacks it); judged before the other properties, so their checks see it")
            .WithVariable(Case, CaseType, "the case: id, type, name, owner_id, opened, modified, closed, deleted, and properties (the present ones)")
            .WithVariable(Project, ProjectType, "the project: name, country, time_zone, default_language, languages, gateways and global_gateways (names)")
            .WithFunctions(PhoneFunctions.Declarations())
            .WithFunctions(EmailFunctions.Declarations())
            .WithFunctions(TimeZoneFunctions.Declarations())
            .WithFunctions(NameFunctions.Declarations())
            .WithFunctions(ContextFunctions.Gateway(gateways))
            .WithFunctions(ContextFunctions.Registry());

    /// <summary>
    /// The standard library and the domain functions, without rule variables, as <c>contactrules eval</c>
    /// offers them: no gateways (so routing is not checked) and an empty registry.
    /// </summary>
    public static CelEnvironment ForEval() =>
        CelEnvironment.Standard
            .WithFunctions(PhoneFunctions.Declarations())
            .WithFunctions(EmailFunctions.Declarations())
            .WithFunctions(TimeZoneFunctions.Declarations())
            .WithFunctions(NameFunctions.Declarations())
            .WithFunctions(ContextFunctions.Gateway(GatewayTable.Empty))
            .WithFunctions(ContextFunctions.Registry());

    /// <summary>Every domain function, for documentation: name and description.</summary>
    public static ImmutableArray<FunctionDecl> DomainFunctions { get; } =
    [
        .. PhoneFunctions.Declarations(),
        .. EmailFunctions.Declarations(),
        .. TimeZoneFunctions.Declarations(),
        .. NameFunctions.Declarations(),
        .. ContextFunctions.Gateway(GatewayTable.Empty),
        .. ContextFunctions.Registry(),
    ];
}

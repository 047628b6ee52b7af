using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using ContactRules.Expressions;
using ContactRules.Expressions.Checking;
using ContactRules.Expressions.Compilation;
using PeerCel = Cel;

namespace ContactRules.Benchmarks;

/// <summary>
/// Issue 2's speed targets for one phone-number rule, measured in one run against the baselines:
/// a hand-written C# method (target: within 1.5×) and the Cel 0.3.3 package (target: 20× slower than us).
/// </summary>
[MemoryDiagnoser]
public class ExpressionBenchmarks
{
    private const string Rule = "value.matches('^[0-9]+$') && size(value) > 3 && value.startsWith('91')";
    private const string Number = "919812345678";

    private static readonly Regex DigitsOnly = new("^[0-9]+$", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);

    private CelEnvironment _environment = null!;
    private CelProgram _program = null!;
    private Activation _activation = null!;
    private PeerCel.CelProgramDelegate _peer = null!;
    private Dictionary<string, object?> _peerVariables = null!;

    [GlobalSetup]
    public void Setup()
    {
        _environment = CelEnvironment.Standard.WithVariable("value", CelType.String);
        _program = _environment.Compile(Rule).Program ?? throw new InvalidOperationException("the rule does not compile");
        _activation = new Activation(_environment);
        _activation.Set("value", Number);
        _peer = new PeerCel.CelEnvironment(null, null).Compile(Rule);
        _peerVariables = new Dictionary<string, object?> { ["value"] = Number };
        if (!Equals(Compiled(), true) || !HandWritten() || !Equals(PeerCelPackage(), true))
        {
            throw new InvalidOperationException("the engines disagree on the rule");
        }
    }

    [Benchmark(Baseline = true, Description = "hand-written C#")]
    public bool HandWritten() => IsIndianDigits(Number);

    [Benchmark(Description = "ContactRules compiled")]
    public object Compiled() => _program.Evaluate(_activation);

    [Benchmark(Description = "Cel 0.3.3 package")]
    public object? PeerCelPackage() => _peer(_peerVariables);

    [Benchmark(Description = "ContactRules parse + check + compile")]
    public object ParseCheckCompile() => _environment.Compile(Rule);

    private static bool IsIndianDigits(string value) =>
        DigitsOnly.IsMatch(value) && value.EnumerateRunes().Count() > 3 && value.StartsWith("91", StringComparison.Ordinal);
}

using BenchmarkDotNet.Attributes;
using ContactRules.Expressions.Parsing;

namespace ContactRules.Benchmarks;

/// <summary>Parsing alone (issue 2 budgets parse + check + compile at 50 µs; the parser's share should be small).</summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    [Params(
        "value.matches('^[0-9]+$') && size(value) > 3 && value.startsWith('91')",
        "case.phones.exists(p, phone.isValid(p.number) && p.kind in ['mobile', 'work']) ? 'sms' : 'none'")]
    public string Expression { get; set; } = "";

    [Benchmark]
    public object Parse() => ExpressionParser.Parse(Expression);
}

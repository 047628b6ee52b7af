using BenchmarkDotNet.Attributes;
using ContactRules.Evaluation.Library;
using PhoneNumbers;

namespace ContactRules.Benchmarks;

/// <summary>
/// Issue 14: the phone.* checks a rule file makes (isPossible, isValid) from the compiled tables, against
/// libphonenumber's parse + IsPossibleNumberWithReason + IsValidNumber on the same distinct numbers.
/// </summary>
[MemoryDiagnoser]
public class PhoneBenchmarks
{
    private const int Count = 64;
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();
    private static readonly string[] Numbers = [.. Enumerable.Range(0, Count).Select(i => (i % 4) switch
    {
        0 => $"9198123456{i:D2}",
        1 => $"4474001234{i:D2}",
        2 => $"1650253{i:D4}",
        _ => $"2547123456{i:D2}",
    })];

    [Benchmark(Baseline = true, Description = "libphonenumber parse + isPossible + isValid", OperationsPerInvoke = Count)]
    public int LibPhoneNumber()
    {
        var ok = 0;
        foreach (var digits in Numbers)
        {
            var number = Util.Parse("+" + digits, "ZZ");
            ok += (Util.IsPossibleNumberWithReason(number) == PhoneNumberUtil.ValidationResult.IS_POSSIBLE ? 1 : 0) + (Util.IsValidNumber(number) ? 1 : 0);
        }
        return ok;
    }

    [Benchmark(Description = "phone.isPossible + phone.isValid (compiled tables)", OperationsPerInvoke = Count)]
    public int CompiledTables()
    {
        var ok = 0;
        foreach (var digits in Numbers)
        {
            ok += (PhoneFunctions.IsPossible(digits) ? 1 : 0) + (PhoneFunctions.IsValid(digits) ? 1 : 0);
        }
        return ok;
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ContactRules.Evaluation.Library;
using PhoneNumbers;
using Xunit;
using Xunit.Abstractions;

namespace ContactRules.Tests.Evaluation;

/// <summary>
/// The compiled phone tables against libphonenumber itself: every phone.* function must give the same
/// answer for every input, over every region's example numbers, their one-digit mutations, every length
/// from 1 to 20 and random digit strings: at least 1,000,000 inputs a run, or as many as
/// CONTACTRULES_FUZZ_ITERATIONS asks (10,000,000 for a long run).
/// </summary>
public sealed class PhoneDifferentialTests(ITestOutputHelper output)
{
    private const int DefaultIterations = 1_000_000;

    [Fact]
    public void Compiled_tables_answer_as_libphonenumber_does()
    {
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("CONTACTRULES_FUZZ_ITERATIONS"), CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : DefaultIterations;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("CONTACTRULES_FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : 14;
        var watch = Stopwatch.StartNew();
        var fixedInputs = FixedInputs().ToArray();
        var mismatches = new ConcurrentQueue<string>();
        long checkedCount = 0;

        // Both cores: the fixed inputs split by index, then the random ones by block, each block its own seed.
        var blocks = Math.Max(1, (iterations - fixedInputs.Length + 9_999) / 10_000);
        Parallel.For(0, fixedInputs.Length / 1_000 + 1, block =>
        {
            for (var i = block * 1_000; i < Math.Min(fixedInputs.Length, (block + 1) * 1_000); i++)
            {
                Compare(fixedInputs[i], mismatches);
                Interlocked.Increment(ref checkedCount);
            }
        });
        var remaining = Math.Max(0, iterations - fixedInputs.Length);
        Parallel.For(0, blocks, block =>
        {
            var random = new Random(HashCode.Combine(seed, block));
            var count = Math.Min(10_000, remaining - (block * 10_000));
            for (var i = 0; i < count; i++)
            {
                Compare(RandomInput(random, fixedInputs), mismatches);
                Interlocked.Increment(ref checkedCount);
            }
        });

        output.WriteLine($"{checkedCount:N0} inputs ({fixedInputs.Length:N0} from example numbers), seed {seed}, {watch.Elapsed.TotalSeconds:F1} s");
        Assert.True(checkedCount >= iterations, $"only {checkedCount} inputs were checked");
        Assert.True(mismatches.IsEmpty, "answers differ, e.g.:\n" + string.Join("\n", mismatches.Take(20)));
    }

    [Theory]
    [InlineData("15551234567", 1, "US", true, false)] // the seed's example: possible, not assigned
    [InlineData("919812345678", 91, "IN", true, true)]
    [InlineData("115551234567", 1, "US", true, false)] // the national prefix 1 after +1 is stripped, as libphonenumber does
    [InlineData("5491123456789", 54, "AR", true, true)] // Argentina's mobile 9
    [InlineData("254", 254, "KE", false, false)] // a known code alone: too short to parse
    [InlineData("999123456", 0, "ZZ", false, false)]
    [InlineData("80012345678", 800, "001", true, true)] // a non-geographical code
    [InlineData("123456789012345678", 1, "US", false, false)] // 18 digits
    public void Some_answers_in_full(string digits, int countryCode, string region, bool possible, bool valid)
    {
        var expected = LibPhoneNumberReference.Ask(digits);
        Assert.Equal((countryCode, region, possible, valid), (expected.CountryCode, expected.Region, expected.IsPossible, expected.IsValid));
        Assert.Equal(expected, Fast(digits));
    }

    [Fact]
    public void Every_calling_code_compiles_to_automata()
    {
        var watch = Stopwatch.StartNew();
        var states = 0;
        var fallbacks = new List<string>();
        foreach (var code in PhoneMetadataTables.AllCallingCodes())
        {
            foreach (var region in PhoneMetadataTables.For(code).Regions)
            {
                states += region.StateCount;
                if (region.StateCount == 0)
                {
                    fallbacks.Add(region.Id);
                }
            }
        }
        output.WriteLine($"{states:N0} DFA states in {watch.ElapsedMilliseconds} ms");
        // Today's metadata needs no regex fallback; a new construct in a later version may, and stays correct.
        Assert.Empty(fallbacks);
    }

    private static LibPhoneNumberReference.Answers Fast(string digits) => new(
        PhoneFunctions.CountryCode(digits),
        PhoneFunctions.Region(digits),
        PhoneFunctions.IsPossible(digits),
        PhoneFunctions.IsValid(digits),
        PhoneFunctions.Type(digits),
        PhoneFunctions.E164(digits));

    private static void Compare(string digits, ConcurrentQueue<string> mismatches)
    {
        var expected = LibPhoneNumberReference.Ask(digits);
        var actual = Fast(digits);
        if (expected != actual && mismatches.Count < 20)
        {
            mismatches.Enqueue($"'{digits}': libphonenumber {expected}, tables {actual}");
        }
    }

    /// <summary>Every region's example numbers, each with every one-digit change, deletion and insertion, cut to every length.</summary>
    private static HashSet<string> FixedInputs()
    {
        var util = PhoneNumberUtil.GetInstance();
        var examples = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in util.GetSupportedCallingCodes())
        {
            foreach (var regionCode in util.GetRegionCodesForCountryCode(code))
            {
                var metadata = regionCode == PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY
                    ? util.GetMetadataForNonGeographicalRegion(code)
                    : util.GetMetadataForRegion(regionCode);
                foreach (var desc in new[]
                {
                    metadata.GeneralDesc, metadata.FixedLine, metadata.Mobile, metadata.TollFree, metadata.PremiumRate,
                    metadata.SharedCost, metadata.PersonalNumber, metadata.Voip, metadata.Pager, metadata.Uan, metadata.Voicemail,
                    metadata.NoInternationalDialling,
                })
                {
                    if (desc is { HasExampleNumber: true })
                    {
                        examples.Add(code.ToString(CultureInfo.InvariantCulture) + desc.ExampleNumber);
                        // With the national prefix written in, which the parser may strip.
                        if (metadata.NationalPrefix.Length > 0)
                        {
                            examples.Add(code.ToString(CultureInfo.InvariantCulture) + metadata.NationalPrefix + desc.ExampleNumber);
                        }
                    }
                }
            }
        }
        var seen = new HashSet<string>(StringComparer.Ordinal) { "", "0", "+15551234567", "1555 1234567", "١٢٣٤٥٦٧٨٩٠", "15551234567x" };
        foreach (var example in examples)
        {
            seen.Add(example);
            for (var i = 0; i < example.Length; i++)
            {
                for (var d = '0'; d <= '9'; d++)
                {
                    seen.Add(string.Concat(example.AsSpan(0, i), [d], example.AsSpan(i + 1)));
                    seen.Add(string.Concat(example.AsSpan(0, i), [d], example.AsSpan(i)));
                }
                seen.Add(string.Concat(example.AsSpan(0, i), example.AsSpan(i + 1)));
            }
            for (var length = 1; length <= 20; length++)
            {
                seen.Add(length <= example.Length ? example[..length] : example + new string('5', length - example.Length));
            }
        }
        return seen;
    }

    /// <summary>A random digit string of 1 to 20 digits; half start with a real calling code, some from an example.</summary>
    private static string RandomInput(Random random, string[] examples)
    {
        var length = random.Next(1, 21);
        Span<char> digits = stackalloc char[20];
        for (var i = 0; i < length; i++)
        {
            digits[i] = (char)('0' + random.Next(10));
        }
        switch (random.Next(4))
        {
            case 0:
                // A real example's first digits (country code and area code), then random ones.
                var example = examples[random.Next(examples.Length)];
                var keep = Math.Min(Math.Min(example.Length, length), random.Next(1, 7));
                example.AsSpan(0, keep).CopyTo(digits);
                break;
            case 1:
                if (digits[0] == '0')
                {
                    digits[0] = '1';
                }
                break;
        }
        return new string(digits[..length]);
    }
}

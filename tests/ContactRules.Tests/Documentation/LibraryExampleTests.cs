using System.Reflection;
using System.Text.RegularExpressions;
using ContactRules.Tests.Cli;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace ContactRules.Tests.Documentation;

/// <summary>
/// The example of docs/library.md compiles against the library's public surface alone (it is its own
/// assembly, with no access to internals) and does what the page says.
/// </summary>
[Collection(nameof(ConsoleOutput))]
public sealed partial class LibraryExampleTests
{
    [Fact]
    public void The_example_compiles_against_the_public_api_and_runs()
    {
        var page = File.ReadAllText(CliRunner.InRepository("docs/library.md"));
        var source = CodeBlock().Match(page).Groups["code"].Value;
        Assert.Contains("RuleSetLoader.Load", source, StringComparison.Ordinal);

        var main = Compile(source);
        var output = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(output);
        int exitCode;
        try
        {
            exitCode = (int)main.Invoke(null, [new[] { CliRunner.InRepository("examples/cases.jsonl") }])!;
        }
        finally
        {
            Console.SetOut(previous);
        }

        var text = output.ToString();
        Assert.Equal(0, exitCode);
        Assert.Contains("sms: not eligible", text, StringComparison.Ordinal);
        Assert.Contains("PHONE_NUMBER_FORMAT", text, StringComparison.Ordinal);
        Assert.Contains("value.matches('^[0-9]+$')", text, StringComparison.Ordinal);
        Assert.Matches(@"\d+ read, 0 rejected, \d+ reachable by SMS", text);
    }

    private static MethodInfo Compile(string source)
    {
        var references = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic && a.Location.Length > 0)
            .Select(a => MetadataReference.CreateFromFile(a.Location));
        var compilation = CSharpCompilation.Create(
            "LibraryExample",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join('\n', emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        var assembly = Assembly.Load(image.ToArray());
        return assembly.GetType("LibraryExample")!.GetMethod("Main")!;
    }

    [GeneratedRegex(@"```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}

/// <summary>Tests that redirect <see cref="Console.Out"/> run one at a time.</summary>
[CollectionDefinition(nameof(ConsoleOutput), DisableParallelization = true)]
public sealed class ConsoleOutput;

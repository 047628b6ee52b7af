using System.Text.Json;
using ContactRules.Diagnostics;
using ContactRules.Projects;
using ContactRules.Tests.Cli;
using ContactRules.Tests.RuleFiles;
using Json.Schema;
using Xunit;

namespace ContactRules.Tests.Projects;

/// <summary>
/// docs/project-file.schema.json, the schema editors use for project settings, agrees with the loader: every
/// project file the loader accepts without a diagnostic is valid against it, the broken ones are not.
/// </summary>
public sealed class ProjectFileSchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromFile(Path.Combine(CliRunner.RepositoryRoot, "docs", "project-file.schema.json")));

    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Cases", "inputs", "projects");

    public static TheoryData<string> ProjectFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Fact]
    public void The_example_project_and_the_corpus_projects_are_valid()
    {
        foreach (var path in new[]
        {
            Path.Combine(CliRunner.RepositoryRoot, "examples", "project.yaml"),
            Path.Combine(AppContext.BaseDirectory, "Cases", "contacts", "project.yaml"),
            Path.Combine(AppContext.BaseDirectory, "Cases", "hq", "project.yaml"),
        })
        {
            Assert.True(IsValid(File.ReadAllText(path)), path);
        }
    }

    [Fact]
    public void The_example_project_names_the_schema_for_editors() =>
        Assert.Equal("# yaml-language-server: $schema=../docs/project-file.schema.json",
            File.ReadLines(Path.Combine(CliRunner.RepositoryRoot, "examples", "project.yaml")).First());

    [Fact]
    public void Two_tiers_and_gateways_reached_only_by_name_are_valid_and_unknown_keys_are_not()
    {
        Assert.True(IsValid("gateways: [{name: A, prefixes: []}]\nglobal_gateways: [{name: B, prefixes: ['*', '27']}]\n"));
        Assert.False(IsValid("global_gateway: [{name: B, prefixes: ['*']}]\n"));
        Assert.False(IsValid("global_gateways: [{name: B, prefixes: ['+27']}]\n"));
        Assert.False(IsValid("global_gateways: [{name: B}]\n"));
    }

    /// <summary>A file that loads with no diagnostic at all is valid; one that the loader rejects with errors is not.</summary>
    [Theory]
    [MemberData(nameof(ProjectFiles))]
    public void The_schema_agrees_with_the_loader(string file)
    {
        var text = File.ReadAllText(Path.Combine(Folder, file));
        var bag = new DiagnosticBag();
        var loaded = ProjectLoader.Load(file, text, bag);
        if (bag.Items.Count == 0)
        {
            Assert.True(IsValid(text), file + " loads cleanly but fails the schema");
        }
        else if (loaded is null && !bag.Items.Any(d => d.Code is DiagnosticCodes.YamlSyntax or DiagnosticCodes.MissingKey))
        {
            // Errors the schema can see (kinds, keys, prefixes); unknown time zones and the like only the loader knows.
            if (bag.Items.All(d => d.Code is DiagnosticCodes.WrongKind or DiagnosticCodes.UnknownKey))
            {
                Assert.False(IsValid(text), file + " is rejected by the loader but passes the schema");
            }
        }
    }

    private static bool IsValid(string yaml)
    {
        JsonElement json;
        try
        {
            json = JsonSerializer.SerializeToElement(RuleFileSchemaTests.ToJson(yaml));
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return false;
        }
        return Schema.Value.Evaluate(json).IsValid;
    }
}

using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ContactRules.Cli.Commands;

internal sealed class OptOutSettings : CommandSettings
{
    [CommandArgument(0, "<ACTION>")]
    [Description("add, remove or list.")]
    public string Action { get; init; } = "";

    [CommandArgument(1, "[NUMBER]")]
    [Description("The number (E.164 digits) to add or remove.")]
    public string? Number { get; init; }

    [CommandOption("--registry <R>")]
    [Description(RegistryOption.Description)]
    public string? Registry { get; init; }

    public override ValidationResult Validate() => (Action, Number) switch
    {
        _ when Registry is null => ValidationResult.Error("--registry is required"),
        ("add" or "remove", null) => ValidationResult.Error($"optout {Action} needs a NUMBER"),
        ("add" or "remove", _) => RegistryOption.ValidateNumber(Number),
        ("list", null) => ValidationResult.Success(),
        ("list", _) => ValidationResult.Error("optout list takes no NUMBER"),
        _ => ValidationResult.Error($"optout {Action}: expected add, remove or list"),
    };
}

/// <summary><c>contactrules optout add|remove|list [NUMBER] --registry R</c>: the numbers that opted out of SMS.</summary>
internal sealed class OptOutCommand : Command<OptOutSettings>
{
    public override int Execute(CommandContext context, OptOutSettings settings, CancellationToken cancellationToken)
    {
        using var registry = RegistryOption.Open(settings.Registry!, create: settings.Action == "add");
        if (registry is null)
        {
            return ExitCodes.InvalidInput;
        }
        var number = settings.Number is null ? null : RegistryOption.Number(settings.Number);
        switch (settings.Action)
        {
            case "add":
                Terminal.Error.WriteLine(registry.AddOptOut(number!) ? $"{number} has opted out." : $"{number} had already opted out.");
                break;
            case "remove":
                Terminal.Error.WriteLine(registry.RemoveOptOut(number!) ? $"{number} has opted back in." : $"{number} had not opted out.");
                break;
            default:
                foreach (var optedOut in registry.OptOuts())
                {
                    Console.Out.WriteLine(optedOut);
                }
                break;
        }
        return ExitCodes.Done;
    }
}

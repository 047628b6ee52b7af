using System.ComponentModel;
using ContactRules.Text;
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
        _ when Registry is null => ValidationResult.Error(Messages.RegistryRequired),
        ("add" or "remove", null) => ValidationResult.Error(Messages.OptOutNeedsNumber(Action)),
        ("add" or "remove", _) => RegistryOption.ValidateNumber(Number),
        ("list", null) => ValidationResult.Success(),
        ("list", _) => ValidationResult.Error(Messages.OptOutListTakesNoNumber),
        _ => ValidationResult.Error(Messages.OptOutAction(Action)),
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
                Terminal.Error.WriteLine(Messages.OptedOut(number!, registry.AddOptOut(number!)));
                break;
            case "remove":
                Terminal.Error.WriteLine(Messages.OptedBackIn(number!, registry.RemoveOptOut(number!)));
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

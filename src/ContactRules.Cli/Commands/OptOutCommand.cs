using System.ComponentModel;
using ContactRules.Registry;
using ContactRules.Text;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ContactRules.Cli.Commands;

internal sealed class OptOutSettings : CommonOptions
{
    [CommandArgument(0, "<ACTION>")]
    [Description(CliMessages.OptOutActionDescription)]
    public string Action { get; init; } = "";

    [CommandArgument(1, "[NUMBER]")]
    [Description(CliMessages.OptOutNumberDescription)]
    public string? Number { get; init; }

    [CommandOption(SharedOptions.Registry, isRequired: true)]
    [Description(CliMessages.RegistryOptOutDescription)]
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
internal sealed class OptOutCommand(Terminal terminal) : Command<OptOutSettings>
{
    public override int Execute(CommandContext context, OptOutSettings settings, CancellationToken cancellationToken)
    {
        using var registry = RegistryOption.Open(
            terminal,
            settings.Registry!,
            settings.Action switch
            {
                "add" => RegistryAccess.WriteOrCreate,
                "remove" => RegistryAccess.Write,
                _ => RegistryAccess.Read,
            });
        if (registry is null)
        {
            return ExitCodes.InvalidInput;
        }
        var number = settings.Number is null ? null : RegistryOption.Number(settings.Number);
        switch (settings.Action)
        {
            case "add":
                terminal.Note(Messages.OptedOut(number!, registry.AddOptOut(number!)));
                break;
            case "remove":
                terminal.Note(Messages.OptedBackIn(number!, registry.RemoveOptOut(number!)));
                break;
            default:
                foreach (var optedOut in registry.OptOuts())
                {
                    terminal.WriteText(optedOut);
                }
                break;
        }
        return ExitCodes.Done;
    }
}

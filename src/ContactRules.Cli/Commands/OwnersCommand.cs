using System.ComponentModel;
using System.Text.Encodings.Web;
using System.Text.Json;
using ContactRules.Registry;
using ContactRules.Text;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ContactRules.Cli.Commands;

internal sealed class OwnersSettings : CommonOptions
{
    [CommandArgument(0, "[NUMBER]")]
    [Description(CliMessages.OwnersNumberDescription)]
    public string? Number { get; init; }

    [CommandOption(SharedOptions.Registry, isRequired: true)]
    [Description(CliMessages.RegistryReadDescription)]
    public string? Registry { get; init; }

    [CommandOption(SharedOptions.Format)]
    [Description(CliMessages.OwnersFormatDescription)]
    [DefaultValue(SharedOptions.Text)]
    [Formats(SharedOptions.Text, SharedOptions.Json)]
    public string Format { get; init; } = SharedOptions.Text;

    public override ValidationResult Validate() =>
        Registry is null ? ValidationResult.Error(Messages.RegistryRequired)
        : RegistryOption.ValidateNumber(Number);
}

/// <summary><c>contactrules owners --registry R [NUMBER]</c>: per number, its two-way owner and the claimants in line.</summary>
internal sealed class OwnersCommand(Terminal terminal) : Command<OwnersSettings>
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public override int Execute(CommandContext context, OwnersSettings settings, CancellationToken cancellationToken)
    {
        using var registry = RegistryOption.Open(terminal, settings.Registry!, RegistryAccess.Read);
        if (registry is null)
        {
            return ExitCodes.InvalidInput;
        }
        var number = settings.Number is null ? null : RegistryOption.Number(settings.Number);
        var owners = registry.Owners(number);
        if (number is not null && owners.Count == 0)
        {
            owners = [new NumberOwnership(number, "", [])];
        }
        foreach (var ownership in owners)
        {
            if (settings.Format == SharedOptions.Json)
            {
                terminal.WriteData(ToJsonLine(ownership));
            }
            else
            {
                terminal.WriteText(ToText(ownership));
            }
        }
        return ExitCodes.Done;
    }

    private static string ToText(NumberOwnership ownership) => ownership.Claimants.Count switch
    {
        0 => Messages.NobodyOwns(ownership.Number),
        1 => Messages.Owner(ownership.Number, ownership.Owner),
        _ => Messages.OwnerAndLine(ownership.Number, ownership.Owner, ownership.Claimants),
    };

    internal static string ToJsonLine(NumberOwnership ownership)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, JsonOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("number", ownership.Number);
            if (ownership.Claimants.Count == 0)
            {
                writer.WriteNull("owner");
            }
            else
            {
                writer.WriteString("owner", ownership.Owner);
            }
            writer.WriteStartArray("claimants");
            foreach (var claimant in ownership.Claimants)
            {
                writer.WriteStringValue(claimant);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}

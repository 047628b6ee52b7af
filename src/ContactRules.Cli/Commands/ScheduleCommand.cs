using System.ComponentModel;
using System.Text.Encodings.Web;
using System.Text.Json;
using ContactRules.Contacts;
using ContactRules.Evaluation;
using ContactRules.Scheduling;
using ContactRules.Text;
using NodaTime;
using NodaTime.Text;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ContactRules.Cli.Commands;

internal sealed class ScheduleSettings : CaseOptions
{
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    [CommandOption("-d|--date <YYYY-MM-DD>")]
    [Description(CliMessages.ScheduleDateDescription)]
    public string? Date { get; init; }

    [CommandOption("-t|--time <HH:MM>", isRequired: true)]
    [Description(CliMessages.ScheduleTimeDescription)]
    public string? Time { get; init; }

    [CommandOption(SharedOptions.Format)]
    [Description(CliMessages.VerdictFormatDescription)]
    [DefaultValue(SharedOptions.Text)]
    [Formats(SharedOptions.Text, SharedOptions.Json)]
    public string Format { get; init; } = SharedOptions.Text;

    public LocalDate? LocalDate => Date is null ? null : DatePattern.Parse(Date).GetValueOrThrow();

    public LocalTime LocalTime => TimePattern.Parse(Time!).GetValueOrThrow();

    public override ValidationResult Validate() =>
        Time is null ? ValidationResult.Error(Messages.TimeRequired)
        : !TimePattern.Parse(Time).Success ? ValidationResult.Error(Messages.TimeExpected(Time))
        : Date is not null && !DatePattern.Parse(Date).Success ? ValidationResult.Error(Messages.DateExpected(Date))
        : ValidationResult.Success();
}

/// <summary><c>contactrules schedule CASES --date D --time T</c>: when a message for local time T goes out to each contact.</summary>
internal sealed class ScheduleCommand(Terminal terminal) : Command<ScheduleSettings>
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly LocalDateTimePattern LocalPattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");
    private static readonly OffsetDateTimePattern SentPattern = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<m>");

    public override int Execute(CommandContext context, ScheduleSettings settings, CancellationToken cancellationToken)
    {
        var rules = settings.LoadRules(terminal);
        if (rules is null)
        {
            return ExitCodes.InvalidInput;
        }
        // The tool is where the real clock comes in; everything below it takes the clock it is given.
        var sendTimes = new SendTimes(SystemClock.Instance);
        var summary = default(CaseReadSummary);
        var outOfRange = 0;
        foreach (var item in settings.OpenCases(settings.Cases, settings.ReadOptions(rules), terminal)())
        {
            summary = summary.Add(item);
            if (item is not { Kind: CaseReadKind.Accepted, Record: { } record })
            {
                terminal.Problem(item.Diagnostic!.ToString());
                continue;
            }
            var (zone, source) = sendTimes.ZoneOf(rules.Evaluate(record, trace: false));
            var send = settings.LocalDate is { } date
                ? SendTimes.TryAt(zone, date, settings.LocalTime, source)
                : sendTimes.Next(zone, settings.LocalTime, source);
            if (send is null)
            {
                outOfRange++;
                terminal.Problem(Messages.SendTimeOutOfRange(record.Id, LocalPattern.Format(settings.LocalDate!.Value + settings.LocalTime), zone.Id));
                continue;
            }
            if (settings.Format == SharedOptions.Json)
            {
                terminal.WriteData(ToJsonLine(record.Id, send));
            }
            else
            {
                terminal.WriteText(ToText(record.Id, send));
            }
        }
        terminal.Note(Messages.Scheduled(summary.Read, summary.Accepted, summary.Rejected));
        return summary.Rejected > 0 || summary.Problems > 0 || outOfRange > 0 ? ExitCodes.InvalidInput : ExitCodes.Done;
    }

    private static string SourceName(ZoneSource source) => source switch
    {
        ZoneSource.Case => "case",
        ZoneSource.Project => "project",
        _ => "default",
    };

    private static string ResolutionName(SendTimeResolution resolution) => resolution switch
    {
        SendTimeResolution.SkippedForward => "skipped",
        SendTimeResolution.AmbiguousFirst => "repeated",
        _ => "exact",
    };

    private static string Note(SendTime send) => send.Resolution switch
    {
        SendTimeResolution.SkippedForward => $"  ({Messages.SendSkipped(LocalPattern.Format(send.Requested), (long)send.Shift.TotalMinutes, LocalPattern.Format(send.At.LocalDateTime))})",
        SendTimeResolution.AmbiguousFirst => $"  ({Messages.SendRepeated(LocalPattern.Format(send.Requested), OffsetPattern.GeneralInvariant.Format(send.At.Offset))})",
        _ => "",
    };

    private static string ToText(string caseId, SendTime send) =>
        $"{caseId}  {InstantPattern.General.Format(send.Utc)}  {LocalPattern.Format(send.Requested)} {send.ZoneId} ({SourceName(send.Source)}){Note(send)}";

    private static string ToJsonLine(string caseId, SendTime send)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, JsonOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("case_id", caseId);
            writer.WriteString("utc", InstantPattern.General.Format(send.Utc));
            writer.WriteString("local", LocalPattern.Format(send.Requested));
            writer.WriteString("sent_local", SentPattern.Format(send.At.ToOffsetDateTime()));
            writer.WriteStartObject("time_zone");
            writer.WriteString("id", send.ZoneId);
            writer.WriteString("source", SourceName(send.Source));
            writer.WriteEndObject();
            writer.WriteString("resolution", ResolutionName(send.Resolution));
            writer.WriteNumber("shift_minutes", (long)send.Shift.TotalMinutes);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}

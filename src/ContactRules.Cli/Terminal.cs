using ContactRules.Evaluation;
using ContactRules.Expressions;
using ContactRules.Expressions.Ast;
using Spectre.Console;

namespace ContactRules.Cli;

/// <summary>
/// Where a command writes: standard output and error as Spectre.Console sees them (colour only on a
/// terminal, plain when piped or redirected, never with NO_COLOR or <c>--no-color</c>), and standard input.
/// Commands receive one, so tests can hand them a recording console and run them in process.
/// Everything written for people goes out with its control characters escaped: a case id or a message
/// from a case file never moves the cursor, clears the screen or sets a window title.
/// </summary>
internal sealed class Terminal(
    IAnsiConsole output,
    IAnsiConsole error,
    TextReader input,
    bool interactive = false,
    Func<Stream>? openStandardOutput = null,
    (IAnsiConsole Out, IAnsiConsole Error)? help = null)
{
    private readonly Func<Stream> _openStandardOutput = openStandardOutput ?? (() => new WriterStream(output.Profile.Out.Writer));

    public IAnsiConsole Out { get; } = output;

    public IAnsiConsole Error { get; } = error;

    /// <summary>Where help goes when asked for: standard output, wrapped to the terminal's width (80 columns for a pipe).</summary>
    public IAnsiConsole HelpOut { get; } = help?.Out ?? output;

    /// <summary>Where help goes after a usage error: standard error.</summary>
    public IAnsiConsole HelpError { get; } = help?.Error ?? error;

    /// <summary>Standard input, for commands that read text from it (eval's batch mode).</summary>
    public TextReader In { get; } = input;

    /// <summary>With <c>--quiet</c>: only the output asked for and the errors, no notes.</summary>
    public bool Quiet { get; set; }

    /// <summary>Whether a progress bar may be drawn: only on an interactive terminal, never for a pipe, a file or a test.</summary>
    public bool ShowsProgress => interactive && !Quiet && Error.Profile.Capabilities.Interactive;

    /// <summary>The process's own standard streams.</summary>
    public static Terminal ForProcess() => new(
        Create(Console.Out, Console.IsOutputRedirected),
        Create(Console.Error, Console.IsErrorRedirected),
        Console.In,
        interactive: !Console.IsErrorRedirected,
        openStandardOutput: Console.OpenStandardOutput,
        help: (Create(Console.Out, redirected: false), Create(Console.Error, redirected: false)));

    /// <summary>Standard output as bytes, for exports written in bulk (<c>generate</c>).</summary>
    public Stream OpenStandardOutput() => _openStandardOutput();

    private static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        var plain = redirected || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = plain ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (redirected)
        {
            // A pipe or a file has no width: never wrap a diagnostic or a JSON line.
            console.Profile.Width = int.MaxValue;
        }
        return console;
    }

    /// <summary><c>--no-color</c>: plain text on both streams, as NO_COLOR gives.</summary>
    public void NoColor()
    {
        foreach (var console in new[] { Out, Error })
        {
            console.Profile.Capabilities.ColorSystem = ColorSystem.NoColors;
            console.Profile.Capabilities.Ansi = false;
        }
    }

    /// <summary>Text for people on standard output, line by line, escaped.</summary>
    public void WriteText(string text)
    {
        FlushData();
        foreach (var line in Lines(text))
        {
            Out.WriteLine(TerminalText.Escape(line));
        }
    }

    /// <summary>
    /// A line for programs (JSON) on standard output, as is: JSON escapes control characters itself, and
    /// Spectre must not wrap or reinterpret it.
    /// </summary>
    public void WriteData(string line)
    {
        FlushData();
        Out.Profile.Out.Writer.WriteLine(line);
    }

    // The open block's flush (the block itself belongs to its caller).
    private Action? _flushData;

    /// <summary>
    /// Lines for programs as <see cref="WriteData"/> writes them, gathered and written in blocks: standard
    /// output is flushed on every write, and a large check writes hundreds of thousands of lines. What is
    /// gathered goes out before anything else this terminal writes (so standard output and error keep their
    /// order) and when the block is disposed.
    /// </summary>
    public DataLines BeginData()
    {
        var lines = new DataLines(Out.Profile.Out.Writer, () => _flushData = null);
        _flushData = lines.Flush;
        return lines;
    }

    private void FlushData() => _flushData?.Invoke();

    /// <summary>A note on standard error (counts, files written), left out with <c>--quiet</c>.</summary>
    public void Note(string text)
    {
        FlushData();
        if (!Quiet)
        {
            Error.MarkupLineInterpolated($"[grey]{TerminalText.Escape(text)}[/]");
        }
    }

    /// <summary>An error that stops the command: <c>error: message</c> on standard error.</summary>
    public void Fail(string message)
    {
        FlushData();
        Error.MarkupLineInterpolated($"[red]error:[/] {TerminalText.Escape(message)}");
    }

    /// <summary>A problem with one record or file (a diagnostic line), in red on standard error.</summary>
    public void Problem(string line)
    {
        FlushData();
        Error.MarkupLineInterpolated($"[red]{TerminalText.Escape(line)}[/]");
    }

    /// <summary>Verdict text: open channels in green, closed ones in red, warnings in yellow, as each line's kind says.</summary>
    public void WriteVerdict(IEnumerable<VerdictLine> lines)
    {
        FlushData();
        foreach (var line in lines)
        {
            var text = TerminalText.Escape(line.Text);
            var colour = line.Kind switch
            {
                VerdictLineKind.Open => "green",
                VerdictLineKind.Closed => "red",
                VerdictLineKind.Warning => "yellow",
                _ => null,
            };
            if (colour is null)
            {
                Out.WriteLine(text);
            }
            else
            {
                Out.MarkupLineInterpolated($"[{colour}]{text}[/]");
            }
        }
        Out.WriteLine();
    }

    /// <summary>Diagnostics of input files, in file order, as <c>path:line:column: error CODE: message</c>.</summary>
    public void WriteDiagnostics(Diagnostics.DiagnosticBag diagnostics)
    {
        FlushData();
        foreach (var diagnostic in diagnostics.Sorted())
        {
            var colour = diagnostic.IsError ? "red" : "yellow";
            Error.MarkupLineInterpolated($"[{colour}]{TerminalText.Escape(diagnostic.ToString())}[/]");
        }
    }

    /// <summary>A diagnostic of an expression, with the source line and a caret under the column.</summary>
    public void WriteDiagnostic(string source, ExpressionDiagnostic diagnostic)
    {
        FlushData();
        Error.MarkupLineInterpolated($"[red]{TerminalText.Escape(diagnostic.Format(source))}[/]");
        var at = SourcePosition.At(source, diagnostic.Span.Start);
        var line = source.Split('\n')[at.Line - 1];
        Error.WriteLine("  " + TerminalText.Escape(line));
        Error.WriteLine("  " + new string(' ', at.Column - 1) + new string('^', Math.Max(1, Math.Min(diagnostic.Span.Length, line.Length - at.Column + 1))));
    }

    private static string[] Lines(string text) => text.TrimEnd('\n').Split('\n');
}

/// <summary>Lines gathered for one write of a block (<see cref="Terminal.BeginData"/>).</summary>
internal sealed class DataLines(TextWriter writer, Action ended) : IDisposable
{
    private const int BlockChars = 32 * 1024;

    private readonly System.Text.StringBuilder _lines = new();

    public void WriteLine(string line)
    {
        _lines.Append(line).Append(writer.NewLine);
        if (_lines.Length >= BlockChars)
        {
            Flush();
        }
    }

    /// <summary>Writes out the lines gathered.</summary>
    public void Flush()
    {
        if (_lines.Length > 0)
        {
            writer.Write(_lines);
            _lines.Clear();
        }
    }

    public void Dispose()
    {
        Flush();
        ended();
    }
}

/// <summary>Bytes (UTF-8) written to a text writer: standard output as a stream where it is a console's writer.</summary>
internal sealed class WriterStream(TextWriter writer) : Stream
{
    private readonly System.Text.Decoder _decoder = new System.Text.UTF8Encoding(false).GetDecoder();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var chars = new char[_decoder.GetCharCount(buffer, flush: false)];
        var written = _decoder.GetChars(buffer, chars, flush: false);
        writer.Write(chars, 0, written);
    }

    public override void Flush() => writer.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}

/// <summary>Text from files and cases made safe to print on a terminal.</summary>
internal static class TerminalText
{
    /// <summary>
    /// The text with every control character (ESC, CSI, NUL, <c>\r</c>, <c>\n</c>...) and every bidirectional
    /// override written as an escape (<c>\e</c> as <c>\u001b</c>), as property values are in messages.
    /// </summary>
    public static string Escape(string text)
    {
        var at = 0;
        while (at < text.Length && !NeedsEscape(text[at]))
        {
            at++;
        }
        if (at == text.Length)
        {
            return text;
        }
        var escaped = new System.Text.StringBuilder(text.Length + 8).Append(text, 0, at);
        for (; at < text.Length; at++)
        {
            var c = text[at];
            _ = c switch
            {
                '\n' => escaped.Append("\\n"),
                '\r' => escaped.Append("\\r"),
                '\t' => escaped.Append("\\t"),
                '\0' => escaped.Append("\\0"),
                _ when NeedsEscape(c) => escaped.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)),
                _ => escaped.Append(c),
            };
        }
        return escaped.ToString();
    }

    // C0, DEL and C1 controls, and the bidirectional embeddings, overrides and isolates ("Trojan Source").
    private static bool NeedsEscape(char c) => char.IsControl(c) || c is >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069';
}

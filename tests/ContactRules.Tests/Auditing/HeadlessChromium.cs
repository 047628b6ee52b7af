using System.Diagnostics;
using Xunit;

namespace ContactRules.Tests.Auditing;

/// <summary>
/// Debian's chromium, driven by its own headless flags: loads a page, runs its scripts, and gives back the
/// DOM after the load event and what the browser logged (console messages included).
/// </summary>
internal static class HeadlessChromium
{
    /// <summary>$CHROMIUM, or /usr/bin/chromium; null when neither is there.</summary>
    public static string? Executable { get; } = new[] { Environment.GetEnvironmentVariable("CHROMIUM"), "/usr/bin/chromium" }
        .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));

    public sealed record Page(string Dom, string Log);

    public static Page Load(string htmlPath)
    {
        var profile = Directory.CreateTempSubdirectory("contactrules-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(Executable ?? throw new InvalidOperationException("chromium not found"))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--enable-logging=stderr", "--v=0", "--user-data-dir=" + profile, "--virtual-time-budget=5000",
                "--dump-dom", new Uri(htmlPath).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start)!;
            var dom = process.StandardOutput.ReadToEndAsync();
            var log = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("chromium did not finish loading " + htmlPath);
            }
            return new Page(dom.Result, log.Result);
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // chromium may still hold a lock file for a moment; the temp directory is cleaned by the system.
            }
        }
    }
}

/// <summary>
/// A fact that needs chromium: skipped, saying why, when it is not installed, unless
/// CONTACTRULES_REQUIRE_BROWSER is set (as .ci/run sets it), where a missing browser fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (HeadlessChromium.Executable is null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CONTACTRULES_REQUIRE_BROWSER")))
        {
            Skip = "chromium was not found (scripts/install-chromium.sh installs it; .ci/run does).";
        }
    }
}

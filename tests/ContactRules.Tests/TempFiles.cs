namespace ContactRules.Tests;

/// <summary>A temporary directory for one test's files, removed afterwards.</summary>
internal sealed class TempFiles : IDisposable
{
    private readonly DirectoryInfo _directory = System.IO.Directory.CreateTempSubdirectory("contactrules-hostile-");

    public string Directory => _directory.FullName;

    public string Write(string name, string text)
    {
        var path = Path.Combine(_directory.FullName, name);
        // A lone surrogate is written as U+FFFD rather than refused: fuzzed text holds them.
        File.WriteAllText(path, text, new System.Text.UTF8Encoding(false));
        return path;
    }

    public string PathOf(string name) => Path.Combine(_directory.FullName, name);

    public void Dispose()
    {
        foreach (var file in _directory.EnumerateFiles("*", SearchOption.AllDirectories))
        {
            file.Attributes = FileAttributes.Normal;
        }
        _directory.Delete(recursive: true);
    }
}

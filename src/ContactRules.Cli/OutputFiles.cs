using System.Runtime.InteropServices;

namespace ContactRules.Cli;

/// <summary>
/// The files a command writes. Each is written to a temporary file beside it and renamed into place only
/// when the whole run has succeeded, so a run that fails or is stopped leaves every earlier file as it was,
/// never half-written or emptied. An output that is one of the run's inputs, or another output, is refused
/// before anything is read.
/// </summary>
internal sealed class OutputFiles : IDisposable
{
    private readonly List<(string Temporary, string Final, Stream Stream)> _pending = [];

    /// <summary>
    /// Null when every output is a file of its own; otherwise the message refusing the first that is an
    /// input or another output (the same resolved path, or the same file under another name).
    /// </summary>
    public static string? Refusal(IReadOnlyList<(string Option, string? Path)> outputs, IEnumerable<string?> inputs)
    {
        var inputPaths = inputs.OfType<string>().Where(p => p.Length > 0 && p != Contacts.CaseSource.StandardInputName).ToList();
        for (var i = 0; i < outputs.Count; i++)
        {
            var (option, path) = outputs[i];
            if (path is null)
            {
                continue;
            }
            if (inputPaths.Any(input => FileIdentity.Same(input, path)))
            {
                return CliMessages.OutputIsInput(option, path);
            }
            for (var j = 0; j < i; j++)
            {
                if (outputs[j].Path is { } earlier && FileIdentity.Same(earlier, path))
                {
                    return CliMessages.OutputsCollide(option, outputs[j].Option, path);
                }
            }
        }
        return null;
    }

    /// <summary>A stream for <paramref name="path"/>, on a temporary file in the same directory (so the rename stays on one file system).</summary>
    public Stream Create(string path)
    {
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        _pending.Add((temporary, full, stream));
        return stream;
    }

    /// <summary>Closes every stream (writers over them must be flushed) and moves each finished file into place.</summary>
    public void Commit()
    {
        foreach (var (temporary, final, stream) in _pending)
        {
            // A writer that does not own its stream leaves it open: closed here, or the file stays locked.
            stream.Dispose();
            File.Move(temporary, final, overwrite: true);
        }
        _pending.Clear();
    }

    /// <summary>Deletes what was not committed.</summary>
    public void Dispose()
    {
        foreach (var (temporary, _, stream) in _pending)
        {
            try
            {
                stream.Dispose();
                File.Delete(temporary);
            }
            catch (IOException)
            {
                // Best effort: a temporary file left behind never replaces an output.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        _pending.Clear();
    }
}

/// <summary>Whether two paths name the same file: by resolved path, and on Linux by device and inode (hard links, bind mounts).</summary>
internal static partial class FileIdentity
{
    public static bool Same(string a, string b)
    {
        // A path the system cannot name (a NUL in it) is no file, so it is the same as nothing; reading it
        // then reports it as unreadable.
        if (a.Contains('\0', StringComparison.Ordinal) || b.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }
        var (fullA, fullB) = (Resolve(a), Resolve(b));
        if (string.Equals(fullA, fullB, OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        return Inode(fullA) is { } ia && Inode(fullB) is { } ib && ia == ib;
    }

    /// <summary>The full path, with a symbolic link (of the file itself) followed to its final target.</summary>
    private static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        try
        {
            return File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
        }
        catch (IOException)
        {
            return full;
        }
        catch (UnauthorizedAccessException)
        {
            return full;
        }
    }

    private static (ulong Device, ulong Inode)? Inode(string path)
    {
        if (!OperatingSystem.IsLinux() || (RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64)))
        {
            return null;
        }
        // struct stat on 64-bit Linux starts with st_dev and st_ino, 8 bytes each, on x86-64 and arm64 alike.
        var buffer = new byte[256];
        try
        {
            return Stat(path, buffer) == 0 ? (BitConverter.ToUInt64(buffer, 0), BitConverter.ToUInt64(buffer, 8)) : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, [Out] byte[] buffer);
}

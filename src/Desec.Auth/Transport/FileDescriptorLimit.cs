using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Desec.Auth.Transport;

/// <summary>
/// The process's limit on open file descriptors (RLIMIT_NOFILE). Every TCP connection holds one, so
/// the server raises its soft limit to the hard one at start, as DNS servers do; the .NET runtime on
/// Linux does the same when it starts, so this mostly confirms it, independent of how it was hosted.
/// </summary>
public static partial class FileDescriptorLimit
{
    // Linux: RLIMIT_NOFILE is 7 and rlim_t is 64 bits on every 64-bit architecture .NET runs on.
    private const int RlimitNofile = 7;

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Soft;
        public ulong Hard;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getrlimit(int resource, out RLimit limit);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setrlimit(int resource, in RLimit limit);

    /// <summary>The soft and hard limits now; null where they cannot be read (not Linux).</summary>
    public static (long Soft, long Hard)? Current()
    {
        if (!OperatingSystem.IsLinux() || getrlimit(RlimitNofile, out var limit) != 0) { return null; }
        return (Clamp(limit.Soft), Clamp(limit.Hard));
    }

    /// <summary>Raises the soft limit to the hard one; returns the limits in effect afterwards (null: unknown).</summary>
    public static (long Soft, long Hard)? RaiseToHard()
    {
        if (!OperatingSystem.IsLinux() || getrlimit(RlimitNofile, out var limit) != 0) { return null; }
        if (limit.Soft < limit.Hard)
        {
            var raised = limit with { Soft = limit.Hard };
            // A hard limit of "unlimited" is refused by the kernel above fs.nr_open; the soft one stays then.
            if (setrlimit(RlimitNofile, in raised) == 0) { limit = raised; }
        }
        return (Clamp(limit.Soft), Clamp(limit.Hard));
    }

    /// <summary>Raises the soft limit to the hard one and logs it; returns the soft limit in effect (null: unknown).</summary>
    public static long? RaiseToHard(ILogger logger)
    {
        if (RaiseToHard() is not { } limit) { return null; }
        logger.LogInformation("file descriptor limit {Soft} (hard {Hard})", limit.Soft, limit.Hard);
        return limit.Soft;
    }

    /// <summary>File descriptors the process has open now; null where that cannot be read (not Linux).</summary>
    public static int? OpenCount()
    {
        if (!OperatingSystem.IsLinux()) { return null; }
        try { return Directory.EnumerateFileSystemEntries("/proc/self/fd").Count(); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    private static long Clamp(ulong value) => value > long.MaxValue ? long.MaxValue : (long)value;
}

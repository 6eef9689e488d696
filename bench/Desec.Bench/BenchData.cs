using System.Globalization;

namespace Desec.Bench;

/// <summary>Where the benchmarks find their generated zones; generated on first use and kept.</summary>
public static class BenchData
{
    public const string Origin = "bench.test.";

    /// <summary>Bumped whenever <see cref="ZoneGenerator"/> changes what it writes, so stale files are not reused.</summary>
    private const int GeneratorVersion = 1;

    /// <summary><c>DESEC_BENCH_DATA</c> if set, otherwise a folder in the system's temporary directory.</summary>
    public static string Directory =>
        Environment.GetEnvironmentVariable("DESEC_BENCH_DATA") is { Length: > 0 } dir
            ? dir
            : Path.Combine(Path.GetTempPath(), "desec-bench");

    public static string ZonePath(int records) =>
        Path.Combine(Directory, string.Create(CultureInfo.InvariantCulture, $"{Origin}v{GeneratorVersion}.{records}.zone"));

    /// <summary>The path of a generated zone with <paramref name="records"/> records, writing it if missing.</summary>
    public static string EnsureZone(int records)
    {
        string path = ZonePath(records);
        if (!File.Exists(path))
        {
            Console.WriteLine($"// generating {records} records into {path}");
            ZoneGenerator.WriteFile(path, records, Origin);
        }
        return path;
    }
}

using System.Diagnostics;
using Desec.Zone.Names;
using Desec.Zone.Text;
using Desec.Zone.Zones;
using Microsoft.Extensions.Logging;
using ZoneData = Desec.Zone.Zones.Zone;

namespace Desec.Auth.Sources;

/// <summary>
/// Zones from a folder: every <c>NAME.zone</c> file is the zone NAME (or its <c>$ORIGIN</c>).
/// <see cref="Reload"/> reads only files that changed; a file that fails to load leaves the
/// version already served in place. Each file is read on its own: whatever goes wrong with one
/// (a refusal with file:line, or an error nobody foresaw) touches no other.
/// </summary>
public sealed class ZoneFileSource(string directory, ILogger logger) : IZoneSource
{
    private sealed record Loaded(DateTime Modified, long Size, ZoneData Zone);

    private readonly Dictionary<string, Loaded> _files = new(StringComparer.Ordinal);

    public string Directory { get; } = directory;

    public string Name => $"zone folder {Directory}";

    /// <summary>What the last <see cref="Reload"/> returned.</summary>
    public IReadOnlyList<ZoneData> Zones { get; private set; } = [];

    /// <summary>
    /// Reads new and changed files and forgets removed ones; <see cref="Zones"/> is then every zone
    /// to serve: the new versions, and the old versions of files that failed. Returns the files that
    /// could not be read for a reason other than their content (to be tried again).
    /// </summary>
    public IReadOnlyList<SourceFailure> Reload()
    {
        var failures = new List<SourceFailure>();
        List<string> present;
        try
        {
            present = System.IO.Directory.Exists(Directory)
                ? System.IO.Directory.GetFiles(Directory, "*.zone").Order(StringComparer.Ordinal).ToList()
                : [];
            if (!System.IO.Directory.Exists(Directory)) { logger.LogError("zone folder {Directory} does not exist", Directory); }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The folder cannot be listed now: every zone stays as it is.
            logger.LogError("zone folder {Directory}: {Error}; the zones served stay as they are", Directory, e.Message);
            return [new SourceFailure(null, Directory, e.Message)];
        }
        foreach (var removed in _files.Keys.Except(present).ToList())
        {
            logger.LogInformation("{File}: removed, zone {Zone} no longer served", removed, _files[removed].Zone.Origin);
            _files.Remove(removed);
        }
        foreach (var path in present)
        {
            try
            {
                var info = new FileInfo(path);
                if (_files.TryGetValue(path, out var loaded) && loaded.Modified == info.LastWriteTimeUtc && loaded.Size == info.Length)
                {
                    continue;
                }
                // The loader reports a file it cannot open as an error of the zone, which no retry mends;
                // opening it first makes that a failure of its own (a file being replaced, a disk error).
                using (File.OpenRead(path)) { }
                var zone = Load(path);
                if (zone is not null) { _files[path] = new Loaded(info.LastWriteTimeUtc, info.Length, zone); }
            }
            catch (Exception e)
            {
                logger.LogError("{File}: {Error}; the previous version, if any, stays", path, e.Message);
                failures.Add(new SourceFailure(OriginOf(path), path, e.Message));
            }
        }
        var zones = new List<ZoneData>();
        var origins = new HashSet<DnsName>();
        foreach (var (path, loaded) in _files.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!origins.Add(loaded.Zone.Origin))
            {
                logger.LogError("{File}: zone {Zone} is already loaded from another file; ignored", path, loaded.Zone.Origin);
                continue;
            }
            zones.Add(loaded.Zone);
        }
        Zones = zones;
        return failures;
    }

    /// <summary>The zone a file is named after (NAME.zone), when that is a name.</summary>
    private static DnsName? OriginOf(string path) =>
        DnsName.TryParseAbsolute(Path.GetFileNameWithoutExtension(path).TrimEnd('.') + ".", out var name, out _) ? name : null;

    private ZoneData? Load(string path)
    {
        var watch = Stopwatch.StartNew();
        ZoneFileLoad loaded = ZoneFile.Load(path);
        foreach (var warning in loaded.Warnings) { logger.LogWarning("{Warning}", warning); }
        if (loaded.Zone is null)
        {
            foreach (var error in loaded.Errors) { logger.LogError("{Error}", error); }
            logger.LogError("{File}: zone {Zone} not loaded ({Count} errors); the previous version, if any, stays", path, loaded.Origin, loaded.Errors.Count);
            return null;
        }
        var zone = loaded.Zone;
        logger.LogInformation("zone {Zone} loaded: serial {Serial}, {Records} records, {Milliseconds} ms",
            zone.Origin, zone.Serial, zone.RecordCount, watch.ElapsedMilliseconds);
        return zone;
    }
}

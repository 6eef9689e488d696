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
/// version already served in place.
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
    /// Reads new and changed files and forgets removed ones. Returns every zone to serve now:
    /// the new versions, and the old versions of files that failed.
    /// </summary>
    public IReadOnlyList<ZoneData> Reload()
    {
        var present = System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.GetFiles(Directory, "*.zone").Order(StringComparer.Ordinal).ToList()
            : [];
        if (!System.IO.Directory.Exists(Directory)) { logger.LogError("zone folder {Directory} does not exist", Directory); }
        foreach (var removed in _files.Keys.Except(present).ToList())
        {
            logger.LogInformation("{File}: removed, zone {Zone} no longer served", removed, _files[removed].Zone.Origin);
            _files.Remove(removed);
        }
        foreach (var path in present)
        {
            DateTime modified;
            long size;
            try
            {
                var info = new FileInfo(path);
                (modified, size) = (info.LastWriteTimeUtc, info.Length);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Removed or replaced while the folder was read: the next reload sees how it ends up.
                logger.LogWarning("{File}: {Error}; skipped in this reload", path, e.Message);
                continue;
            }
            if (_files.TryGetValue(path, out var loaded) && loaded.Modified == modified && loaded.Size == size)
            {
                continue;
            }
            var zone = Load(path);
            if (zone is not null) { _files[path] = new Loaded(modified, size, zone); }
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
        return zones;
    }

    private ZoneData? Load(string path)
    {
        var watch = Stopwatch.StartNew();
        ZoneFileLoad loaded;
        try
        {
            loaded = ZoneFile.Load(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogError("{File}: {Error}; the previous version, if any, stays", path, e.Message);
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A fault of the reader on this file's text (the parser should have said file:line:column):
            // it stops this zone only, never the other files or the server.
            logger.LogError(e, "{File}: could not be read ({Type}: {Error}); the previous version, if any, stays", path, e.GetType().Name, e.Message);
            return null;
        }
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

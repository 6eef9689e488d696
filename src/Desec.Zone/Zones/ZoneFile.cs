using Desec.Zone.Names;
using Desec.Zone.Text;

namespace Desec.Zone.Zones;

/// <summary>What loading a zone file produced: the zone, or every error; warnings either way.</summary>
public sealed class ZoneFileLoad
{
    public required DnsName Origin { get; init; }
    public Zone? Zone { get; init; }
    public List<string> Errors { get; } = [];
    public List<string> Warnings { get; } = [];
}

/// <summary>Parses and validates a zone file in one step: what the server, <c>check</c> and <c>sign</c> do with a file.</summary>
public static class ZoneFile
{
    public static ZoneFileLoad Load(string path, DnsName? origin = null)
    {
        var parsed = ZoneFileParser.ParseFile(path, origin);
        if (!parsed.Success)
        {
            var failed = new ZoneFileLoad { Origin = parsed.Origin };
            failed.Warnings.AddRange(parsed.Warnings);
            failed.Errors.AddRange(parsed.Errors.Select(e => e.Message));
            return failed;
        }
        var built = ZoneBuilder.Build(parsed.Origin, parsed.Records);
        var result = new ZoneFileLoad { Origin = parsed.Origin, Zone = built.Success ? built.Zone : null };
        result.Warnings.AddRange(parsed.Warnings);
        result.Warnings.AddRange(built.Warnings.Select(w => w.ToString()));
        result.Errors.AddRange(built.Errors.Select(e => e.ToString()));
        return result;
    }
}

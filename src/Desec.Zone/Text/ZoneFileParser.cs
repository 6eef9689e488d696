using Desec.Zone.Names;
using Desec.Zone.Records;

namespace Desec.Zone.Text;

/// <summary>What parsing a zone file produced: records in file order, every error found, warnings.</summary>
public sealed class ZoneFileResult
{
    public required DnsName Origin { get; init; }
    public List<ResourceRecord> Records { get; } = [];
    public List<ZoneTextException> Errors { get; } = [];
    public List<string> Warnings { get; } = [];
    public bool Success => Errors.Count == 0;
}

/// <summary>RFC 1035 §5 master files with BIND's extensions. (Stub: the parser issue fills it.)</summary>
public static class ZoneFileParser
{
    /// <summary>Parses a file; the origin defaults to the file name without <c>.zone</c>.</summary>
    public static ZoneFileResult ParseFile(string path, DnsName? origin = null) => throw new NotImplementedException();

    /// <summary>Parses text; <c>$INCLUDE</c> paths are relative to <paramref name="baseDirectory"/>.</summary>
    public static ZoneFileResult ParseText(string text, string sourceName, DnsName origin, string? baseDirectory = null) =>
        throw new NotImplementedException();
}

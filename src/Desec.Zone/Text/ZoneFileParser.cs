using Desec.Zone.Names;
using Desec.Zone.Records;

namespace Desec.Zone.Text;

/// <summary>What parsing a zone file produced: records in file order, every error found, warnings.</summary>
public sealed class ZoneFileResult
{
    public required DnsName Origin { get; init; }
    public List<ResourceRecord> Records { get; internal init; } = [];
    public List<ZoneTextException> Errors { get; } = [];
    public List<string> Warnings { get; } = [];
    public bool Success => Errors.Count == 0;
}

/// <summary>
/// RFC 1035 §5 master files with BIND's extensions: <c>$ORIGIN</c>, <c>$TTL</c> (RFC 2308 §4),
/// <c>$INCLUDE</c> and <c>$GENERATE</c>. Parsing never stops at the first error: an entry with an
/// error is skipped and the next one is read, so that <see cref="ZoneFileResult.Errors"/> lists
/// every problem, each with file, line and column.
/// </summary>
/// <remarks>
/// TTL of a record that gives none: the <c>$TTL</c> value if one was set, else the last TTL given
/// explicitly on a record (RFC 1035 §5.1), else — only for an SOA record — its MINIMUM field, with a
/// warning (BIND's behaviour from before RFC 2308), which then serves as <c>$TTL</c> until one is
/// set, as in BIND; any other record without a TTL to inherit is an error.
/// </remarks>
public static class ZoneFileParser
{
    private const string ZoneSuffix = ".zone";

    /// <summary>Parses a file; the origin defaults to the file name without <c>.zone</c>.</summary>
    public static ZoneFileResult ParseFile(string path, DnsName? origin = null)
    {
        if (origin is null)
        {
            string fileName = Path.GetFileName(path);
            if (fileName.EndsWith(ZoneSuffix, StringComparison.OrdinalIgnoreCase)) { fileName = fileName[..^ZoneSuffix.Length]; }
            if (!fileName.EndsWith('.')) { fileName += "."; }
            if (!DnsName.TryParse(fileName, null, out var fromName, out var error))
            {
                var failed = new ZoneFileResult { Origin = DnsName.Root };
                failed.Errors.Add(new ZoneTextException(path, 1, 1,
                    $"the origin cannot be taken from the file name ({error}); give the origin explicitly"));
                return failed;
            }
            origin = fromName;
        }
        (byte[] Utf8, int Start) text;
        try
        {
            text = ZoneFileText.Read(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            var failed = new ZoneFileResult { Origin = origin };
            failed.Errors.Add(new ZoneTextException(path, 1, 1, $"cannot read the zone file: {e.Message}"));
            return failed;
        }
        string directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        return new ZoneFileLoader().Load(text.Utf8, text.Start, path, origin, directory, Path.GetFullPath(path));
    }

    /// <summary>
    /// Parses text; <c>$INCLUDE</c> paths are relative to <paramref name="baseDirectory"/> (the
    /// current directory when null). With no <paramref name="origin"/>, relative names are errors
    /// until a <c>$ORIGIN</c> gives one, and the result's origin is the first SOA owner (or the root).
    /// </summary>
    public static ZoneFileResult ParseText(string text, string sourceName, DnsName? origin, string? baseDirectory = null)
    {
        string directory = Path.GetFullPath(string.IsNullOrEmpty(baseDirectory) ? "." : baseDirectory);
        return new ZoneFileLoader().Load(System.Text.Encoding.UTF8.GetBytes(text), 0, sourceName, origin, directory,
            Path.Combine(directory, sourceName));
    }
}

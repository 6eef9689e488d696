using System.Text.RegularExpressions;
using Desec.Zone.Names;
using Desec.Zone.Records;
using Desec.Zone.Zones;

namespace Interop.Tests.ZoneFileParity;

/// <summary>What a file is expected to do here compared with BIND.</summary>
internal enum ParityExpectation
{
    /// <summary>Both load it with the same records, or both refuse it.</summary>
    Same,
    /// <summary>BIND loads it; a rule of ours refuses it (see <see cref="ParityVerdict.OwnRules"/>).</summary>
    WeRefuse,
    /// <summary>We load it and BIND refuses it, for a documented reason.</summary>
    BindRefuses,
}

/// <summary>
/// Compares what BIND and we made of one zone file. Records are compared in canonical form
/// (RFC 4034 §6.2: owner and, for the types listed there, names in RDATA lower-cased; RDATA as
/// uncompressed wire octets), as sets: the order of a file does not matter and both drop duplicates
/// (RFC 2181 §5).
/// </summary>
internal static partial class ParityVerdict
{
    /// <summary>
    /// The rules by which we refuse a file that BIND loads, by the text of our error, each with how
    /// BIND's own result shows the same situation (so that a rule is never used as an excuse for
    /// a file that does not break it).
    /// </summary>
    public static readonly IReadOnlyList<(string Reason, Func<BindOutcome, bool> BindShows)> OwnRules =
    [
        // BIND drops out-of-zone records with a warning and loads the rest.
        ("outside the zone", bind => bind.Messages.Contains("ignoring out-of-zone data", StringComparison.Ordinal)),
        // RFC 6672 §2.4: BIND loads names below a DNAME (and never answers from them).
        ("below the DNAME", bind => HasDataBelowDname(bind.Records)),
        // RFC 1035 §3.4.2: BIND takes WKS service and protocol names from the system's files.
        ("service names depend on the system", bind => bind.Records.Any(r => r.Type == RRType.WKS)),
        ("the protocol as a number from 0 to 255, TCP or UDP", bind => bind.Records.Any(r => r.Type == RRType.WKS)),
    ];

    /// <summary>Null when our result agrees with BIND's as expected, else what differs.</summary>
    public static string? Compare(string path, BindOutcome bind, ZoneFileLoad ours, ParityExpectation expectation)
    {
        if (bind.Loaded && ours.Zone is not null)
        {
            if (expectation == ParityExpectation.WeRefuse) { return "we load a file that a rule of ours is expected to refuse"; }
            return CompareRecords(bind.Records, [.. ours.Zone.Records], ours.Warnings);
        }
        if (bind.Loaded)
        {
            var unexplained = ours.Errors.Where(e => !IsOwnRefusal(path, e, bind)).ToList();
            if (unexplained.Count > 0)
            {
                return "BIND loads this file, and we refuse it:\n  " + string.Join("\n  ", unexplained);
            }
            return expectation == ParityExpectation.Same
                ? "a rule of ours refuses a file that BIND loads, but the file is not marked so:\n  " + string.Join("\n  ", ours.Errors)
                : null;
        }
        if (ours.Zone is not null)
        {
            return expectation == ParityExpectation.BindRefuses || RefusedOnlyByIntegrityCheck(bind)
                ? null
                : "BIND refuses this file, and we load it:\n  " + string.Join("\n  ", BindErrors(bind.Messages));
        }
        return null;
    }

    /// <summary>
    /// BIND read the whole file and then refused the zone by its check-integrity (<c>-i local</c>):
    /// an in-zone NS target without address records. That is a check of content, not of reading,
    /// and we do not make it (nor do secondaries, where BIND checks integrity of primary zones only).
    /// </summary>
    private static bool RefusedOnlyByIntegrityCheck(BindOutcome bind) =>
        bind.Messages.Contains("has no address records", StringComparison.Ordinal)
        && !bind.Messages.Contains("loading from master file", StringComparison.Ordinal);

    private static bool IsOwnRefusal(string path, string error, BindOutcome bind) =>
        NamesFileAndLine(path, error)
        && OwnRules.Any(rule => error.Contains(rule.Reason, StringComparison.Ordinal) && rule.BindShows(bind));

    /// <summary>Every refusal must say where: <c>file:line:</c> (and a column for syntax errors).</summary>
    private static bool NamesFileAndLine(string path, string error) =>
        error.StartsWith(path + ":", StringComparison.Ordinal) && LineNumber().IsMatch(error.AsSpan(path.Length + 1));

    [GeneratedRegex(@"^[1-9][0-9]*:")]
    private static partial Regex LineNumber();

    private static string? CompareRecords(IReadOnlyList<ResourceRecord> bind, IReadOnlyList<ResourceRecord> ours, IReadOnlyList<string> ourWarnings)
    {
        // RFC 2181 §5.2: where one RRset was given differing TTLs, BIND keeps the first and we the
        // lowest (with a warning, as RFC 2181 §5.2 tells a client to read such an RRset); only the
        // TTL of those RRsets may differ.
        var mixedTtl = ours
            .Where(r => ourWarnings.Any(w => w.Contains($"{r.Owner}: TTL ", StringComparison.OrdinalIgnoreCase)
                && w.Contains($"within the {RRType.ToText(r.Type)} RRset", StringComparison.Ordinal)))
            .Select(r => (r.Owner, r.Type))
            .ToHashSet();
        ResourceRecord Key(ResourceRecord r) => mixedTtl.Contains((r.Owner, r.Type)) ? r with { Ttl = 0 } : r;
        var expected = bind.Select(Key).ToHashSet();
        var actual = ours.Select(Key).ToHashSet();
        var missing = expected.Except(actual).Select(r => r.ToString()).Order(StringComparer.Ordinal).ToList();
        var extra = actual.Except(expected).Select(r => r.ToString()).Order(StringComparer.Ordinal).ToList();
        if (missing.Count == 0 && extra.Count == 0) { return null; }
        return $"records differ\n  BIND loaded, we did not:\n    {string.Join("\n    ", missing)}\n" +
            $"  we loaded, BIND did not:\n    {string.Join("\n    ", extra)}";
    }

    private static bool HasDataBelowDname(IReadOnlyList<ResourceRecord> records)
    {
        var dnames = records.Where(r => r.Type == RRType.DNAME).Select(r => r.Owner).ToList();
        return records.Any(r => dnames.Any(d => r.Owner != d && r.Owner.IsSubdomainOf(d)));
    }

    /// <summary>BIND's error lines, without the lines that only say the zone was not loaded.</summary>
    private static IEnumerable<string> BindErrors(string messages) =>
        messages.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith("zone ", StringComparison.Ordinal));
}

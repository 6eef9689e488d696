using Desec.Auth.Transfer;

namespace Desec.Auth.Config;

/// <summary>Transfer settings of one zone (<c>zone-transfer</c> in the config), over the global ones.</summary>
public sealed record ZoneTransferConfig
{
    /// <summary>Who may transfer this zone; when set, it replaces the global <c>allow-transfer</c> list.</summary>
    public List<string>? AllowTransfer { get; init; }

    /// <summary>Secondaries (ADDRESS:PORT) to NOTIFY on every new version; when set, it replaces the global <c>notify</c> list.</summary>
    public List<string>? Notify { get; init; }

    /// <summary>
    /// This zone's secondaries: each gets NOTIFY on every new version (signed with its TSIG key when
    /// it has one) and may transfer the zone. When set, it replaces the global <c>secondaries</c> list.
    /// </summary>
    public List<SecondaryConfig>? Secondaries { get; init; }

    /// <summary>Journal bounds for this zone (Knot's <c>journal-max-usage</c>, <c>journal-max-depth</c>), over the global ones.</summary>
    public string? JournalMaxUsage { get; init; }
    public int? JournalMaxDepth { get; init; }
    public string? JournalMaxAge { get; init; }

    /// <summary>The zone's <c>group</c> property in the catalog zone (RFC 9432 §4.4.2).</summary>
    public string? CatalogGroup { get; init; }

    /// <summary>Parses an <c>allow-transfer</c> list; a bad entry stops start-up with its place and text.</summary>
    public static TransferAcl ParseAcl(IReadOnlyList<string> entries, string where)
    {
        var parsed = new List<TransferAclEntry>(entries.Count);
        foreach (var text in entries)
        {
            var entry = TransferAclEntry.Parse(text ?? "", out var reason)
                ?? throw new ConfigException($"{where}: entry '{text}' {reason}");
            parsed.Add(entry);
        }
        return new TransferAcl(parsed);
    }
}

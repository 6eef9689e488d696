using System.Net;
using Desec.Auth.Transport;
using Desec.Zone.Names;

namespace Desec.Auth.Transfer;

/// <summary>
/// One entry of an <c>allow-transfer</c> list: an address prefix, a TSIG key name, or both (then
/// both must match, like a Knot <c>acl</c> with <c>address</c> and <c>key</c>).
/// </summary>
public sealed record TransferAclEntry(AddressPrefix? Prefix, string? KeyName)
{
    public bool Matches(in PeerAddress peer, string? verifiedKeyName)
    {
        if (Prefix is not null && !Prefix.Contains(peer)) { return false; }
        if (KeyName is not null && (verifiedKeyName is null || NormalizeKeyName(verifiedKeyName) != KeyName)) { return false; }
        return true;
    }

    /// <summary>
    /// Parses <c>"10.0.0.0/8"</c>, <c>"::1"</c>, <c>"key:NAME"</c> or <c>"PREFIX key:NAME"</c>;
    /// null with a reason when the text is none of these.
    /// </summary>
    public static TransferAclEntry? Parse(string text, out string? reason)
    {
        reason = null;
        AddressPrefix? prefix = null;
        string? key = null;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.StartsWith("key:", StringComparison.OrdinalIgnoreCase))
            {
                var name = word[4..];
                if (key is not null) { reason = "names two keys"; return null; }
                if (!DnsName.TryParseAbsolute(name, out _, out var why) || name.Length == 0)
                {
                    reason = $"key name '{name}' is not a domain name{(why is null ? "" : ": " + why)}";
                    return null;
                }
                key = NormalizeKeyName(name);
            }
            else
            {
                if (prefix is not null) { reason = "names two address prefixes"; return null; }
                if (!AddressPrefix.TryParse(word, out prefix))
                {
                    reason = $"'{word}' is neither an address prefix (127.0.0.1, 10.0.0.0/8, ::1/128) nor key:NAME";
                    return null;
                }
            }
        }
        if (prefix is null && key is null) { reason = "is empty"; return null; }
        return new TransferAclEntry(prefix, key);
    }

    /// <summary>TSIG key names are domain names (RFC 8945 §4.2): compared without case and trailing dot.</summary>
    public static string NormalizeKeyName(string name) => name.TrimEnd('.').ToLowerInvariant() + ".";

    public override string ToString() => (Prefix, KeyName) switch
    {
        (not null, not null) => $"{Prefix} key:{KeyName}",
        (not null, null) => Prefix.ToString(),
        _ => $"key:{KeyName}",
    };
}

/// <summary>
/// Who may transfer a zone (RFC 5936 §5: a server should restrict transfers). Default deny: an
/// empty list allows no one. A request is allowed when any entry matches.
/// </summary>
public sealed class TransferAcl(IReadOnlyList<TransferAclEntry> entries)
{
    public static readonly TransferAcl DenyAll = new([]);

    /// <summary>An array, so that matching walks it without an enumerator (nothing allocated per request).</summary>
    private readonly TransferAclEntry[] _entries = [.. entries];

    public IReadOnlyList<TransferAclEntry> Entries => _entries;

    /// <param name="peer">The peer; <see cref="PeerAddress.None"/> (no address known) matches no prefix.</param>
    /// <param name="verifiedKeyName">The TSIG key the request was verified with, or null when it had none.</param>
    public bool Allows(in PeerAddress peer, string? verifiedKeyName)
    {
        foreach (var entry in _entries)
        {
            if (entry.Matches(peer, verifiedKeyName)) { return true; }
        }
        return false;
    }

    /// <summary>The same for an endpoint (configuration checks and tests); null matches no prefix.</summary>
    public bool Allows(EndPoint? remote, string? verifiedKeyName) => Allows(PeerAddress.FromEndPoint(remote), verifiedKeyName);
}

using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Desec.Auth.Config;

/// <summary>
/// The server's settings: from the JSON config file (keys in kebab-case), then command-line flags,
/// which win. Unknown keys and bad values stop start-up with a message that names them.
/// </summary>
public sealed partial record ServerConfig
{
    /// <summary>The folder of zone files; unset means <c>zones</c>, or none when a database is given.</summary>
    public string? Zones { get; init; }

    /// <summary>An Npgsql connection string: zones are also read from this PostgreSQL database, live.</summary>
    public string? Database { get; init; }

    /// <summary>The zone folder to read, or null when zones come only from the database.</summary>
    public string? ZonesFolder => Zones ?? (Database is null ? "zones" : null);
    public List<string> Listen { get; init; } = ["127.0.0.1:5353", "[::1]:5353"];
    public string State { get; init; } = "state";
    public ushort MaxUdpPayload { get; init; } = 1232;
    public string? Nsid { get; init; }

    /// <summary>
    /// The server cookie secret (RFC 9018 §4.4) as 32 hex digits; unset draws a random one at
    /// start-up. Set the same secret on every server of an anycast address.
    /// </summary>
    public string? CookieSecret { get; init; }

    /// <summary>The cookie secret's 16 octets, or null when unset (<see cref="Validate"/> has checked the text).</summary>
    public byte[]? CookieSecretBytes() => CookieSecret is null ? null : Convert.FromHexString(CookieSecret);
    /// <summary>UDP sockets (and receive loops) per address; 0 means one per core.</summary>
    public int UdpSocketsPerAddress { get; init; }

    /// <summary>Reload changed zone files as they change (a watch of the zones folder), not only on SIGHUP.</summary>
    public bool WatchZones { get; init; }

    /// <summary>DNSSEC policy for every zone.</summary>
    public SigningConfig Signing { get; init; } = new();

    /// <summary>DNSSEC policy per zone name, over <see cref="Signing"/>.</summary>
    public Dictionary<string, SigningConfig> ZoneSigning { get; init; } = [];

    /// <summary>
    /// Who may transfer every zone (AXFR, IXFR): address prefixes (<c>127.0.0.1</c>, <c>10.0.0.0/8</c>,
    /// <c>::1/128</c>), TSIG keys (<c>key:NAME</c>), or both in one entry (<c>"10.0.0.0/8 key:NAME"</c>).
    /// Empty: nobody (default deny).
    /// </summary>
    public List<string> AllowTransfer { get; init; } = [];

    /// <summary>Secondaries (ADDRESS:PORT) sent a NOTIFY (RFC 1996) whenever a zone gets a new version.</summary>
    public List<string> Notify { get; init; } = [];

    /// <summary>
    /// Secondaries of every zone: each gets NOTIFY on every new version, signed with its TSIG key
    /// when it has one, and may transfer the zone (with its key: from any address; without: from its
    /// address). <c>zone-transfer.ZONE.secondaries</c> replaces this list for one zone.
    /// </summary>
    public List<SecondaryConfig> Secondaries { get; init; } = [];

    /// <summary>Journal bounds for every zone (Knot's names): octets (<c>100M</c>), versions, and an age (<c>14d</c>).</summary>
    public string? JournalMaxUsage { get; init; }
    public int? JournalMaxDepth { get; init; }
    public string? JournalMaxAge { get; init; }

    /// <summary>NOTIFY messages awaiting an answer at once, over every zone and secondary.</summary>
    public int NotifyMaxInFlight { get; init; } = 32;

    /// <summary>NOTIFY messages sent per second at most (first sends and retries), so that a start-up with many zones is a steady stream.</summary>
    public double NotifyRate { get; init; } = 200;

    /// <summary>The first wait before a zone that failed to publish is tried again (doubling after each failure).</summary>
    public string PublishRetryFirst { get; init; } = "1s";

    /// <summary>The longest wait between two tries of a zone that keeps failing.</summary>
    public string PublishRetryMax { get; init; } = "5m";

    public Desec.Auth.Transfer.NotifyOptions NotifyOptions() => new(NotifyMaxInFlight, NotifyRate);

    public Desec.Auth.Publishing.RetryPolicy PublishRetry()
    {
        var first = ConfigValues.ParseDuration(PublishRetryFirst, "publish-retry-first");
        var last = ConfigValues.ParseDuration(PublishRetryMax, "publish-retry-max");
        if (first <= TimeSpan.Zero) { throw new ConfigException($"publish-retry-first: '{PublishRetryFirst}' must be above 0"); }
        if (last < first) { throw new ConfigException($"publish-retry-max: '{PublishRetryMax}' is below publish-retry-first"); }
        return new Desec.Auth.Publishing.RetryPolicy(first, last);
    }

    /// <summary>The NOTIFY targets of one zone: its own <c>notify</c> when set, else the global list.</summary>
    public List<IPEndPoint> NotifyFor(Desec.Zone.Names.DnsName zone)
    {
        var entries = ForZone(ZoneTransfer, zone, c => c.Notify is not null)?.Config.Notify ?? Notify;
        return entries.Select(e => ParseEndPoint(e, "notify")).ToList();
    }

    /// <summary>The secondaries of one zone, and where in the config they are listed.</summary>
    public (List<SecondaryConfig> List, string Where) SecondariesFor(Desec.Zone.Names.DnsName zone) =>
        ForZone(ZoneTransfer, zone, c => c.Secondaries is not null) is { } own
            ? (own.Config.Secondaries!, $"zone-transfer.{own.Name}.secondaries")
            : (Secondaries, "secondaries");

    /// <summary>
    /// Everyone to NOTIFY for one zone: its <c>notify</c> addresses (unsigned) and its secondaries
    /// (signed with their keys). An address in both is notified once, as the secondary.
    /// </summary>
    public List<Desec.Auth.Transfer.NotifyTarget> NotifyTargetsFor(Desec.Zone.Names.DnsName zone, Desec.Zone.Tsig.TsigKeyring keyring)
    {
        var (secondaries, where) = SecondariesFor(zone);
        var targets = secondaries.Select(s => new Desec.Auth.Transfer.NotifyTarget(s.EndPoint(where), KeyOf(s, keyring, where))).ToList();
        foreach (var endpoint in NotifyFor(zone))
        {
            if (!targets.Any(t => t.EndPoint.Equals(endpoint))) { targets.Add(new Desec.Auth.Transfer.NotifyTarget(endpoint, null)); }
        }
        return targets;
    }

    private static Desec.Zone.Tsig.TsigKey? KeyOf(SecondaryConfig secondary, Desec.Zone.Tsig.TsigKeyring keyring, string where)
    {
        if (secondary.KeyName is null) { return null; }
        if (!Desec.Zone.Names.DnsName.TryParseAbsolute(secondary.TsigKey!, out var name, out var reason))
        {
            throw new ConfigException($"{where}: secondary {secondary}: key name '{secondary.TsigKey}' is not a domain name: {reason}");
        }
        return keyring.Find(name)
            ?? throw new ConfigException($"{where}: secondary {secondary}: TSIG key '{secondary.TsigKey}' is not defined in tsig-keys");
    }

    /// <summary>The journal bounds of one zone: its own settings over the global ones over the defaults.</summary>
    public Desec.Auth.Transfer.JournalLimits JournalLimitsFor(Desec.Zone.Names.DnsName zone)
    {
        var own = ForZone(ZoneTransfer, zone, c => c.JournalMaxUsage is not null || c.JournalMaxDepth is not null || c.JournalMaxAge is not null);
        string where = own is null ? "" : $"zone-transfer.{own.Value.Name}.";
        string? usage = own?.Config.JournalMaxUsage ?? JournalMaxUsage;
        int? depth = own?.Config.JournalMaxDepth ?? JournalMaxDepth;
        string? age = own?.Config.JournalMaxAge ?? JournalMaxAge;
        string Where(string key, bool zoneHasIt) => zoneHasIt ? where + key : key;
        if (depth is < 0) { throw new ConfigException($"{Where("journal-max-depth", own?.Config.JournalMaxDepth is not null)}: {depth} is negative"); }
        return new Desec.Auth.Transfer.JournalLimits(
            depth ?? Desec.Auth.Transfer.JournalLimits.DefaultMaxEntries,
            usage is null ? Desec.Auth.Transfer.JournalLimits.DefaultMaxBytes
                : ConfigValues.ParseSize(usage, Where("journal-max-usage", own?.Config.JournalMaxUsage is not null)),
            age is null ? null : ConfigValues.ParseDuration(age, Where("journal-max-age", own?.Config.JournalMaxAge is not null)));
    }

    /// <summary>The name of a catalog zone (RFC 9432) listing every served zone, e.g. <c>catalog.invalid.</c>; none when null.</summary>
    public string? Catalog { get; init; }

    public Desec.Zone.Names.DnsName? CatalogName() =>
        Catalog is null ? null : Desec.Zone.Names.DnsName.TryParseAbsolute(Catalog, out var name, out var error)
            ? name : throw new ConfigException($"catalog: '{Catalog}' is not a zone name: {error}");

    /// <summary>The catalog <c>group</c> of a zone, from <c>zone-transfer.ZONE.catalog-group</c>.</summary>
    public string? CatalogGroupFor(Desec.Zone.Names.DnsName zone) =>
        ForZone(ZoneTransfer, zone, c => c.CatalogGroup is not null)?.Config.CatalogGroup;

    /// <summary>
    /// The per-zone settings that apply to <paramref name="zone"/> (keys are zone names, with or
    /// without the final dot) among those that have the setting in question; the last match wins.
    /// </summary>
    private static (string Name, T Config)? ForZone<T>(Dictionary<string, T> perZone, Desec.Zone.Names.DnsName zone, Func<T, bool> hasSetting)
    {
        (string, T)? found = null;
        foreach (var (name, config) in perZone)
        {
            if (config is not null && hasSetting(config)
                && Desec.Zone.Names.DnsName.TryParseAbsolute(name, out var parsed, out _) && parsed == zone)
            {
                found = (name, config);
            }
        }
        return found;
    }

    /// <summary>Transfer settings per zone name, over the global ones.</summary>
    public Dictionary<string, ZoneTransferConfig> ZoneTransfer { get; init; } = [];

    /// <summary>The transfer ACL of one zone: its own <c>allow-transfer</c> when set, else the global one.</summary>
    public Desec.Auth.Transfer.TransferAcl TransferAclFor(Desec.Zone.Names.DnsName zone)
    {
        var acl = ForZone(ZoneTransfer, zone, c => c.AllowTransfer is not null) is { } own
            ? ZoneTransferConfig.ParseAcl(own.Config.AllowTransfer!, $"zone-transfer.{own.Name}.allow-transfer")
            : ZoneTransferConfig.ParseAcl(AllowTransfer, "allow-transfer");
        // A listed secondary may transfer the zone: with a key, by that key from any address (an
        // anycast secondary is notified at its service address but fetches from its own); without
        // a key, from the address it is notified at.
        var (secondaries, where) = SecondariesFor(zone);
        var entries = acl.Entries.ToList();
        foreach (var secondary in secondaries)
        {
            entries.Add(secondary.KeyName is { } key
                ? new Desec.Auth.Transfer.TransferAclEntry(null, key)
                : new Desec.Auth.Transfer.TransferAclEntry(Desec.Auth.Transfer.AddressPrefix.Host(secondary.EndPoint(where).Address), null));
        }
        return new Desec.Auth.Transfer.TransferAcl(entries);
    }
    /// <summary>TSIG keys shared with secondaries and other peers (RFC 8945), in the config as <c>tsig-keys</c>.</summary>
    public List<TsigKeyConfig> TsigKeys { get; init; } = [];

    /// <summary>The TSIG keys as a keyring; bad base64, an unknown algorithm or a duplicate name stop start-up.</summary>
    public Desec.Zone.Tsig.TsigKeyring TsigKeyring() => TsigKeyConfig.BuildKeyring(TsigKeys);

    /// <summary>The signing policy of one zone.</summary>
    public Desec.Signer.Signing.SigningPolicy PolicyFor(Desec.Zone.Names.DnsName zone)
    {
        var policy = Signing.ApplyTo(new Desec.Signer.Signing.SigningPolicy(), "signing");
        foreach (var (name, config) in ZoneSigning)
        {
            if (Desec.Zone.Names.DnsName.TryParseAbsolute(name, out var parsed, out _) && parsed == zone)
            {
                policy = config.ApplyTo(policy, $"zone-signing.{name}");
            }
        }
        return policy;
    }

    /// <summary>
    /// Settings that work but go against an RFC's advice (NSEC3 iterations or a salt, RFC 9276 §3.1),
    /// each naming its key; the server logs them as warnings at start-up. Call after <see cref="Validate"/>.
    /// </summary>
    public IEnumerable<string> Advice()
    {
        var basis = new Desec.Signer.Signing.SigningPolicy();
        var global = Signing.ApplyTo(basis, "signing");
        foreach (var advice in Signing.Advice(basis, "signing")) { yield return advice; }
        foreach (var (name, config) in ZoneSigning)
        {
            foreach (var advice in config.Advice(global, $"zone-signing.{name}")) { yield return advice; }
        }
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.KebabCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        // A null where the settings have no null (a list, an object) is refused with its path, not taken.
        RespectNullableAnnotations = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static ServerConfig Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<ServerConfig>(File.ReadAllText(path), Json)
                ?? throw new ConfigException($"{path}: empty configuration");
        }
        catch (JsonException e)
        {
            throw new ConfigException($"{path}: {e.Message}");
        }
        catch (IOException e)
        {
            throw new ConfigException($"{path}: {e.Message}");
        }
    }

    /// <summary>Checks values and resolves the listen addresses.</summary>
    public List<IPEndPoint> Validate()
    {
        if (MaxUdpPayload < 512) { throw new ConfigException($"max-udp-payload {MaxUdpPayload} is below 512"); }
        ValidateTcp();
        if (UdpSocketsPerAddress < 0) { throw new ConfigException($"udp-sockets-per-address {UdpSocketsPerAddress} is negative"); }
        if (NotifyMaxInFlight <= 0) { throw new ConfigException($"notify-max-in-flight {NotifyMaxInFlight} must be above 0"); }
        if (!(NotifyRate > 0) || double.IsInfinity(NotifyRate)) { throw new ConfigException($"notify-rate {NotifyRate} must be above 0 messages a second"); }
        PublishRetry();
        if (Nsid is { Length: > 128 }) { throw new ConfigException("nsid is longer than 128 characters"); }
        if (CookieSecret is not null && (CookieSecret.Length != 2 * Desec.Zone.Messages.ServerCookie.SecretLength || !CookieSecret.All(char.IsAsciiHexDigit)))
        {
            throw new ConfigException($"cookie-secret: expected {2 * Desec.Zone.Messages.ServerCookie.SecretLength} hex digits (16 octets, RFC 9018 §4.4)");
        }
        if (Listen.Count == 0) { throw new ConfigException("listen has no address"); }
        CheckFolder(State, "state");
        if (Zones is not null) { CheckFolder(Zones, "zones"); }
        if (Database is not null)
        {
            try { _ = new Npgsql.NpgsqlConnectionStringBuilder(Database); }
            catch (ArgumentException e) { throw new ConfigException($"database: not a connection string: {e.Message}"); }
        }
        Signing.ApplyTo(new Desec.Signer.Signing.SigningPolicy(), "signing");
        foreach (var (name, config) in ZoneSigning)
        {
            if (!Desec.Zone.Names.DnsName.TryParseAbsolute(name, out _, out var reason))
            {
                throw new ConfigException($"zone-signing: '{name}' is not a zone name: {reason}");
            }
            if (config is null) { throw new ConfigException($"zone-signing.{name}: expected an object"); }
            config.ApplyTo(new Desec.Signer.Signing.SigningPolicy(), $"zone-signing.{name}");
        }
        ZoneTransferConfig.ParseAcl(AllowTransfer, "allow-transfer");
        foreach (var (name, config) in ZoneTransfer)
        {
            if (!Desec.Zone.Names.DnsName.TryParseAbsolute(name, out _, out var reason))
            {
                throw new ConfigException($"zone-transfer: '{name}' is not a zone name: {reason}");
            }
            if (config is null) { throw new ConfigException($"zone-transfer.{name}: expected an object"); }
            if (config.AllowTransfer is not null) { ZoneTransferConfig.ParseAcl(config.AllowTransfer, $"zone-transfer.{name}.allow-transfer"); }
        }
        foreach (var target in Notify) { ParseEndPoint(target, "notify"); }
        if (Catalog is not null && !Desec.Zone.Names.DnsName.TryParseAbsolute(Catalog, out _, out var catalogError))
        {
            throw new ConfigException($"catalog: '{Catalog}' is not a zone name: {catalogError}");
        }
        foreach (var (name, config) in ZoneTransfer)
        {
            if (config?.CatalogGroup is { } group && (group.Length == 0 || System.Text.Encoding.UTF8.GetByteCount(group) > 255))
            {
                throw new ConfigException($"zone-transfer.{name}.catalog-group: must be 1 to 255 octets");
            }
        }
        foreach (var (name, config) in ZoneTransfer)
        {
            foreach (var target in config?.Notify ?? []) { ParseEndPoint(target, $"zone-transfer.{name}.notify"); }
        }
        var keyring = TsigKeyring();
        CheckAclKeys(AllowTransfer, "allow-transfer", keyring);
        foreach (var (name, config) in ZoneTransfer)
        {
            if (config.AllowTransfer is not null) { CheckAclKeys(config.AllowTransfer, $"zone-transfer.{name}.allow-transfer", keyring); }
        }
        CheckSecondaries(Secondaries, "secondaries", keyring);
        foreach (var (name, config) in ZoneTransfer)
        {
            if (config.Secondaries is not null) { CheckSecondaries(config.Secondaries, $"zone-transfer.{name}.secondaries", keyring); }
        }
        var anyZone = Desec.Zone.Names.DnsName.Parse(".");
        JournalLimitsFor(anyZone);
        foreach (var name in ZoneTransfer.Keys) { JournalLimitsFor(Desec.Zone.Names.DnsName.Parse(name.TrimEnd('.') + ".")); }
        return Listen.Select(e => ParseEndPoint(e, "listen")).ToList();
    }

    private static void CheckFolder(string path, string key)
    {
        if (path.Length == 0 || path.Contains('\0')) { throw new ConfigException($"{key}: '{path.Replace("\0", "\\0")}' is not a folder path"); }
    }

    private static void CheckSecondaries(List<SecondaryConfig> secondaries, string where, Desec.Zone.Tsig.TsigKeyring keyring)
    {
        foreach (var secondary in secondaries)
        {
            if (secondary is null) { throw new ConfigException($"{where}: an entry is null"); }
            secondary.EndPoint(where);
            KeyOf(secondary, keyring, where);
        }
    }

    /// <summary>A <c>key:NAME</c> entry must name a key in <c>tsig-keys</c>, or it could never match.</summary>
    private static void CheckAclKeys(List<string> entries, string where, Desec.Zone.Tsig.TsigKeyring keyring)
    {
        foreach (var entry in ZoneTransferConfig.ParseAcl(entries, where).Entries)
        {
            if (entry.KeyName is { } key && keyring.Find(Desec.Zone.Names.DnsName.Parse(key)) is null)
            {
                throw new ConfigException($"{where}: entry '{entry}' names TSIG key '{key}', which is not defined in tsig-keys");
            }
        }
    }

    public static IPEndPoint ParseEndPoint(string text, string where = "listen")
    {
        if (!IPEndPoint.TryParse(text, out var endpoint) || endpoint.Port == 0 && !text.EndsWith(":0", StringComparison.Ordinal))
        {
            throw new ConfigException($"{where} address '{text}' is not ADDRESS:PORT (IPv6 as [ADDRESS]:PORT)");
        }
        return endpoint;
    }
}

public sealed class ConfigException(string message) : Exception(message);

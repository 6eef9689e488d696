using System.Globalization;
using Desec.Auth.Config;
using Npgsql;

namespace Desec.Auth.Database;

/// <summary>
/// One <c>zones</c> row: the name, the version counter and the per-zone DNSSEC policy. <see cref="Problems"/>
/// holds the columns that could not be taken at all (too long, a NULL inside an array, out of range);
/// such a row is refused with them.
/// </summary>
public sealed record ZoneRow(string Name, long Version, SigningConfig Policy)
{
    public IReadOnlyList<string> Problems { get; init; } = [];
}

/// <summary>
/// One <c>records</c> row, as written by the operator. A column too long to be read is null, and
/// <see cref="Problem"/> says which and why; such a row is refused with it.
/// </summary>
public sealed record RecordRow(long Id, string? Owner, string? Type, long Ttl, string? Rdata)
{
    public string? Problem { get; init; }

    public override string ToString() => $"{Shown(Owner)} {Ttl} {Shown(Type)} {Shown(Rdata)}";

    private static string Shown(string? column) => column is null ? "(too long to show)" : column.Length > 200 ? column[..200] + "..." : column;
}

/// <summary>
/// Reads zones and their records in one REPEATABLE READ transaction: every row comes from the
/// same snapshot, so a transaction that changed many rows is seen whole or not at all, and the
/// version read is the version of exactly these rows.
/// </summary>
/// <remarks>
/// Rows are outside input: a value that cannot be taken becomes a problem of its zone, never an exception
/// that would stop every zone. Text columns longer than any valid value are not even fetched (the database
/// sends NULL and the length), so a row of a gigabyte costs nothing here.
/// </remarks>
public static class ZoneRowReader
{
    /// <summary>A name in presentation form: 255 octets, each at most 4 characters (<c>\DDD</c>), and room for spaces.</summary>
    public const int MaxNameText = 1100;

    /// <summary>A type mnemonic or <c>TYPEnnnnn</c>.</summary>
    public const int MaxTypeText = 32;

    /// <summary>
    /// RDATA in presentation form: the largest RDATA (65,535 octets) written as <c>\DDD</c> escapes takes
    /// four characters per octet; a fifth for quotes, spaces and parentheses.
    /// </summary>
    public const int MaxRdataText = 5 * 65_535;

    /// <summary>Policy text columns (an algorithm, NSEC3 parameters with a 255-octet salt in hex) and digest type lists.</summary>
    public const int MaxPolicyText = 1024;

    private static string Capped(string column, int max) =>
        $"CASE WHEN octet_length({column}) <= {max} THEN {column} END, octet_length({column})";

    private static readonly string ZoneColumns = string.Join(", ",
        "name", "version", Capped("algorithm", MaxPolicyText), Capped("denial", MaxPolicyText), Capped("nsec3_parameters", MaxPolicyText),
        "signature_validity_days", "key_ttl", Capped("cds_digest_types::text", MaxPolicyText), "publish_provisioned_sep_cds", "csync");

    private static readonly string RecordColumns = string.Join(", ",
        "zone", "id", Capped("owner", MaxNameText), Capped("type", MaxTypeText), "ttl", Capped("rdata", MaxRdataText));

    /// <summary>
    /// Calls <paramref name="each"/> for every zone in <paramref name="names"/> (every zone when null)
    /// with its rows; zones that do not exist are not reported.
    /// </summary>
    public static async Task ReadAsync(NpgsqlConnection connection, IReadOnlyCollection<string>? names,
        Action<ZoneRow, List<RecordRow>> each, CancellationToken cancel = default)
    {
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancel);
        var zones = new Dictionary<string, ZoneRow>(StringComparer.Ordinal);
        string filter = names is null ? "" : " WHERE name = ANY($1)";
        await using (var command = new NpgsqlCommand($"SELECT {ZoneColumns} FROM zones{filter}", connection, transaction))
        {
            if (names is not null) { command.Parameters.AddWithValue(names.ToArray()); }
            await using var reader = await command.ExecuteReaderAsync(cancel);
            while (await reader.ReadAsync(cancel))
            {
                var row = ReadZone(reader);
                zones[row.Name] = row;
            }
        }
        string recordFilter = names is null ? "" : " WHERE zone = ANY($1)";
        await using (var command = new NpgsqlCommand(
            $"SELECT {RecordColumns} FROM records{recordFilter} ORDER BY zone, id", connection, transaction))
        {
            if (names is not null) { command.Parameters.AddWithValue(names.ToArray()); }
            await using var reader = await command.ExecuteReaderAsync(cancel);
            string? current = null;
            var rows = new List<RecordRow>();
            while (await reader.ReadAsync(cancel))
            {
                string zone = reader.GetString(0);
                if (zone != current)
                {
                    if (current is not null && zones.Remove(current, out var done)) { each(done, rows); }
                    current = zone;
                    rows = [];
                }
                rows.Add(ReadRecord(reader));
            }
            if (current is not null && zones.Remove(current, out var last)) { each(last, rows); }
        }
        // Zones without any record (refused by the builder: no SOA).
        foreach (var empty in zones.Values) { each(empty, []); }
        await transaction.CommitAsync(cancel);
    }

    private static ZoneRow ReadZone(NpgsqlDataReader reader)
    {
        var problems = new List<string>();
        string? Text(int ordinal, string column)
        {
            if (!reader.IsDBNull(ordinal)) { return reader.GetString(ordinal); }
            if (!reader.IsDBNull(ordinal + 1)) { problems.Add($"{column} is {reader.GetInt32(ordinal + 1)} octets long, more than any valid value"); }
            return null;
        }
        string? algorithm = Text(2, "algorithm"), denial = Text(4, "denial"), nsec3 = Text(6, "nsec3_parameters");
        string? digests = Text(10, "cds_digest_types");
        uint? keyTtl = null;
        if (!reader.IsDBNull(9))
        {
            long ttl = reader.GetInt64(9);
            // RFC 2181 §8: a TTL is at most 2^31 - 1.
            if (ttl is >= 0 and <= int.MaxValue) { keyTtl = (uint)ttl; }
            else { problems.Add($"key_ttl {ttl} is outside 0..2147483647 (RFC 2181 §8)"); }
        }
        var policy = new SigningConfig
        {
            Algorithm = algorithm,
            Denial = denial,
            Nsec3Parameters = nsec3,
            SignatureValidityDays = reader.IsDBNull(8) ? null : reader.GetDouble(8),
            KeyTtl = keyTtl,
            CdsDigestTypes = digests is null ? null : DigestTypes(digests, problems),
            PublishProvisionedSepCds = reader.IsDBNull(12) ? null : reader.GetBoolean(12),
            Csync = reader.IsDBNull(13) ? null : reader.GetBoolean(13),
        };
        return new ZoneRow(reader.GetString(0), reader.GetInt64(1), policy) { Problems = problems };
    }

    /// <summary>
    /// A <c>smallint[]</c> in PostgreSQL's text form (<c>{2,4}</c>) as digest types. Read as text, so
    /// that a NULL element, a value outside 0..255 or a nested array is a problem of this zone, not a
    /// cast that throws (or a silent wrap of 258 to 2).
    /// </summary>
    private static List<byte>? DigestTypes(string text, List<string> problems)
    {
        string inner = text.Length >= 2 && text[0] == '{' && text[^1] == '}' ? text[1..^1] : "{";
        if (inner.Contains('{') || inner.Contains('}'))
        {
            problems.Add($"cds_digest_types '{text}' is not a list of digest types");
            return null;
        }
        var types = new List<byte>();
        foreach (string element in inner.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (element.Equals("NULL", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add("cds_digest_types has a NULL element");
                return null;
            }
            if (!byte.TryParse(element, NumberStyles.None, CultureInfo.InvariantCulture, out byte type))
            {
                problems.Add($"cds_digest_types element {element} is not a digest type (0..255)");
                return null;
            }
            types.Add(type);
        }
        return types;
    }

    private static RecordRow ReadRecord(NpgsqlDataReader reader)
    {
        string? problem = null;
        string? Text(int ordinal, string column)
        {
            if (!reader.IsDBNull(ordinal)) { return reader.GetString(ordinal); }
            problem ??= $"{column} is {reader.GetInt32(ordinal + 1)} octets long, more than any valid value";
            return null;
        }
        string? owner = Text(2, "owner"), type = Text(4, "type");
        long ttl = reader.GetInt64(6);
        string? rdata = Text(7, "rdata");
        // RFC 2181 §8 (the schema checks it too, but a dropped constraint must not wrap a TTL).
        if (ttl is < 0 or > int.MaxValue) { problem ??= $"TTL {ttl} is outside 0..2147483647 (RFC 2181 §8)"; }
        return new RecordRow(reader.GetInt64(1), owner, type, ttl, rdata) { Problem = problem };
    }
}

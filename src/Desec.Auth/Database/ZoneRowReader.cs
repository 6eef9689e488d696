using Desec.Auth.Config;
using Npgsql;

namespace Desec.Auth.Database;

/// <summary>One <c>zones</c> row: the name, the version counter and the per-zone DNSSEC policy.</summary>
public sealed record ZoneRow(string Name, long Version, SigningConfig Policy);

/// <summary>One <c>records</c> row, as written by the operator.</summary>
public sealed record RecordRow(long Id, string Owner, string Type, long Ttl, string Rdata)
{
    public override string ToString() => $"{Owner} {Ttl} {Type} {Rdata}";
}

/// <summary>
/// Reads zones and their records in one REPEATABLE READ transaction: every row comes from the
/// same snapshot, so a transaction that changed many rows is seen whole or not at all, and the
/// version read is the version of exactly these rows.
/// </summary>
public static class ZoneRowReader
{
    private const string ZoneColumns =
        "name, version, algorithm, denial, nsec3_parameters, signature_validity_days, key_ttl, cds_digest_types, publish_provisioned_sep_cds, csync";

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
                var row = new ZoneRow(reader.GetString(0), reader.GetInt64(1), new SigningConfig
                {
                    Algorithm = reader.IsDBNull(2) ? null : reader.GetString(2),
                    Denial = reader.IsDBNull(3) ? null : reader.GetString(3),
                    Nsec3Parameters = reader.IsDBNull(4) ? null : reader.GetString(4),
                    SignatureValidityDays = reader.IsDBNull(5) ? null : reader.GetDouble(5),
                    KeyTtl = reader.IsDBNull(6) ? null : (uint)reader.GetInt64(6),
                    CdsDigestTypes = reader.IsDBNull(7) ? null : reader.GetFieldValue<short[]>(7).Select(d => (byte)d).ToList(),
                    PublishProvisionedSepCds = reader.IsDBNull(8) ? null : reader.GetBoolean(8),
                    Csync = reader.IsDBNull(9) ? null : reader.GetBoolean(9),
                });
                zones[row.Name] = row;
            }
        }
        string recordFilter = names is null ? "" : " WHERE zone = ANY($1)";
        await using (var command = new NpgsqlCommand(
            $"SELECT zone, id, owner, type, ttl, rdata FROM records{recordFilter} ORDER BY zone, id", connection, transaction))
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
                rows.Add(new RecordRow(reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetString(5)));
            }
            if (current is not null && zones.Remove(current, out var last)) { each(last, rows); }
        }
        // Zones without any record (refused by the builder: no SOA).
        foreach (var empty in zones.Values) { each(empty, []); }
        await transaction.CommitAsync(cancel);
    }
}

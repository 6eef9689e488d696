using Desec.Zone.Rdata;
using Desec.Zone.Records;
using Npgsql;
using NpgsqlTypes;
using ZoneData = Desec.Zone.Zones.Zone;

namespace Desec.Auth.Database;

/// <summary>
/// Writes a validated zone into the database, replacing its records in one transaction (the server
/// sees the old zone or the new one). Owners are absolute and RDATA is the codecs' presentation
/// form, so that export and import again give the same zone. Policy columns are left as they are.
/// </summary>
public static class ZoneImport
{
    /// <summary>The canonical text of a zone name as kept in <c>zones.name</c>.</summary>
    public static string KeyOf(Desec.Zone.Names.DnsName origin) => origin.ToLower().ToString();

    public static async Task<int> WriteAsync(NpgsqlConnection connection, ZoneData zone, CancellationToken cancel = default)
    {
        string name = KeyOf(zone.Origin);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        await using (var insert = new NpgsqlCommand("INSERT INTO zones (name) VALUES ($1) ON CONFLICT (name) DO NOTHING", connection, transaction))
        {
            insert.Parameters.AddWithValue(name);
            await insert.ExecuteNonQueryAsync(cancel);
        }
        await using (var delete = new NpgsqlCommand("DELETE FROM records WHERE zone = $1", connection, transaction))
        {
            delete.Parameters.AddWithValue(name);
            await delete.ExecuteNonQueryAsync(cancel);
        }
        int count = 0;
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY records (zone, owner, type, ttl, rdata) FROM STDIN (FORMAT BINARY)", cancel))
        {
            foreach (var record in zone.Records)
            {
                await copy.StartRowAsync(cancel);
                await copy.WriteAsync(name, NpgsqlDbType.Text, cancel);
                await copy.WriteAsync(record.Owner.ToString(), NpgsqlDbType.Text, cancel);
                await copy.WriteAsync(RRType.ToText(record.Type), NpgsqlDbType.Text, cancel);
                await copy.WriteAsync((long)record.Ttl, NpgsqlDbType.Bigint, cancel);
                await copy.WriteAsync(RdataCodecs.Format(record.Type, record.Rdata), NpgsqlDbType.Text, cancel);
                count++;
            }
            await copy.CompleteAsync(cancel);
        }
        await transaction.CommitAsync(cancel);
        return count;
    }
}
